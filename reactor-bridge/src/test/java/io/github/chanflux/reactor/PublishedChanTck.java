package io.github.chanflux.reactor;

import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterMethod;

/**
 * The Reactive Streams TCK's subscriber rules (blackbox) for the subscriber behind
 * {@link ChanFlux#toChan}, for one channel capacity. Each subscriber's channel is drained by a
 * goroutine, as a receiver would, so the subscriber keeps requesting; when the test method ends,
 * every channel is cancelled and its pump and drainer are joined.
 */
abstract class PublishedChanTck extends SubscriberBlackboxVerification<Integer> {

    private final int capacity;
    private final List<PublishedChan<Integer>> channels = new CopyOnWriteArrayList<>();
    private final List<Thread> drainers = new CopyOnWriteArrayList<>();

    PublishedChanTck(int capacity) {
        super(new TestEnvironment(1_000));
        this.capacity = capacity;
    }

    @AfterMethod
    public void stopChannels() throws InterruptedException {
        channels.forEach(PublishedChan::cancel);
        for (Thread drainer : drainers) {
            drainer.join();
        }
        for (Thread t : Go.running()) {
            t.join();
        }
        channels.clear();
        drainers.clear();
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        PublishedChan<Integer> published = new PublishedChan<>(capacity, e -> null, Context.background());
        channels.add(published);
        drainers.add(Go.go("tck-drainer", () -> {
            for (Integer ignored : published.chan()) {
                // a receiver taking every value
            }
        }));
        return published.subscriber();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
