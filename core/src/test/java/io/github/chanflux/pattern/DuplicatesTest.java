package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Duplicate results after a cancellation (5.2), with a deliberately slow replica. */
class DuplicatesTest extends DoneScope {

    record Answer(int request, String replica) {}

    /**
     * Two replicas answer each of three requests on a buffered channel, the slow one only after
     * the fast one: six results for three requests.
     */
    private static RecvChan<Answer> fastThenSlow() throws InterruptedException {
        Chan<Answer> results = Chan.make(6);
        for (int request = 1; request <= 3; request++) {
            results.send(new Answer(request, "fast"));
            results.send(new Answer(request, "slow"));
        }
        results.close();
        return results;
    }

    @Test
    void firstPerKeyKeepsTheFirstAnswerOfEachRequest() throws InterruptedException {
        assertThat(drain(Duplicates.firstPerKey(done, fastThenSlow(), Answer::request)))
                .containsExactly(new Answer(1, "fast"), new Answer(2, "fast"), new Answer(3, "fast"));
    }

    @Test
    void lastPerKeyKeepsTheLastAnswerOfEachRequest() throws InterruptedException {
        assertThat(drain(Duplicates.lastPerKey(done, fastThenSlow(), Answer::request)))
                .containsExactly(new Answer(1, "slow"), new Answer(2, "slow"), new Answer(3, "slow"));
    }

    /**
     * The book's preferred fix: results on an unbuffered channel, sent with {@code send(v, done)};
     * the parent cancels right after its first receive. Over 500 requests, the parent never sees a
     * second result, and exactly one replica per request learns that its result was taken.
     */
    @Test
    void anAcknowledgedResultLetsTheParentCancelWithoutDuplicates() throws InterruptedException {
        int failures = 0;
        for (int trial = 0; trial < 500; trial++) {
            Chan<Void> cancel = Chan.make();
            Chan<String> results = Chan.make();
            AtomicInteger delivered = new AtomicInteger();
            CountDownLatch replicasDone = new CountDownLatch(2);
            for (String replica : new String[] {"fast", "slow"}) {
                Go.go(() -> {
                    if (results.send(replica, cancel)) {
                        delivered.incrementAndGet();
                    }
                    replicasDone.countDown();
                });
            }
            results.receive();
            cancel.close();
            replicasDone.await();
            if (delivered.get() != 1 || results.tryReceive() != null) {
                failures++;
            }
        }
        assertThat(failures)
                .as("trials with a duplicate or a lost acknowledgement")
                .isZero();
    }
}
