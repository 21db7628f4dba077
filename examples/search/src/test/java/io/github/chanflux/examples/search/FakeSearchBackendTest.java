package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class FakeSearchBackendTest {

    private static FakeSearchBackend backend(double failureRate) {
        return new FakeSearchBackend(
                FakeSearchBackend.bundledData(), new SearchProperties.FakeBackend(Duration.ZERO, failureRate));
    }

    private static WebTestClient client(FakeSearchBackend backend) {
        return WebTestClient.bindToRouterFunction(route(GET(FakeSearchBackend.PATH), backend::search))
                .build();
    }

    @Test
    void findsTheResultsContainingEveryWordIgnoringCase() {
        List<Result> found = backend(0).find("GO blog context");
        assertThat(found)
                .extracting(Result::url)
                .containsExactly("https://go.dev/blog/context", "https://go.dev/blog/context-and-structs");
    }

    @Test
    void answersInTheShapeOfTheGoogleSearchApi() {
        client(backend(0))
                .get()
                .uri(FakeSearchBackend.PATH + "?q=reactor core")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.responseData.results[0].titleNoFormatting")
                .isEqualTo("Reactor Core reference guide")
                .jsonPath("$.responseData.results[0].url")
                .isEqualTo("https://projectreactor.io/docs/core/release/reference/");
    }

    @Test
    void aFailureRateOfOneFailsEveryCall() {
        FakeSearchBackend backend = backend(1);
        client(backend)
                .get()
                .uri(FakeSearchBackend.PATH + "?q=go")
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        assertThat(backend.inFlight()).isZero();
    }

    @Test
    void rejectsAFailureRateOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> backend(1.5)).withMessageContaining("1.5");
    }
}
