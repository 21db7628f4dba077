package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterMethod;

/**
 * The Reactive Streams TCK's publisher rules for {@link ChanPublisher} (behind
 * {@link ChanFlux#fromChan}). Each publisher drains a channel that a goroutine fills with the
 * requested number of elements and then closes, or stops when the test method ends (the TCK's
 * "unbounded" publishers are cancelled long before their end).
 */
public class ChanPublisherTckTest extends PublisherVerification<Integer> {

    public ChanPublisherTckTest() {
        super(new TestEnvironment(1_000));
    }

    private final List<Thread> producers = new CopyOnWriteArrayList<>();
    private Chan<Void> stop = Chan.make();

    @AfterMethod
    public void stopProducers() throws InterruptedException {
        stop.close();
        for (Thread producer : producers) {
            producer.join();
        }
        producers.clear();
        stop = Chan.make();
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        Chan<Integer> ch = Chan.make(16);
        Chan<Void> done = stop;
        producers.add(Go.go("tck-producer", () -> {
            try (ch) {
                for (long i = 0; i < elements; i++) {
                    if (!ch.send((int) i, done)) {
                        return;
                    }
                }
            }
        }));
        return new ChanPublisher<>(ch);
    }

    /**
     * A channel cannot fail: it ends only by being closed, which is completion. So there is no
     * failed publisher to test (the TCK skips the rules that need one).
     */
    @Override
    public Publisher<Integer> createFailedPublisher() {
        return null;
    }
}
