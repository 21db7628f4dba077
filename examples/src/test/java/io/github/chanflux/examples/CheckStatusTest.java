package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.errors.Result;
import io.github.chanflux.examples.CheckStatus.Response;
import io.github.chanflux.test.Goroutines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Concurrency in Go" 4.5: {@link CheckStatus}'s errors travel with its responses, as values. */
class CheckStatusTest {

    private final List<String> out = new ArrayList<>();

    @Test
    void errorsAndResponsesReachMainOnTheSamePath() {
        CheckStatus.printStatuses(out::add, "https://www.google.com", "https://badhost");
        assertThat(out)
                .containsExactly(
                        "Response: 200 OK", "error: Get \"https://badhost\": unsupported protocol scheme \"\"");
    }

    @Test
    void mainStopsAfterThreeErrorsAndCheckStatusEndsWithIt() throws InterruptedException {
        CheckStatus.printStatuses(out::add, CheckStatus.URLS);
        assertThat(out)
                .containsExactly(
                        "error: Get \"a\": unsupported protocol scheme \"\"",
                        "Response: 200 OK",
                        "error: Get \"b\": unsupported protocol scheme \"\"",
                        "error: Get \"c\": unsupported protocol scheme \"\"",
                        "Too many errors, breaking!");
        Goroutines.assertAllEnded();
    }

    @Test
    void checkStatusStopsSendingOnceDoneIsClosed() throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Result<Response>> results = CheckStatus.checkStatus(done, CheckStatus.URLS);
        assertThat(results.receive().value()).isInstanceOf(Result.Err.class);
        done.close();
        Goroutines.assertAllEnded();
        assertThat(results.receive().ok())
                .as("closed without sending the other four")
                .isFalse();
    }
}
