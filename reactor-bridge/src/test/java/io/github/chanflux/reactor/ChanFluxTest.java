package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.ChanFlux.fromChan;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.Goroutines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ChanFluxTest {

    private static Chan<Integer> closedWith(int... values) throws InterruptedException {
        Chan<Integer> ch = Chan.make(values.length);
        for (int v : values) {
            ch.send(v);
        }
        ch.close();
        return ch;
    }

    /** Waits (bounded) for the goroutines started by the bridge to end. */
    private static void awaitGoroutines() throws InterruptedException {
        Goroutines.assertAllEnded();
    }

    @Test
    void emitsEveryValueThenCompletesWhenTheChannelCloses() throws InterruptedException {
        StepVerifier.create(fromChan(closedWith(1, 2, 3, 4, 5)))
                .expectNext(1, 2, 3, 4, 5)
                .verifyComplete();
    }

    @Test
    void receivesOnlyWhatIsRequested() throws InterruptedException {
        Chan<Integer> ch = Chan.make(10);
        for (int i = 0; i < 10; i++) {
            ch.send(i);
        }
        StepVerifier.create(fromChan(ch), 0)
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertThat(ch.len())
                        .as("nothing received ahead of demand")
                        .isEqualTo(7))
                .thenRequest(2)
                .expectNext(3, 4)
                .thenCancel()
                .verify();
        awaitGoroutines();
        assertThat(ch.len()).isEqualTo(5);
    }

    @Test
    void cancelReleasesABlockedReceiveAndLeavesTheChannelOpen() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        StepVerifier.create(fromChan(ch), 1).expectSubscription().thenCancel().verify();
        awaitGoroutines();
        assertThat(ch.trySend(1)).as("no receiver left behind").isFalse();
        ch.close();
    }

    @Test
    void valuesSentLaterArriveAsTheyAreSent() throws InterruptedException {
        Chan<String> ch = Chan.make();
        StepVerifier.create(fromChan(ch))
                .then(() -> Go.go(() -> {
                    try (ch) {
                        ch.send("a");
                        ch.send("b");
                    }
                }))
                .expectNext("a", "b")
                .verifyComplete();
    }

    @Test
    void aValueAlreadyInTheChannelIsEmittedOnTheRequestingThread() throws InterruptedException {
        StepVerifier.create(fromChan(closedWith(1))
                        .subscribeOn(Schedulers.parallel())
                        .map(v -> Thread.currentThread().getName()))
                .assertNext(name -> assertThat(name).startsWith("parallel-"))
                .verifyComplete();
        awaitGoroutines();
    }

    @Test
    void waitingHappensOnAVirtualThreadNotOnTheSubscribersThread() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Thread subscriberThread = Thread.currentThread();
        // The test's thread subscribes and requests; it finds no value and goes on to send one,
        // which only the flux's goroutine can then receive.
        StepVerifier.create(fromChan(ch).map(v -> Thread.currentThread()))
                .then(() -> Go.go(() -> {
                    try (ch) {
                        ch.send(1);
                    }
                }))
                .assertNext(t -> assertThat(t.isVirtual() && t != subscriberThread)
                        .as("emitted on a virtual thread, not " + subscriberThread)
                        .isTrue())
                .verifyComplete();
        awaitGoroutines();
    }

    /**
     * Stress: requests come from two goroutines and from {@code onNext} itself, so values are
     * drained now on a requesting thread, now on the flux's goroutine, as the producer runs
     * ahead or behind; every value arrives once, in order, and the flux completes.
     */
    @RepeatedTest(10)
    void everyValueArrivesOnceInOrderWhateverThreadRequests() throws InterruptedException {
        int n = 20_000;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Chan<Integer> ch = Chan.make(random.nextInt(0, 5));
        Go.go(() -> {
            try (ch) {
                for (int i = 0; i < n; i++) {
                    ch.send(i);
                }
            }
        });
        List<Integer> received = new ArrayList<>();
        Semaphore room = new Semaphore(16);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<String> end = new AtomicReference<>();
        BaseSubscriber<Integer> subscriber = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {}

            @Override
            protected void hookOnNext(Integer value) {
                received.add(value);
                room.release();
                if (value % 3 == 0) {
                    request(1);
                }
            }

            @Override
            protected void hookOnComplete() {
                end.set("complete");
                ended.countDown();
            }

            @Override
            protected void hookOnError(Throwable e) {
                end.set("error " + e);
                ended.countDown();
            }
        };
        fromChan(ch).subscribe(subscriber);
        AtomicInteger unrequested = new AtomicInteger(n + 1);
        Runnable requester = () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int k = r.nextInt(1, 5); unrequested.getAndAdd(-k) > 0; k = r.nextInt(1, 5)) {
                room.acquireUninterruptibly(k);
                subscriber.request(k);
            }
        };
        Thread first = Go.go(requester::run);
        Thread second = Go.go(requester::run);
        await(ended);
        first.join();
        second.join();
        awaitGoroutines();
        assertThat(end.get()).isEqualTo("complete");
        assertThat(received)
                .containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
    }

    @Test
    void unboundedDemandDrainsEverything() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1_000);
        for (int i = 0; i < 1_000; i++) {
            ch.send(i);
        }
        ch.close();
        StepVerifier.create(fromChan(ch)).expectNextCount(1_000).verifyComplete();
    }

    /**
     * A {@link CoreSubscriber}, so Reactor hands it the channel's own subscription unwrapped; it
     * records its signals, and notes a signal that arrives while {@code onNext} is still running.
     */
    private static final class Recorder implements CoreSubscriber<Integer> {

        final List<String> signals = new CopyOnWriteArrayList<>();
        final AtomicReference<Subscription> subscription = new AtomicReference<>();
        final CountDownLatch terminated = new CountDownLatch(1);
        private final Consumer<Subscription> onSubscribe;
        private final Consumer<Subscription> whileInOnNext;
        private final Consumer<Subscription> afterComplete;
        private volatile boolean inOnNext;

        Recorder(
                Consumer<Subscription> onSubscribe,
                Consumer<Subscription> whileInOnNext,
                Consumer<Subscription> afterComplete) {
            this.onSubscribe = onSubscribe;
            this.whileInOnNext = whileInOnNext;
            this.afterComplete = afterComplete;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription.set(s);
            onSubscribe.accept(s);
        }

        @Override
        public void onNext(Integer value) {
            inOnNext = true;
            whileInOnNext.accept(subscription.get());
            signals.add("next " + value);
            inOnNext = false;
        }

        @Override
        public void onError(Throwable e) {
            signals.add(inOnNext ? "error during onNext" : "error");
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            signals.add("complete");
            afterComplete.accept(subscription.get());
            terminated.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS))
                    .as("awaited within the bound")
                    .isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    @Test
    void aBadRequestAfterCompletionSignalsNothing() throws InterruptedException {
        Recorder recorder = new Recorder(s -> s.request(2), s -> {}, s -> {
            s.request(0);
            s.request(-1);
        });
        fromChan(closedWith(1)).subscribe(recorder);
        await(recorder.terminated);
        awaitGoroutines();
        assertThat(recorder.signals).containsExactly("next 1", "complete");
    }

    @Test
    void aBadRequestDuringOnNextFailsTheStreamOnceAfterOnNextReturns() throws InterruptedException {
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch requested = new CountDownLatch(1);
        Recorder recorder = new Recorder(
                s -> s.request(1),
                s -> {
                    inOnNext.countDown();
                    await(requested);
                },
                s -> {});
        Chan<Integer> ch = closedWith(1, 2);
        // Values already there are emitted on the subscribing thread: here a goroutine.
        Go.go(() -> fromChan(ch).subscribe(recorder));
        await(inOnNext);
        recorder.subscription.get().request(0);
        recorder.subscription.get().request(0);
        requested.countDown();
        await(recorder.terminated);
        awaitGoroutines();
        assertThat(recorder.signals).containsExactly("next 1", "error");
    }

    @Test
    void cancelDoesNotInterruptTheSubscriberInsideOnNext() throws InterruptedException {
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicReference<String> wait = new AtomicReference<>();
        Recorder recorder = new Recorder(
                s -> s.request(1),
                s -> {
                    inOnNext.countDown();
                    try {
                        wait.set(cancelled.await(10, TimeUnit.SECONDS) ? "ended" : "timed out");
                    } catch (InterruptedException e) {
                        wait.set("interrupted");
                    }
                },
                s -> {});
        Chan<Integer> ch = closedWith(1);
        // Values already there are emitted on the subscribing thread: here a goroutine.
        Go.go(() -> fromChan(ch).subscribe(recorder));
        await(inOnNext);
        recorder.subscription.get().cancel();
        cancelled.countDown();
        awaitGoroutines();
        assertThat(wait.get()).isEqualTo("ended");
    }

    /**
     * Once cancel has returned, no receive of the flux can complete: a value sent right after it
     * finds no receiver, rather than going to a cancelled subscriber.
     */
    @Test
    void noReceiveCompletesAfterCancelReturns() throws InterruptedException {
        int failures = 0;
        for (int trial = 0; trial < 100; trial++) {
            Chan<Integer> ch = Chan.make();
            BaseSubscriber<Integer> subscriber = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription s) {
                    s.request(1);
                }
            };
            fromChan(ch).subscribe(subscriber);
            awaitDrainerParked();
            subscriber.cancel();
            if (ch.trySend(trial)) {
                failures++;
            }
            awaitGoroutines();
        }
        assertThat(failures)
                .as("trials in which a value was received after cancel returned, of 100")
                .isZero();
    }

    /**
     * Code in {@code onNext} that sets the interrupt flag of the flux's goroutine does not stop
     * the flux: the goroutine clears it, so its next wait does not fail and the flux goes on to
     * the end (it stalled for good, the sender blocked).
     */
    @Test
    void anInterruptLeftByOnNextDoesNotStallTheFlux() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Recorder recorder = new Recorder(
                s -> s.request(Long.MAX_VALUE), s -> Thread.currentThread().interrupt(), s -> {});
        fromChan(ch).subscribe(recorder); // nothing ready: the values arrive on the flux's goroutine
        Go.go(() -> {
            try (ch) {
                for (int v = 1; v <= 3; v++) {
                    ch.send(v);
                }
            }
        });
        await(recorder.terminated);
        awaitGoroutines();
        assertThat(recorder.signals).containsExactly("next 1", "next 2", "next 3", "complete");
    }

    /** An interrupt that reaches the flux's goroutine while it waits fails the flux rather than stalling it. */
    @Test
    void anInterruptOfTheWaitingGoroutineFailsTheFlux() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        StepVerifier.create(fromChan(ch), 1)
                .then(() -> drainer().interrupt())
                .expectError(InterruptedException.class)
                .verify(Duration.ofSeconds(10));
        awaitGoroutines();
        assertThat(ch.trySend(1)).as("nothing receives any more").isFalse();
    }

    private static Thread drainer() {
        return Go.running().stream()
                .filter(t -> t.getName().equals("chan-publisher"))
                .findFirst()
                .orElseThrow();
    }

    /** Waits until the flux's goroutine parks: it is waiting in a receive. */
    private static void awaitDrainerParked() {
        Thread drainer = drainer();
        while (drainer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }
}
