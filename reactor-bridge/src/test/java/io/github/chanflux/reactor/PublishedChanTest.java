package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.ChanFlux.fromChan;
import static io.github.chanflux.reactor.ChanFlux.toChan;
import static io.github.chanflux.reactor.ChanFlux.toResultChan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.Goroutines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class PublishedChanTest {

    @AfterEach
    void goroutinesEnded() throws InterruptedException {
        Goroutines.assertAllEnded();
    }

    private static <T> List<T> drain(PublishedChan<T> p) {
        List<T> got = new ArrayList<>();
        p.chan().forEach(got::add);
        return got;
    }

    @Test
    void valuesArriveInOrderThenTheChannelCloses() {
        PublishedChan<Integer> p = toChan(Flux.range(1, 5), 2);
        assertThat(drain(p)).containsExactly(1, 2, 3, 4, 5);
        assertThat(p.err()).isNull();
    }

    @Test
    void creditIsTheFreeCapacity() throws InterruptedException {
        AtomicLong requested = new AtomicLong();
        int capacity = 3;
        PublishedChan<Integer> p = toChan(Flux.range(1, 1_000).doOnRequest(requested::addAndGet), capacity);
        for (int received = 1; received <= 1_000; received++) {
            assertThat(p.chan().receive()).isEqualTo(Received.of(received));
            assertThat(requested.get())
                    .as("requested after %d received", received)
                    .isLessThanOrEqualTo(received + capacity);
        }
        assertThat(p.chan().receive()).isEqualTo(Received.closed());
    }

    @Test
    void aFullChannelRequestsNothingMore() throws InterruptedException {
        List<Long> requests = new CopyOnWriteArrayList<>();
        PublishedChan<Integer> p = toChan(Flux.range(1, 100).doOnRequest(requests::add), 3);
        while (p.chan().len() < 3) {
            Thread.onSpinWait();
        }
        awaitPumpParked();
        assertThat(p.chan().len()).isEqualTo(3);
        assertThat(requests.stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(p.chan().receive()).isEqualTo(Received.of(1));
        p.cancel();
        drain(p);
    }

    @Test
    void anUnbufferedChannelRequestsOnlyWhenAReceiverWaits() throws InterruptedException {
        List<Long> requests = new CopyOnWriteArrayList<>();
        PublishedChan<Integer> p = toChan(Flux.range(1, 100).doOnRequest(requests::add), 0);
        awaitPumpParked();
        assertThat(requests).as("no receiver yet").isEmpty();
        assertThat(p.chan().receive()).isEqualTo(Received.of(1));
        assertThat(requests).containsExactly(1L);
        assertThat(p.chan().receive()).isEqualTo(Received.of(2));
        assertThat(requests).containsExactly(1L, 1L);
        p.cancel();
        drain(p);
    }

    /** Waits until the pump goroutine parks with nothing in flight: waiting for room or a receiver. */
    private static void awaitPumpParked() {
        Thread pump = Go.running().stream()
                .filter(t -> t.getName().equals("published-chan"))
                .findFirst()
                .orElseThrow();
        while (pump.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    /**
     * A publisher that emits on the thread that requests or on its own, whichever drains first
     * (a unicast sink fed by a goroutine): the values still arrive once each and in order, those
     * that go straight to the channel during the pump's request and those through the inbox.
     */
    @RepeatedTest(5)
    void valuesEmittedOnTheRequestingThreadAndAnotherKeepTheirOrder() throws InterruptedException {
        int n = 10_000;
        for (int capacity : new int[] {0, 1, 16}) {
            Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
            PublishedChan<Integer> p = toChan(sink.asFlux(), capacity);
            Thread producer = Go.go(() -> {
                for (int i = 0; i < n; i++) {
                    sink.emitNext(i, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(10)));
                }
                sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(10)));
            });
            List<Integer> got = drain(p);
            producer.join();
            assertThat(got).hasSize(n);
            for (int i = 0; i < n; i++) {
                if (got.get(i) != i) {
                    throw new AssertionError("capacity " + capacity + ": value " + got.get(i) + " at index " + i);
                }
            }
        }
    }

    /**
     * A publisher that answers each request with its first value from another thread, then the
     * rest on the requesting thread: when the pump requests with nothing outstanding, the value
     * in the inbox goes out before those sent on the pump's own thread.
     */
    @Test
    void aValueInTheInboxIsNotOvertakenByOnesSentDuringThePumpsRequest() {
        int n = 1_000;
        Publisher<Integer> firstFromAnotherThread = s -> s.onSubscribe(new Subscription() {
            private int sent;

            @Override
            public void request(long demand) {
                long k = Math.min(demand, n - sent);
                if (k <= 0) {
                    return;
                }
                int first = sent++;
                try {
                    Go.go(() -> s.onNext(first)).join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (long i = 1; i < k; i++) {
                    s.onNext(sent++);
                }
                if (sent == n) {
                    s.onComplete();
                }
            }

            @Override
            public void cancel() {}
        });
        List<Integer> got = drain(toChan(firstFromAnotherThread, 8));
        assertThat(got).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i)).as("value at index %d", i).isEqualTo(i);
        }
    }

    @Test
    void anErrorIsToldAfterTheValues() {
        PublishedChan<Integer> p =
                toChan(Flux.range(1, 3).concatWith(Flux.error(new IllegalStateException("boom"))), 1);
        assertThat(drain(p)).containsExactly(1, 2, 3);
        assertThat(p.err()).hasMessage("boom");
    }

    @Test
    void theResultVariantSendsTheErrorAsTheLastValue() {
        PublishedChan<Result<Integer>> p =
                toResultChan(Flux.just(1, 2).concatWith(Flux.error(new IllegalStateException("boom"))), 0);
        List<Result<Integer>> got = drain(p);
        assertThat(got).hasSize(3);
        assertThat(got.subList(0, 2)).containsExactly(Result.ok(1), Result.ok(2));
        assertThat(got.get(2))
                .isInstanceOfSatisfying(
                        Result.Err.class, e -> assertThat(e.error()).hasMessage("boom"));
    }

    @Test
    void cancelStopsThePublisherAndClosesTheChannel() {
        List<String> signals = new CopyOnWriteArrayList<>();
        PublishedChan<Integer> p = toChan(Flux.range(0, Integer.MAX_VALUE).doOnCancel(() -> signals.add("cancel")), 0);
        assertThat(p.chan().iterator().next()).isZero();
        p.cancel();
        drain(p);
        assertThat(signals).containsExactly("cancel");
    }

    @Test
    void aDoneContextCancelsTheSubscriptionAndClosesTheChannel() {
        List<String> signals = new CopyOnWriteArrayList<>();
        CancelableContext ctx = Context.withCancel(Context.background());
        PublishedChan<Integer> p =
                ChanFlux.toChan(Flux.range(0, Integer.MAX_VALUE).doOnCancel(() -> signals.add("cancel")), 0, ctx);
        assertThat(p.chan().iterator().next()).isZero();
        ctx.cancel();
        drain(p);
        assertThat(signals).containsExactly("cancel");
        assertThat(p.err()).isNull();
    }

    /** Closed before toChan returns, even buffered, and the publisher cancelled without a request. */
    @Test
    void anAlreadyDoneContextClosesTheChannelAtOnce() {
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        AtomicLong requested = new AtomicLong();
        List<String> signals = new CopyOnWriteArrayList<>();
        PublishedChan<Integer> p = ChanFlux.toChan(
                Flux.range(0, 10).doOnRequest(requested::addAndGet).doOnCancel(() -> signals.add("cancel")), 16, ctx);
        assertThat(p.chan().tryReceive()).isEqualTo(Received.closed());
        assertThat(signals).containsExactly("cancel");
        assertThat(requested.get()).isZero();
        assertThat(p.err()).isNull();
    }

    /**
     * An interrupt of the pump that no cancel caused (here set by a synchronous publisher on
     * the pump's thread) does not pass for the end: the publisher is cancelled and the interrupt
     * is the error, after the values already sent (the channel used to close as if the publisher
     * had completed, and the publisher was never cancelled).
     */
    @Test
    void aStrayInterruptOfThePumpCancelsThePublisherAndIsTheError() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        PublishedChan<Integer> p = toChan(interruptsAtTwo().doOnCancel(cancelled::countDown), 2);
        assertThat(p.chan().receive()).isEqualTo(Received.of(0));
        assertThat(p.chan().receive()).isEqualTo(Received.of(1));
        // No receiver from here: once the channel is full the pump waits, and sees the interrupt.
        assertThat(cancelled.await(10, TimeUnit.SECONDS))
                .as("publisher cancelled")
                .isTrue();
        List<Integer> rest = drain(p);
        assertThat(rest).isNotEmpty().isSubsetOf(2, 3);
        assertThat(p.err()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aStrayInterruptOfThePumpIsTheLastResult() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        PublishedChan<Result<Integer>> p = toResultChan(interruptsAtTwo().doOnCancel(cancelled::countDown), 2);
        assertThat(p.chan().receive()).isEqualTo(Received.of(Result.ok(0)));
        assertThat(p.chan().receive()).isEqualTo(Received.of(Result.ok(1)));
        assertThat(cancelled.await(10, TimeUnit.SECONDS))
                .as("publisher cancelled")
                .isTrue();
        List<Result<Integer>> rest = drain(p);
        assertThat(rest.getLast())
                .isInstanceOfSatisfying(
                        Result.Err.class, e -> assertThat(e.error()).isInstanceOf(InterruptedException.class));
    }

    /**
     * 0, 1, 2, …: sets the interrupt flag of the thread it emits 2 on. 0 and 1 are the first
     * request, which the thread subscribing may make; 2 is requested by the pump, once a value
     * was received.
     */
    private static Flux<Integer> interruptsAtTwo() {
        return Flux.range(0, 1_000).map(v -> {
            if (v == 2) {
                Thread.currentThread().interrupt();
            }
            return v;
        });
    }

    /**
     * §2.13: a publisher that sends more than requested is cancelled and its error told after
     * the values that fit, rather than an exception thrown at it from {@code onNext}.
     */
    @Test
    void aPublisherThatSendsMoreThanRequestedIsCancelledWithAnError() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Publisher<Integer> overflowing = s -> s.onSubscribe(new Subscription() {
            private int sent;

            @Override
            public void request(long n) {
                calls.add("request " + n);
                for (int i = 0; i < n + 4; i++) {
                    s.onNext(sent++);
                }
            }

            @Override
            public void cancel() {
                calls.add("cancel");
            }
        });
        PublishedChan<Integer> p = toChan(overflowing, 1);
        List<Integer> got = drain(p);
        assertThat(got).containsExactly(0, 1);
        assertThat(p.err()).isInstanceOf(IllegalStateException.class).hasMessageContaining("more than requested");
        assertThat(calls).containsExactly("request 1", "cancel");
    }

    /** A publisher whose subscribe throws leaves no pump behind: the exception reaches the caller. */
    @Test
    void aSubscribeThatThrowsLeavesNoPumpRunning() throws InterruptedException {
        Publisher<Integer> broken = s -> {
            throw new IllegalStateException("subscribe failed");
        };
        assertThatThrownBy(() -> toChan(broken, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("subscribe failed");
        Goroutines.assertAllEnded();
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThatThrownBy(() -> toChan(Flux.just(1), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    /** Flux → Chan → Flux: every value once, in order, whatever the capacity and cut-off. */
    @RepeatedTest(20)
    void roundTripDeliversEveryValueOnceInOrder() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = random.nextInt(0, 200);
        int take = random.nextInt(0, n + 1);
        PublishedChan<Integer> p = toChan(Flux.range(0, n), random.nextInt(0, 5));
        StepVerifier.create(fromChan(p.chan()).take(take))
                .expectNextSequence(
                        java.util.stream.IntStream.range(0, take).boxed().toList())
                .verifyComplete();
        p.cancel();
        drain(p);
    }

    /** Chan → Flux → Chan: the same. */
    @RepeatedTest(20)
    void chanToFluxToChanDeliversEveryValueOnceInOrder() throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = random.nextInt(0, 200);
        Chan<Integer> source = Chan.make(random.nextInt(0, 5));
        Go.go(() -> {
            try (source) {
                for (int i = 0; i < n; i++) {
                    source.send(i);
                }
            }
        });
        PublishedChan<Integer> p = toChan(fromChan(source), random.nextInt(0, 5));
        assertThat(drain(p))
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, n).boxed().toList());
    }

    @Test
    void anAlreadyDoneContextStopsEveryPumpWithoutAReceiver() throws InterruptedException {
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        List<PublishedChan<Integer>> published = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            published.add(ChanFlux.toChan(Flux.range(0, 10), 0, ctx));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int stuck = 0;
        for (Thread pump : Go.running()) {
            if (pump.getName().equals("published-chan")
                    && !pump.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                stuck++;
            }
        }
        published.forEach(PublishedChan::cancel);
        assertThat(stuck).as("pumps still running, of 4000").isZero();
        for (PublishedChan<Integer> p : published) {
            assertThat(drain(p)).isEmpty();
        }
    }

    /**
     * On an unbuffered channel the pump requests one value when a receiver waits; if that
     * receiver gives up while the publisher is still answering on the pump's thread, the value
     * the pump then holds is not lost: it goes to the next receiver, and nothing more is
     * requested meanwhile.
     */
    @Test
    void aValueWhoseReceiverGaveUpDuringTheRequestGoesToTheNextReceiver() throws InterruptedException {
        CountDownLatch inRequest = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        PublishedChan<Integer> p = toChan(answersWhenTold(inRequest, answer, calls), 0);
        CompletableFuture<Throwable> quitter = new CompletableFuture<>();
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                quitter.complete(new AssertionError("received " + p.chan().receive()));
            } catch (InterruptedException e) {
                quitter.complete(e);
            }
        });
        assertThat(inRequest.await(10, TimeUnit.SECONDS)).isTrue();
        first.interrupt();
        first.join();
        assertThat(quitter.join()).isInstanceOf(InterruptedException.class);
        answer.countDown();
        awaitPumpParked(); // in the send of the value it holds: no receiver took it at once
        assertThat(p.chan().receive()).isEqualTo(Received.of(1));
        assertThat(calls).as("one value out at a time").containsExactly("request 1");
        p.cancel();
        drain(p);
    }

    /**
     * A cancel made while the pump's request is in progress is carried out by the pump itself
     * when the request returns, so no interrupt reaches it: a value the publisher sent during
     * that request is dropped, not sent, and the channel closes (nothing waits to send it).
     */
    @Test
    void aCancelDuringThePumpsRequestDropsTheValueSentInItAndClosesTheChannel() throws InterruptedException {
        CountDownLatch inRequest = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        PublishedChan<Integer> p = toChan(answersWhenTold(inRequest, answer, calls), 0);
        Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                p.chan().receive();
            } catch (InterruptedException expected) {
                // gives up, so that no receiver waits when the value comes
            }
        });
        assertThat(inRequest.await(10, TimeUnit.SECONDS)).isTrue();
        receiver.interrupt();
        receiver.join();
        p.cancel(); // returns at once: the pump's request holds the subscription
        answer.countDown();
        assertThat(drain(p)).as("the value sent during the cancelled request").isEmpty();
        assertThat(calls).containsExactly("request 1", "cancel");
    }

    /** §2.7: the pump's {@code request} and a concurrent {@code cancel} reach the publisher one after the other. */
    @Test
    void requestAndCancelAreNeverCalledConcurrently() throws InterruptedException {
        CountDownLatch inRequest = new CountDownLatch(1);
        CountDownLatch cancelCalled = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        List<String> calls = new CopyOnWriteArrayList<>();
        Subscription subscription = new Subscription() {
            @Override
            public void request(long n) {
                calls.add(inside.getAndIncrement() == 0 ? "request" : "request during another call");
                inRequest.countDown();
                awaitUninterruptibly(cancelCalled);
                inside.decrementAndGet();
            }

            @Override
            public void cancel() {
                calls.add(inside.getAndIncrement() == 0 ? "cancel" : "cancel during another call");
                inside.decrementAndGet();
                cancelled.countDown();
            }
        };
        // onSubscribe on a goroutine of its own, so whichever thread requests first may block in request.
        Publisher<Integer> source = subscriber -> Go.go(() -> subscriber.onSubscribe(subscription));
        PublishedChan<Integer> p = toChan(source, 1);
        assertThat(inRequest.await(10, TimeUnit.SECONDS)).isTrue();
        p.cancel();
        cancelCalled.countDown();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(drain(p)).isEmpty();
        assertThat(calls).containsExactly("request", "cancel");
    }

    /**
     * A publisher that answers each request on the requesting thread, one value (1, 2, …) at a
     * time, once {@code answer} is counted down; it counts down {@code inRequest} when a request
     * comes and records the calls on its subscription ("request n", "cancel") in {@code calls}.
     */
    private static Publisher<Integer> answersWhenTold(
            CountDownLatch inRequest, CountDownLatch answer, List<String> calls) {
        return s -> s.onSubscribe(new Subscription() {
            private int sent;

            @Override
            public void request(long n) {
                calls.add("request " + n);
                inRequest.countDown();
                awaitUninterruptibly(answer);
                s.onNext(++sent);
            }

            @Override
            public void cancel() {
                calls.add("cancel");
            }
        });
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (!latch.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("not released within the bound");
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCapacityNoChannelCanHaveIsRejectedAtTheCall() {
        assertThatThrownBy(() -> toChan(Flux.just(1), Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity")
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
        assertThatThrownBy(() -> toResultChan(Flux.just(1), Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
    }
}
