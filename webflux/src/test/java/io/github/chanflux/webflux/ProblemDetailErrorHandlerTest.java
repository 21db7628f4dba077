package io.github.chanflux.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.errors.ErrorReport;
import io.github.chanflux.reactor.GoContexts;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/** Errors answered as RFC 9457 problem details, against a real server. */
class ProblemDetailErrorHandlerTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(
                TestServer.timeouts(),
                TestServer.userIps(false),
                s -> route(
                                GET("/known"),
                                request -> Mono.error(
                                        new RequestError(HttpStatus.CONFLICT, "the job is already running", null)))
                        .andRoute(GET("/bug"), request -> Mono.error(new IllegalStateException("index out of range")))
                        .andRoute(
                                GET("/spring"),
                                request -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
                        .andRoute(
                                GET("/backend-aborted"),
                                request -> Mono.error(new WebClientRequestException(
                                        AbortedException.beforeSend(),
                                        HttpMethod.GET,
                                        URI.create("http://backend.invalid/"),
                                        new HttpHeaders())))
                        .andRoute(
                                GET("/cancel-own-context"),
                                request -> GoContexts.current().flatMap(ctx -> {
                                    ((CancelableContext) ctx).cancel(); // application code, not the client
                                    return Mono.never();
                                }))
                        .andRoute(RequestPredicates.all(), request -> Mono.error(new IllegalStateException("bug"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aKnownEdgeCaseGetsItsStatusAndMessage() {
        server.client()
                .get()
                .uri("/known")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(409)
                .jsonPath("$.detail")
                .isEqualTo("the job is already running")
                .jsonPath("$.logId")
                .isNotEmpty();
    }

    @Test
    void aBugGetsTheBugMessageAndTheLogId() {
        assertBug("/bug");
    }

    @Test
    void aBackendCallsAbortedExceptionIsABugNotAClientGone() {
        assertBug("/backend-aborted");
    }

    @Test
    void aContextCanceledByTheApplicationIsNotAClientGone() {
        assertBug("/cancel-own-context");
    }

    @Test
    void theInstanceIsAlwaysAPathNeverAHost() {
        server.client()
                .get()
                .uri(URI.create(server.url() + "//evil.example/x"))
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectBody()
                .jsonPath("$.instance")
                .isEqualTo("/.//evil.example/x");
    }

    @Test
    void springsOwnErrorResponsesPassOn() {
        byte[] body = server.client()
                .get()
                .uri("/spring")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(body).isNullOrEmpty();
    }

    /** {@code uri} is answered as a bug: 500, a problem with the bug message and a log ID. */
    private void assertBug(String uri) {
        server.client()
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(ErrorReport.BUG_MESSAGE)
                .jsonPath("$.logId")
                .isNotEmpty();
    }
}
