package io.github.chanflux.webflux;

import io.github.chanflux.context.Canceled;
import io.github.chanflux.context.DeadlineExceeded;
import io.github.chanflux.errors.ErrorReport;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Answers a failed request with an RFC 9457 {@link ProblemDetail}
 * ({@code application/problem+json}) carrying the log ID: the book's {@code handleError}
 * ("Concurrency in Go" 5.1) at the top of a web server, with Go's {@code http.Error}.
 * <ul>
 * <li>{@link DeadlineExceeded} (the request's deadline, or a call bounded by it) → 504;</li>
 * <li>the client gone, whatever the error (the connection of this very request closed: Reactor
 *     Netty's, as under Spring Boot's default server) → logged, nothing written, as nobody is
 *     listening; the status is set to 499, nginx's "client closed request", so that access logs
 *     and metrics do not record a 200. An {@code AbortedException} or {@link Canceled} alone
 *     does not tell that the client left: a {@code WebClient} call raises them too, and
 *     application code can cancel the request's context;</li>
 * <li>a {@link RequestError}, the known edge case → its status and user message;</li>
 * <li>anything else, a bug → 500 with {@link ErrorReport#BUG_MESSAGE}.</li>
 * </ul>
 * The log gets {@link ErrorReport#logLine()} under the same log ID, which the problem carries
 * as its {@code logId} property. Spring's own {@link ErrorResponse}s (a 404, a 415…) are not
 * ours, nor is an error on a response already committed: they pass on to the next handler,
 * Boot's {@code DefaultErrorWebExceptionHandler} at order -1. This handler runs at
 * {@link #ORDER}, -2, before it.
 */
public final class ProblemDetailErrorHandler implements WebExceptionHandler, Ordered {

    /** The handler's order: before Boot's error handler, at -1. */
    public static final int ORDER = -2;

    /** What the user is told when the deadline passed: Go's {@code context deadline exceeded}. */
    public static final String DEADLINE_MESSAGE = "The request's deadline passed before it could be answered.";

    /** The status of a request whose client went away: nginx's 499 "client closed request". */
    static final HttpStatusCode CLIENT_CLOSED_REQUEST = HttpStatusCode.valueOf(499);

    private static final Log log = LogFactory.getLog(ProblemDetailErrorHandler.class);

    private final ServerResponse.Context writeContext;

    /**
     * A handler writing problems with {@code writers}, such as those of the application's
     * {@code ServerCodecConfigurer}.
     *
     * @param writers the writers, one of which writes a {@link ProblemDetail} as JSON
     */
    public ProblemDetailErrorHandler(List<HttpMessageWriter<?>> writers) {
        List<HttpMessageWriter<?>> copy = List.copyOf(Objects.requireNonNull(writers, "writers"));
        this.writeContext = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return copy;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted() || ex instanceof ErrorResponse) {
            return Mono.error(ex);
        }
        if (clientGone(exchange)) {
            log.debug("client went away: " + exchange.getRequest().getPath(), ex);
            exchange.getResponse().setStatusCode(CLIENT_CLOSED_REQUEST);
            return Mono.empty();
        }
        ErrorReport report = ErrorReport.of(ex, RequestError.class);
        HttpStatusCode status;
        String message;
        if (causeOfType(ex, DeadlineExceeded.class)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            message = DEADLINE_MESSAGE;
            log.info(report.logLine());
        } else if (ex instanceof RequestError known) {
            status = known.status();
            message = report.userMessage();
            log.info(report.logLine());
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = report.userMessage();
            log.error(report.logLine());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setInstance(pathReference(exchange.getRequest().getPath().value()));
        problem.setProperty("logId", report.logId());
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, writeContext));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Whether this request's own connection (an HTTP/2 stream's channel, under HTTP/2) is closed. */
    private static boolean clientGone(ServerWebExchange exchange) {
        Object connection = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return connection instanceof Connection c && !c.channel().isActive();
    }

    /**
     * {@code path} as a URI reference that is always a path: {@code //evil.example/x} alone would
     * name a host, so it is written {@code /.//evil.example/x}, the same path, as the WHATWG URL
     * standard writes it; null if {@code path} is not a URI path.
     */
    private static URI pathReference(String path) {
        try {
            return URI.create(path.startsWith("//") ? "/." + path : path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean causeOfType(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable e = ex; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }
}
