package io.github.chanflux.errors;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Goroutines;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The book's checkStatus (4.5) against a local fake of {@code http.Get}: no network. */
class CheckStatusTest {

    record Response(String status) {
    }

    /** Google answers 200 OK; any other URL fails as an unknown host would. */
    private final AtomicInteger gets = new AtomicInteger();

    private Response httpGet(String url) throws IOException {
        gets.incrementAndGet();
        if (url.equals("https://www.google.com")) {
            return new Response("200 OK");
        }
        throw new IOException("Get " + url + ": unsupported protocol scheme \"\"");
    }

    private RecvChan<Result<Response>> checkStatus(RecvChan<?> done, String... urls) {
        Chan<Result<Response>> results = Chan.make();
        Go.go(() -> {
            try (results) {
                for (String url : urls) {
                    Result<Response> result = Result.of(() -> httpGet(url));
                    boolean sent = select(
                            recv(done, r -> false),
                            send(results, result, () -> true));
                    if (!sent) {
                        return;
                    }
                }
            }
        });
        return results;
    }

    @Test
    void theMainGoroutineSeesErrorsAndResponsesOnTheSamePath() throws InterruptedException {
        Chan<Void> done = Chan.make();
        List<String> lines = new ArrayList<>();
        for (Result<Response> result : checkStatus(done, "https://www.google.com", "https://badhost")) {
            lines.add(switch (result) {
                case Result.Ok<Response>(var response) -> "Response: " + response.status();
                case Result.Err<Response>(var error) -> "error: " + error.getMessage();
            });
        }
        done.close();
        assertThat(lines).containsExactly("Response: 200 OK",
                "error: Get https://badhost: unsupported protocol scheme \"\"");
        Goroutines.assertAllEnded();
    }

    @Test
    void theConsumerStopsAfterThreeErrorsAndTheProducerStopsWithIt() throws InterruptedException {
        Chan<Void> done = Chan.make();
        List<String> lines = new ArrayList<>();
        int errCount = 0;
        for (Result<Response> result : checkStatus(done, "a", "https://www.google.com", "b", "c", "d")) {
            if (result instanceof Result.Err<Response>(var error)) {
                lines.add("error: " + error.getMessage());
                if (++errCount >= 3) {
                    lines.add("Too many errors, breaking!");
                    break;
                }
                continue;
            }
            lines.add("Response: " + result.orElseThrow().status());
        }
        done.close();
        Goroutines.assertAllEnded();
        assertThat(lines).hasSize(5).endsWith("Too many errors, breaking!");
        assertThat(lines.get(1)).isEqualTo("Response: 200 OK");
        assertThat(gets.get()).isLessThanOrEqualTo(5);
    }
}
