package io.github.chanflux.webflux;

import static io.github.chanflux.webflux.TestServer.awaitDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.github.chanflux.context.Context;
import io.github.chanflux.reactor.GoContexts;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The per-request Go context, against a real Reactor Netty server. */
class GoContextWebFilterTest {

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private static RouterFunction<ServerResponse> routes(TestServer server) {
        return route(GET("/ctx"), request -> TestServer.describeContext(server))
                .andRoute(
                        GET("/hang"),
                        request -> GoContexts.current()
                                .doOnNext(server.contexts::add)
                                .then(Mono.never()))
                .andRoute(
                        POST("/upload"),
                        request -> GoContexts.current()
                                .flatMap(ctx ->
                                        request.bodyToMono(String.class).doOnSubscribe(s -> server.contexts.add(ctx)))
                                .flatMap(body -> ServerResponse.ok().bodyValue(body.length())))
                .andRoute(GET("/never"), request -> Mono.never());
    }

    private TestServer start(ChanfluxWebFluxProperties.Timeout timeout, boolean trustForwardedFor) {
        server = new TestServer(timeout, TestServer.userIps(trustForwardedFor), GoContextWebFilterTest::routes);
        return server;
    }

    private static ChanfluxWebFluxProperties.Timeout timeouts(Duration defaultTimeout, Duration maxTimeout) {
        return new ChanfluxWebFluxProperties.Timeout(true, "timeout", "X-Request-Timeout", defaultTimeout, maxTimeout);
    }

    private TestServer start() {
        return start(TestServer.timeouts(), false);
    }

    /** The deadline the handler saw, checked to be {@code timeout} after a moment of the exchange. */
    private static void assertDeadline(String body, Instant before, Instant after, Duration timeout) {
        Instant deadline = Instant.parse(body.split(" ")[0]);
        assertThat(deadline).isBetween(before.plus(timeout), after.plus(timeout));
    }

