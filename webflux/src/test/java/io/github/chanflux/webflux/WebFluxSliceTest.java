package io.github.chanflux.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A {@code @WebFluxTest} slice picks up the filter and the error handler. */
@WebFluxTest
class WebFluxSliceTest {

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @Test
    void theSliceHasTheFilterAndTheErrorHandler() {
        assertThat(context.getBeansOfType(GoContextWebFilter.class)).hasSize(1);
        assertThat(context.getBeansOfType(ProblemDetailErrorHandler.class)).hasSize(1);
    }

    @Test
    void aHandlerInTheSliceSeesTheRequestsDeadline() {
        String deadline = client.get()
                .uri("/ctx")
                .header("X-Request-Timeout", "1m")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(deadline).isNotEqualTo("none");
    }
}
