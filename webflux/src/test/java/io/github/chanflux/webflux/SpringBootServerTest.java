package io.github.chanflux.webflux;

import static io.github.chanflux.webflux.TestServer.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The auto-configured pieces together in a Boot application on a real server. */
@SpringBootTest(
        classes = {TestApp.class, ProxyRoutes.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBootServerTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void handlerSeesTheDeadlineOfTheTimeoutParameter() {
        Instant before = Instant.now();
        String deadline = client().get()
                .uri("/ctx?timeout=1s")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(Instant.parse(deadline))
                .isBetween(before.plusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void aHandlerSlowerThanTheTimeoutIsAGatewayTimeoutProblem() {
        client().get()
                .uri("/never?timeout=100ms")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.logId")
                .isNotEmpty();
    }

    @Test
    void bootsWebClientCarriesTheRequestsDeadlineToTheBackend() throws InterruptedException {
        TestApp.BACKEND_CONTEXTS.clear();
        client().get()
                .uri("/proxy?timeout=200ms")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        Context atBackend = TestApp.BACKEND_CONTEXTS.poll(1, TimeUnit.MINUTES);
        assertThat(atBackend).isNotNull();
        awaitDone(atBackend);
        assertThat(Context.cause(atBackend)).isSameAs(Context.CANCELED);
    }
}