    private String get(String uri, String header, String value) {
        return server.client()
                .get()
                .uri(uri)
                .headers(h -> {
                    if (header != null) {
                        h.add(header, value);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void handlerSeesTheDeadlineOfTheTimeoutParameter() {
        start();
        Instant before = Instant.now();
        String body = get("/ctx?timeout=1s", null, null);
        assertDeadline(body, before, Instant.now(), Duration.ofSeconds(1));
    }

    @Test
    void handlerSeesTheDeadlineOfTheTimeoutHeader() {
        start();
        Instant before = Instant.now();
        String body = get("/ctx", "X-Request-Timeout", "1m30s");
        assertDeadline(body, before, Instant.now(), Duration.ofSeconds(90));
    }

    @Test
    void theParameterWinsOverTheHeader() {
        start();
        Instant before = Instant.now();
        String body = get("/ctx?timeout=250ms", "X-Request-Timeout", "1h");
        assertDeadline(body, before, Instant.now(), Duration.ofMillis(250));
    }

    @Test
    void theDefaultTimeoutAppliesWhenTheRequestGivesNone() {
        start(
                new ChanfluxWebFluxProperties.Timeout(
                        true, "timeout", "X-Request-Timeout", Duration.ofMinutes(5), null),
                false);
        Instant before = Instant.now();
        String body = get("/ctx", null, null);
        assertDeadline(body, before, Instant.now(), Duration.ofMinutes(5));
    }

    /**
     * The timeout a request gets: the one it asks for, at most {@code max-timeout}, which is the
     * default timeout when unset (a request may shorten the server's timeout, not lengthen it).
     */
    @ParameterizedTest(name = "default {0}, max {1}, asked {2}: {3}")
    @CsvSource({
        "PT0.1S,      , 1h, PT0.1S", // cannot lengthen the default
        "PT5M,        , 1s, PT1S", // may shorten it
        "PT0.1S,  PT2H, 1h, PT1H", // the max lets it ask for more
        "      ,  PT1M, 1h, PT1M", // cut to the max
    })
    void theTimeoutARequestGets(Duration defaultTimeout, Duration max, String asked, Duration expected) {
        start(timeouts(defaultTimeout, max), false);
        Instant before = Instant.now();
        String body = get("/ctx?timeout=" + asked, null, null);
        assertDeadline(body, before, Instant.now(), expected);
    }

    @Test
    void anEmptyParameterCountsAsNone() {
        start(timeouts(Duration.ofMinutes(5), null), false);
        Instant before = Instant.now();
        String body = get("/ctx?timeout=", null, null);
        assertDeadline(body, before, Instant.now(), Duration.ofMinutes(5));
        before = Instant.now();
        body = get("/ctx?timeout=", "X-Request-Timeout", "1s");
        assertDeadline(body, before, Instant.now(), Duration.ofSeconds(1));
    }

    @Test
    void anEmptyHeaderCountsAsNone() {
        start();
        assertThat(get("/ctx", "X-Request-Timeout", "")).startsWith("none ");
    }

    @Test
    void aBlankParameterNameSwitchesTheParameterOff() {
        start(new ChanfluxWebFluxProperties.Timeout(true, "", "X-Request-Timeout", null, null), false);
        assertThat(get("/ctx?timeout=oops", null, null)).startsWith("none ");
        Instant before = Instant.now();
        String body = get("/ctx?timeout=oops", "X-Request-Timeout", "1s");
        assertDeadline(body, before, Instant.now(), Duration.ofSeconds(1));
    }

    @Test
    void aBlankHeaderNameSwitchesTheHeaderOff() {
        start(new ChanfluxWebFluxProperties.Timeout(true, "timeout", " ", null, null), false);
        assertThat(get("/ctx", "X-Request-Timeout", "oops")).startsWith("none ");
    }

    @Test
    void aTimeoutIsNotTrimmed() {
        start();
        server.client()
                .get()
                .uri(URI.create(server.url() + "/ctx?timeout=%201s")) // as is: a String would be encoded again
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("invalid timeout \" 1s\": time: invalid duration \" 1s\"");
    }

    @Test
    void noTimeoutNoDeadline() {
        start();
        assertThat(get("/ctx", null, null)).startsWith("none ");
    }

    @Test
    void timeoutsSwitchedOffAreIgnored() {
        start(
                new ChanfluxWebFluxProperties.Timeout(
                        false, "timeout", "X-Request-Timeout", Duration.ofMinutes(5), null),
                false);
        assertThat(get("/ctx?timeout=oops", null, null)).startsWith("none ");
    }

    @Test
    void malformedTimeoutIsABadRequestNamingTheValue() {
        start();
        server.client()
                .get()
                .uri("/ctx?timeout=1x")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.detail")
                .isEqualTo("invalid timeout \"1x\": time: unknown unit \"x\" in duration \"1x\"")
                .jsonPath("$.logId")
                .isNotEmpty();
        assertThat(server.contexts).isEmpty();
    }

    @Test
    void aHandlerSlowerThanTheTimeoutIsAGatewayTimeoutWithTheLogId() {
        start();
        server.client()
                .get()
                .uri("/never?timeout=100ms")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(ProblemDetailErrorHandler.DEADLINE_MESSAGE)
                .jsonPath("$.instance")
                .isEqualTo("/never")
                .jsonPath("$.logId")
                .isNotEmpty();
    }

    @Test
    void theContextIsCanceledWhenTheResponseCompletes() throws InterruptedException {
        start();
        get("/ctx", null, null);
        Context ctx = server.nextContext();
        awaitDone(ctx);
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
    }

    @Test
    void aClientClosingAGetCancelsTheContext() throws Exception {
        start();
        Context ctx;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            send(socket, "GET /hang HTTP/1.1\r\nHost: localhost\r\n\r\n");
            ctx = server.nextContext();
            assertThat(ctx.err()).isNull();
        }
        awaitDone(ctx);
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
    }

    @Test
    void aClientClosingWhileSendingABodyCancelsTheContext() throws Exception {
        start();
        Context ctx;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            send(
                    socket,
                    "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 1000000\r\n\r\nthe first bytes of a long body");
            ctx = server.nextContext();
            assertThat(ctx.err()).isNull();
        }
        awaitDone(ctx);
        assertThat(Context.cause(ctx)).isSameAs(Context.CANCELED);
        assertThat(server.nextStatus()).as("nginx's client closed request").isEqualTo(499);
    }

    @Test
    void theUserIpIsTheRemoteAddress() {
        start();
        assertThat(get("/ctx", null, null)).endsWith(" 127.0.0.1");
    }

    @Test
    void forwardedForIsIgnoredUnlessTrusted() {
        start();
        assertThat(get("/ctx", UserIp.X_FORWARDED_FOR, "203.0.113.7")).endsWith(" 127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "203.0.113.7|203.0.113.7",
                "198.51.100.1, 203.0.113.7|203.0.113.7", // the client's own entry first, the proxy's last
                "198.51.100.1,203.0.113.7|203.0.113.7",
                "203.0.113.7:4711|203.0.113.7",
                "2001:db8::1|2001:db8:0:0:0:0:0:1",
                "[2001:db8::1]|2001:db8:0:0:0:0:0:1",
                "198.51.100.1, [2001:db8::1]:443|2001:db8:0:0:0:0:0:1",
                "203.0.113.7, unknown|127.0.0.1",
                "203.0.113.7, UNKNOWN|127.0.0.1",
                "203.0.113.7, _hidden|127.0.0.1",
            })
    void theTrustedProxysEntryOfForwardedForNamesTheUser(String forwardedFor, String user) {
        start(TestServer.timeouts(), true);
        assertThat(get("/ctx", UserIp.X_FORWARDED_FOR, forwardedFor)).endsWith(" " + user);
    }

    @Test
    void theLastForwardedForHeaderIsTheTrustedProxys() {
        start(TestServer.timeouts(), true);
        String body = server.client()
                .get()
                .uri("/ctx")
                .header(UserIp.X_FORWARDED_FOR, "198.51.100.1")
                .header(UserIp.X_FORWARDED_FOR, "192.0.2.9, 203.0.113.7")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).endsWith(" 203.0.113.7");
    }

    @Test
    void malformedTrustedForwardedForIsABadRequest() {
        start(TestServer.timeouts(), true);
        server.client()
                .get()
                .uri("/ctx")
                .header(UserIp.X_FORWARDED_FOR, "example.com")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("userip: X-Forwarded-For \"example.com\" is not an IP address");
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
