package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/** The search server on a random port, with its fake backend answering after 10 ms. */
@SpringBootTest(
        classes = {SearchApplication.class, RequestContexts.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "search.fake-backend.latency=10ms")
class SearchServerTest {

    private static final Pattern TIMING = Pattern.compile("(\\d+) results in [0-9.]+(ns|µs|ms|s); timeout 1s");

    @LocalServerPort
    int port;

    @Autowired
    FakeSearchBackend backend;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** {@code ?timeout=} is no timeout, as Go's {@code r.FormValue} gives "" for it: the page, not a 400 or a 500. */
    @Test
    void anEmptyTimeoutIsNone() {
        String page = client().get()
                .uri("/search?q=golang&timeout=")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("; timeout none</p>");
    }

    @Test
    void rendersTheResultsAndTheTimingLine() {
        String page = client().get()
                .uri("/search?q=golang&timeout=1s")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<title>golang - search</title>")
                .contains("<li>golang/go: The Go programming language - GitHub - "
                        + "<a href=\"https://github.com/golang/go\">https://github.com/golang/go</a></li>");
        Matcher timing = TIMING.matcher(page);
        assertThat(timing.find()).as("timing line in %s", page).isTrue();
        int expected = backend.find("golang").size();
        assertThat(expected).isPositive();
        assertThat(Integer.parseInt(timing.group(1))).isEqualTo(expected);
        assertThat(page.split("<li>", -1)).hasSize(expected + 1);
    }

    @Test
    void forwardsTheUserIpToTheBackend() throws InterruptedException {
        BlockingQueue<FakeSearchBackend.Call> calls = new LinkedBlockingQueue<>();
        Disposable watch = backend.onCall(calls::add);
        try {
            client().get()
                    .uri("/search?q=user ip check")
                    .exchange()
                    .expectStatus()
                    .isOk();
            FakeSearchBackend.Call call = calls.poll(1, TimeUnit.MINUTES);
            assertThat(call).isNotNull();
            assertThat(call.query()).isEqualTo("user ip check");
            assertThat(call.userIp()).isEqualTo("127.0.0.1");
        } finally {
            watch.dispose();
        }
    }

    @Test
    void aMissingQueryIsABadRequestProblem() {
        client().get()
                .uri("/search?timeout=1s")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no query: search with ?q=golang")
                .jsonPath("$.logId")
                .isNotEmpty();
    }

    @Test
    void aMalformedTimeoutIsABadRequestProblem() {
        client().get()
                .uri("/search?q=golang&timeout=1x")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("invalid timeout \"1x\": time: unknown unit \"x\" in duration \"1x\"")
                .jsonPath("$.logId")
                .isNotEmpty();
    }
}
