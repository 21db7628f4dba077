package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import io.github.chanflux.webflux.ProblemDetailErrorHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/** The search server with a fake backend that takes ten minutes: every request ends before its answer. */
@SpringBootTest(
        classes = {SearchApplication.class, RequestContexts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "search.fake-backend.latency=10m")
class SlowBackendTest {

    @LocalServerPort
    int port;

    @Autowired
    FakeSearchBackend backend;

    @Autowired
    RequestContexts contexts;

    private final BlockingQueue<FakeSearchBackend.Call> calls = new LinkedBlockingQueue<>();
    private Disposable watch;

    @BeforeEach
    void watchTheBackend() {
        watch = backend.onCall(calls::add);
    }

    @AfterEach
    void stopWatching() {
        watch.dispose();
    }

    @Test
    void aBackendSlowerThanTheTimeoutIsAGatewayTimeoutProblemAndItsCallIsCancelled() throws InterruptedException {
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri("/search?q=golang&timeout=200ms")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(ProblemDetailErrorHandler.DEADLINE_MESSAGE)
                .jsonPath("$.logId")
                .isNotEmpty();
        FakeSearchBackend.Call call = nextCall("golang");
        assertThat(call.outcome().block(Duration.ofMinutes(1))).isEqualTo(FakeSearchBackend.Outcome.CANCELLED);
        Context ctx = contexts.of("/search?q=golang&timeout=200ms");
        assertThat(RequestContexts.awaitDone(List.of(ctx))).isZero();
        assertThat(Context.cause(ctx)).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(backend.inFlight()).isZero();
    }

    @Test
    void aClientThatGoesAwayCancelsTheBackendCallAndTheRequestsContext() throws Exception {
        FakeSearchBackend.Call call;
        try (HangUp client = new HangUp(port, "/search?q=hang+up")) {
            call = nextCall("hang up"); // the request is at the backend: hang up mid-request
        }
        assertThat(call.outcome().block(Duration.ofMinutes(1))).isEqualTo(FakeSearchBackend.Outcome.CANCELLED);
        Context ctx = contexts.of("/search?q=hang+up");
        assertThat(RequestContexts.awaitDone(List.of(ctx))).isZero();
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
        assertThat(backend.inFlight()).isZero();
    }

    /** The next call the backend took, which must be for {@code query}. */
    private FakeSearchBackend.Call nextCall(String query) throws InterruptedException {
        FakeSearchBackend.Call call = calls.poll(1, TimeUnit.MINUTES);
        assertThat(call).as("a backend call").isNotNull();
        assertThat(call.query()).isEqualTo(query);
        return call;
    }
}
