package io.github.chanflux.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import io.github.chanflux.reactor.GoContexts;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.WebFluxResponseStatusExceptionHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A real Reactor Netty server on a random port, running routes behind chanflux's filter and error handler. */
final class TestServer implements AutoCloseable {

    private final DisposableServer server;

    /** The contexts that handlers hand out, for the test to watch. */
    final BlockingQueue<Context> contexts = new LinkedBlockingQueue<>();

    /** The status of each finished exchange, as the server's access log would see it (200 if none set). */
    final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();

    TestServer(ChanfluxWebFluxProperties.Timeout timeout, ChanfluxWebFluxProperties.UserIp userIp, Routes routes) {
        var handler = WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes.routes(this)))
                .filter(new GoContextWebFilter(timeout, userIp))
                .exceptionHandler(new ProblemDetailErrorHandler(
                        ServerCodecConfigurer.create().getWriters()))
                .exceptionHandler(new WebFluxResponseStatusExceptionHandler())
                .httpHandlerDecorator(inner -> (request, response) -> inner.handle(request, response)
                        .doFinally(signal -> statuses.add(
                                response.getStatusCode() == null
                                        ? 200
                                        : response.getStatusCode().value())))
                .build();
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(new ReactorHttpHandlerAdapter(handler))
                .bindNow();
    }

    static ChanfluxWebFluxProperties.Timeout timeouts() {
        return new ChanfluxWebFluxProperties.Timeout(true, "timeout", "X-Request-Timeout", null, null);
    }

    static ChanfluxWebFluxProperties.UserIp userIps(boolean trustForwardedFor) {
        return new ChanfluxWebFluxProperties.UserIp(true, trustForwardedFor);
    }

    /** The status of the next exchange to finish. */
    int nextStatus() throws InterruptedException {
        Integer status = statuses.poll(1, TimeUnit.MINUTES);
        assertThat(status).as("a finished exchange's status").isNotNull();
        return status;
    }

    int port() {
        return server.port();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl(url()).build();
    }

    /** The next context a handler handed out. */
    Context nextContext() throws InterruptedException {
        Context ctx = contexts.poll(1, TimeUnit.MINUTES);
        assertThat(ctx).as("a handler's context").isNotNull();
        return ctx;
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    /** Waits until {@code ctx} is done (failing after a minute instead of hanging). */
    static void awaitDone(Context ctx) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Context.afterFunc(ctx, done::countDown);
        assertThat(done.await(1, TimeUnit.MINUTES)).as("context done").isTrue();
    }

    /** A handler answering what the request's Go context holds, as {@code "deadline ip"}; hands the context out. */
    static reactor.core.publisher.Mono<ServerResponse> describeContext(TestServer server) {
        return GoContexts.current().flatMap(ctx -> {
            server.contexts.add(ctx);
            String deadline = ctx.deadline().map(Instant::toString).orElse("none");
            String ip = UserIp.fromContext(ctx).map(InetAddress::getHostAddress).orElse("none");
            return ServerResponse.ok().bodyValue(deadline + " " + ip);
        });
    }

    /** The routes of a server, given the server (for its context queue). */
    @FunctionalInterface
    interface Routes {
        RouterFunction<ServerResponse> routes(TestServer server);
    }
}
