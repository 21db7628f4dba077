package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** {@code search.backend-url} points the server at another backend: here a bare Reactor Netty one. */
@SpringBootTest(
        classes = {SearchApplication.class, RequestContexts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OtherBackendTest {

    private static final DisposableServer OTHER = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(routes -> routes.get(
                    "/api/search",
                    (request, response) -> request.uri().contains("q=broken")
                            ? response.status(500).sendString(Mono.just("broken"))
                            : response.header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"responseData\":{\"results\":[{\"titleNoFormatting\":"
                                            + "\"Elsewhere\",\"url\":\"https://elsewhere.example/\"}]}}"))))
            .bindNow();

    @DynamicPropertySource
    static void backendUrl(DynamicPropertyRegistry registry) {
        registry.add("search.backend-url", () -> "http://127.0.0.1:" + OTHER.port() + "/api/search");
    }

    @AfterAll
    static void stopTheOtherBackend() {
        OTHER.disposeNow();
    }

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void searchesTheConfiguredBackend() {
        String page = client().get()
                .uri("/search?q=golang")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<li>Elsewhere - <a href=\"https://elsewhere.example/\">https://elsewhere.example/</a></li>")
                .contains("1 results in ");
    }

    @Test
    void aFailingBackendIsABadGatewayProblem() {
        client().get()
                .uri("/search?q=broken")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the search backend answered 500 INTERNAL_SERVER_ERROR")
                .jsonPath("$.logId")
                .isNotEmpty();
    }
}
