package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.examples.CheckStatus.Response;
import io.github.chanflux.test.Goroutines;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link CheckStatusPrinting}: the goroutine prints its errors and main sees only responses, "Concurrency in Go" 4.5. */
class CheckStatusPrintingTest {

    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void theBooksUrlsPrintTheResponseAndTheError() {
        CheckStatusPrinting.printStatuses(out::add, CheckStatusPrinting.URLS);
        assertThat(out)
                .containsExactlyInAnyOrder(
                        "Response: 200 OK", "Get \"https://badhost\": unsupported protocol scheme \"\"");
    }

    @Test
    void anErrorIsPrintedByTheGoroutineAndNeverReachesMain() throws InterruptedException {
        List<Response> received = new CopyOnWriteArrayList<>();
        Chan<Void> done = Chan.make();
        try (done) {
            for (Response r :
                    CheckStatusPrinting.checkStatus(out::add, done, "https://badhost", "https://www.google.com")) {
                received.add(r);
            }
        }
        assertThat(out).containsExactly("Get \"https://badhost\": unsupported protocol scheme \"\"");
        assertThat(received).containsExactly(new Response("200 OK"));
    }

    @Test
    void checkStatusStopsOnceDoneIsClosed() throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Response> responses =
                CheckStatusPrinting.checkStatus(out::add, done, "https://www.google.com", "https://www.google.com");
        assertThat(responses.receive().value()).isEqualTo(new Response("200 OK"));
        done.close();
        Goroutines.assertAllEnded();
        assertThat(responses.receive().ok())
                .as("closed without sending the second")
                .isFalse();
    }
}
