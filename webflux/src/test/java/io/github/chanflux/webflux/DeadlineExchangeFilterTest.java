package io.github.chanflux.webflux;

import static io.github.chanflux.webflux.TestServer.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Canceled;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.DeadlineExceeded;
import io.github.chanflux.reactor.GoContexts;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The WebClient filter against a real slow backend. The backend runs chanflux's filter too, so
 * its request's context, handed out to the test, is cancelled when the client's call is.
 */
class DeadlineExchangeFilterTest {

    private static final Duration VERIFY_AT_MOST = Duration.ofMinutes(1);

    private static TestServer backend;
    private static WebClient client;

    @BeforeAll
    static void start() {
        backend = new TestServer(
                TestServer.timeouts(),
                TestServer.userIps(false),
                s -> route(
                                GET("/silent"),
                                request -> GoContexts.current()
                                        .doOnNext(s.contexts::add)
                                        .then(Mono.never()))
                        .andRoute(
                                GET("/trickle"),
                                request -> GoContexts.current()
                                        .doOnNext(s.contexts::add)
                                        .flatMap(ctx -> ServerResponse.ok()
                                                .contentType(MediaType.TEXT_EVENT_STREAM)
                                                .body(Flux.just("first").concatWith(Flux.never()), String.class)))
                        .andRoute(GET("/hello"), request -> ServerResponse.ok().bodyValue("hello")));
        client = WebClient.builder()
                .baseUrl(backend.url())
                .filter(new DeadlineExchangeFilter())
                .build();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theDeadlineBoundsTheExchange() throws InterruptedException {
        try (CancelableContext ctx = Context.withTimeout(Context.background(), Duration.ofMillis(100))) {
            StepVerifier.create(client.get()
                            .uri("/silent")
                            .retrieve()
                            .bodyToMono(String.class)
                            .contextWrite(GoContexts.put(ctx)))
                    .expectError(DeadlineExceeded.class)
                    .verify(VERIFY_AT_MOST);
        }
        Context atBackend = backend.nextContext();
        awaitDone(atBackend);
        assertThat(Context.cause(atBackend)).isSameAs(Context.CANCELED);
    }

    @Test
    void cancelingTheContextCancelsTheExchange() throws InterruptedException {
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            StepVerifier.create(client.get()
                            .uri("/silent")
                            .retrieve()
                            .bodyToMono(String.class)
                            .contextWrite(GoContexts.put(ctx)))
                    .then(() -> {
                        Context atBackend = nextContext();
                        ctx.cancel();
                        awaitDoneUnchecked(atBackend);
                    })
                    .expectError(Canceled.class)
                    .verify(VERIFY_AT_MOST);
        }
    }

    @Test
    void cancelingTheContextCancelsTheBodyAfterTheHeaders() throws InterruptedException {
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            StepVerifier.create(client.get()
                            .uri("/trickle")
                            .retrieve()
                            .bodyToFlux(String.class)
                            .contextWrite(GoContexts.put(ctx)))
                    .expectNext("first")
                    .then(ctx::cancel)
                    .expectErrorSatisfies(e -> assertThat(e).cause().isSameAs(Context.CANCELED))
                    .verify(VERIFY_AT_MOST);
        }
        Context atBackend = backend.nextContext();
        awaitDone(atBackend);
        assertThat(Context.cause(atBackend)).isSameAs(Context.CANCELED);
    }

    @Test
    void withoutAGoContextTheCallRunsAsUsual() {
        StepVerifier.create(client.get().uri("/hello").retrieve().bodyToMono(String.class))
                .expectNext("hello")
                .expectComplete()
                .verify(VERIFY_AT_MOST);
    }

    private static Context nextContext() {
        try {
            return backend.nextContext();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitDoneUnchecked(Context ctx) {
        try {
            awaitDone(ctx);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
