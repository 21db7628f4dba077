package io.github.chanflux.webflux;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.reactor.GoContexts;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives each request a Go {@link Context}: the opening of the Go blog's {@code handleSearch},
 * {@code ctx, cancel := context.WithTimeout(context.Background(), timeout); defer cancel()},
 * with the user's IP added as {@code userip.NewContext} does.
 *
 * <p>The context is put in the Reactor subscriber context of the rest of the chain (read it
 * with {@link GoContexts#current()}; a {@code WebClient} with {@link DeadlineExchangeFilter}
 * reads it too) and in the exchange attribute {@link #CONTEXT_ATTRIBUTE}. It carries:
 * <ul>
 * <li>a deadline, if the request gives a timeout in the query parameter or header of
 *     {@link ChanfluxWebFluxProperties.Timeout} (Go duration syntax, {@link GoDuration}, not
 *     trimmed; the parameter wins over the header; an empty value counts as none, as Go's
 *     {@code r.FormValue} gives {@code ""} for it), cut to the configured maximum, else if a
 *     default timeout is configured. A malformed value fails the request with a
 *     {@link RequestError} (400) naming it. When the deadline passes, the rest of the chain is
 *     cancelled and the request fails with {@link Context#DEADLINE_EXCEEDED} (504 from
 *     {@link ProblemDetailErrorHandler} if nothing was written yet);</li>
 * <li>the user's IP ({@link UserIp}), where enabled.</li>
 * </ul>
 * The context is cancelled when the response completes or fails, and when the client goes
 * away: Reactor Netty tells that as a cancel of the chain, or, while the request body is still
 * being read, as an {@code AbortedException}; both cancel it.
 *
 * <p>The deadline bounds the whole exchange, writing the response included: a streamed response
 * (server-sent events, a large body) still running at the deadline is cut off there, the
 * connection closed mid-body. This is Go's {@code http.TimeoutHandler} rather than
 * {@code context.WithTimeout} alone, under which a Go handler that stops watching
 * {@code ctx.Done()} may go on writing past the deadline. A streaming endpoint that must outlive
 * it needs a longer timeout, or none.
 */
public final class GoContextWebFilter implements WebFilter, Ordered {

    /**
     * The filter's order: early, so that the filters after it (security included, at -100) run
     * under the request's context.
     */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

    /** The exchange attribute holding the request's {@link Context}. */
    public static final String CONTEXT_ATTRIBUTE = GoContextWebFilter.class.getName() + ".context";

    private final ChanfluxWebFluxProperties.Timeout timeout;
    private final ChanfluxWebFluxProperties.UserIp userIp;
    private final Duration timeoutLimit;

    /**
     * A filter reading timeouts and the user's IP as configured.
     *
     * @param timeout where a request's timeout comes from, and the default one
     * @param userIp whether, and how, the user's IP is read
     */
    public GoContextWebFilter(ChanfluxWebFluxProperties.Timeout timeout, ChanfluxWebFluxProperties.UserIp userIp) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.userIp = Objects.requireNonNull(userIp, "userIp");
        this.timeoutLimit = timeout.maxTimeout() != null ? timeout.maxTimeout() : timeout.defaultTimeout();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CancelableContext ctx;
        try {
            ctx = newContext(exchange.getRequest());
        } catch (RequestError e) {
            return Mono.error(e);
        }
        exchange.getAttributes().put(CONTEXT_ATTRIBUTE, ctx);
        return chain.filter(exchange)
                .flux()
                .transform(GoContexts.within(ctx))
                .then()
                .contextWrite(GoContexts.put(ctx))
                .doFinally(signal -> ctx.cancel());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The request's context; reads everything that may fail before a timer starts. */
    private CancelableContext newContext(ServerHttpRequest request) {
        Duration requested = timeout.enabled() ? requestedTimeout(request) : null;
        InetAddress ip = userIp.enabled() ? UserIp.fromRequest(request, userIp.trustForwardedFor()) : null;
        Context ctx = ip == null ? Context.background() : UserIp.newContext(Context.background(), ip);
        return requested == null ? Context.withCancel(ctx) : Context.withTimeout(ctx, requested);
    }

    /** The request's timeout, at most the limit, else the default one; null for none. */
    private Duration requestedTimeout(ServerHttpRequest request) {
        String name = timeout.parameter();
        String value = name.isEmpty() ? null : request.getQueryParams().getFirst(name);
        if (value == null || value.isEmpty()) {
            name = timeout.header();
            value = name.isEmpty() ? null : request.getHeaders().getFirst(name);
        }
        if (value == null || value.isEmpty()) {
            return timeout.defaultTimeout();
        }
        Duration requested;
        try {
            requested = GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new RequestError(
                    HttpStatus.BAD_REQUEST,
                    "invalid " + name + " " + GoDuration.quote(value) + ": " + e.getMessage(),
                    e);
        }
        return timeoutLimit != null && requested.compareTo(timeoutLimit) > 0 ? timeoutLimit : requested;
    }
}
