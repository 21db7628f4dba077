package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.pattern.AllFailedException;
import io.github.chanflux.pattern.HedgeDelay;
import io.github.chanflux.pattern.HedgingPolicy;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Hedged requests on virtual time: when attempts are sent, which one wins, what is cancelled. */
class HedgingTest {

    private static final Duration DELAY = Duration.ofMillis(100);
    private static final HedgingPolicy THREE = HedgingPolicy.of(3, HedgeDelay.fixed(DELAY));

    /** The virtual time of the latest {@link #hedged} scenario (StepVerifier shuts it down after). */
    private VirtualTimeScheduler vts;
    /** When (virtual millis) each attempt was subscribed, and which were cancelled. */
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();

    private final List<Integer> cancelled = new CopyOnWriteArrayList<>();

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    /** Attempt k answers "k" after {@code latencies[k]}, recording when it is sent and if it is cancelled. */
    private IntFunction<Mono<String>> answering(Duration... latencies) {
        return k -> tracked(k, Mono.delay(latencies[k], vts).map(t -> "" + k));
    }

    private <T> Mono<T> tracked(int k, Mono<T> attempt) {
        return attempt.doOnSubscribe(s -> sentAt.put(k, vts.now(TimeUnit.MILLISECONDS)))
                .doOnCancel(() -> cancelled.add(k));
    }

    private static Mono<String> failing(Throwable e) {
        return Mono.error(e);
    }

    private StepVerifier.FirstStep<String> hedged(HedgingPolicy policy, IntFunction<Mono<String>> attempt) {
        return hedged(policy, attempt, Long.MAX_VALUE);
    }

    /** {@link #hedged(HedgingPolicy, IntFunction)}, the subscriber first requesting {@code request}. */
    private StepVerifier.FirstStep<String> hedged(
            HedgingPolicy policy, IntFunction<Mono<String>> attempt, long request) {
        vts = VirtualTimeScheduler.create();
        return StepVerifier.withVirtualTime(() -> Hedging.hedge(policy, attempt, vts), () -> vts, request);
    }

    @Test
    void noHedgeWhenTheFirstAnswersBeforeTheDelay() {
        hedged(THREE, answering(Duration.ofMillis(99), Duration.ofMillis(1)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(99))
                .expectNext("0")
                .verifyComplete();
        assertThat(sentAt).containsOnlyKeys(0);
        assertThat(cancelled).isEmpty();
    }

    @Test
    void oneHedgeAfterTheDelayAndTheFirstIsCancelledWhenItWins() {
        hedged(THREE, answering(Duration.ofSeconds(5), Duration.ofMillis(30), Duration.ofMillis(1)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(129))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("1")
                .verifyComplete();
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L));
        assertThat(cancelled).containsExactly(0);
    }

    @Test
    void aRetryableFailureHedgesAtOnce() {
        HedgingPolicy policy = THREE.withRetryable(e -> e instanceof IOException);
        hedged(
                        policy,
                        k -> k == 0
                                ? tracked(
                                        0,
                                        Mono.delay(Duration.ofMillis(10), vts).then(failing(new IOException("reset"))))
                                : answering(null, Duration.ofMillis(50), Duration.ofMillis(50))
                                        .apply(k))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(59))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("1")
                .verifyComplete();
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 10L));
    }

    @Test
    void aNonRetryableFailureFailsAtOnceAndCancelsTheOthers() {
        IllegalStateException fatal = new IllegalStateException("bad request");
        hedged(
                        THREE,
                        k -> k == 0
                                ? tracked(0, Mono.never())
                                : tracked(
                                        1,
                                        Mono.delay(Duration.ofMillis(10), vts).then(failing(fatal))))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(110))
                .verifyErrorSatisfies(e -> assertThat(e).isSameAs(fatal));
        assertThat(sentAt).containsOnlyKeys(0, 1);
        assertThat(cancelled).containsExactly(0);
    }

    @Test
    void aRetryablePredicateThatThrowsEndsTheCallWithItsErrorAndCancelsTheOthers() {
        IllegalArgumentException broken = new IllegalArgumentException("predicate broke");
        IllegalStateException failure = new IllegalStateException("attempt failed");
        HedgingPolicy policy = THREE.withRetryable(e -> {
            throw broken;
        });
        hedged(
                        policy,
                        k -> k == 0
                                ? tracked(0, Mono.never())
                                : tracked(
                                        1,
                                        Mono.delay(Duration.ofMillis(10), vts).then(failing(failure))))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(110))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isSameAs(broken);
                    assertThat(e.getSuppressed()).containsExactly(failure);
                })
                .verify(Duration.ofMinutes(1)); // bounded: a call left unended must fail the test, not hang it
        assertThat(cancelled).containsExactly(0);
    }

    @Test
    void atMostMaxAttemptsAreSent() {
        hedged(THREE, k -> tracked(k, Mono.never()))
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .thenCancel()
                .verify();
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L, 2, 200L));
        assertThat(cancelled).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void anExhaustedBudgetSendsNoMoreHedges() {
        Limiter oneToken = new Limiter(Limit.of(0), 1);
        HedgingPolicy policy = HedgingPolicy.of(5, HedgeDelay.fixed(DELAY)).withBudget(oneToken);
        hedged(policy, answering(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(1)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("0")
                .verifyComplete();
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L));
        assertThat(cancelled).containsExactly(1);
    }

    @Test
    void whenEveryAttemptFailsTheErrorNamesEachCause() {
        HedgingPolicy policy = THREE.withRetryable(e -> true);
        hedged(policy, k -> failing(new IOException("replica " + k + " down"))).verifyErrorSatisfies(e -> {
            assertThat(e)
                    .isInstanceOf(AllFailedException.class)
                    .hasMessage("all 3 attempts failed: #0: java.io.IOException: replica 0 down; "
                            + "#1: java.io.IOException: replica 1 down; #2: java.io.IOException: replica 2 down");
            assertThat(((AllFailedException) e).causes()).hasSize(3);
        });
    }

    @Test
    void anExhaustedBudgetAfterARetryableFailureEndsWithTheFailuresSoFar() {
        HedgingPolicy policy = THREE.withRetryable(e -> true).withBudget(new Limiter(Limit.of(0), 0));
        hedged(policy, k -> failing(new IOException("down")))
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(AllFailedException.class)
                        .hasMessage("all 1 attempt failed: #0: java.io.IOException: down"));
    }

    @Test
    void thePercentileDelayFollowsTheRecordedLatencies() {
        HedgeDelay p50 = HedgeDelay.percentile(50, 4, Duration.ofSeconds(1));
        for (int ms : new int[] {40, 10, 30, 20}) {
            hedged(HedgingPolicy.of(1, p50), answering(Duration.ofMillis(ms)))
                    .thenAwait(Duration.ofMillis(ms))
                    .expectNext("0")
                    .verifyComplete();
        }
        assertThat(p50.current()).isEqualTo(Duration.ofMillis(20));
        sentAt.clear();
        hedged(HedgingPolicy.of(2, p50), answering(Duration.ofSeconds(1), Duration.ofMillis(5)))
                .thenAwait(Duration.ofMillis(25))
                .expectNext("1")
                .verifyComplete();
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 20L));
    }

    @Test
    void aNullOrThrowingAttemptFactoryIsThatAttemptsFailure() {
        HedgingPolicy policy = THREE.withRetryable(e -> true);
        hedged(policy, k -> switch (k) {
                    case 0 -> null;
                    case 1 -> throw new IllegalStateException("no connection");
                    default -> Mono.just("2");
                })
                .expectNext("2")
                .verifyComplete();
    }

    @Test
    void badArgumentsAreNamedAtTheCall() {
        assertThatThrownBy(() -> HedgingPolicy.of(0, HedgeDelay.fixed(DELAY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hedging: maxAttempts must be at least 1, got 0");
        assertThatThrownBy(() -> HedgeDelay.fixed(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hedging: delay must be positive, got PT0S");
        assertThatThrownBy(() -> HedgeDelay.fixed(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hedging: delay must be positive, got PT-0.005S");
        assertThatThrownBy(() -> HedgeDelay.percentile(0, 10, DELAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hedging: percentile must be in (0, 100], got 0.0");
        assertThatThrownBy(() -> HedgeDelay.percentile(95, 0, DELAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hedging: window must be at least 1, got 0");
        assertThatThrownBy(() -> Hedging.hedge(THREE, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("attempt");
        assertThatThrownBy(() -> THREE.withRetryable(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("retryable");
    }

    @Test
    void attemptsSeeTheCallersContext() {
        StepVerifier.create(Hedging.hedge(THREE, id -> Mono.deferContextual(ctx -> Mono.just(ctx.<String>get("user"))))
                        .contextWrite(reactor.util.context.Context.of("user", "gopher")))
                .expectNext("gopher")
                .verifyComplete();
    }

    @Test
    void theValueWaitsForDemand() {
        hedged(THREE, answering(Duration.ofMillis(10)), 0)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(10))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenRequest(1)
                .expectNext("0")
                .verifyComplete();
        assertThat(sentAt).containsOnlyKeys(0);
    }

    @Test
    void aCancelBeforeAnyAnswerCancelsTheAttemptsAndSendsNoMore() {
        AtomicReference<Subscription> call = new AtomicReference<>();
        hedged(THREE, answering(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .consumeSubscriptionWith(call::set)
                .thenAwait(DELAY)
                .then(() -> call.get().cancel())
                .thenAwait(Duration.ofHours(1)) // no third attempt, no value, no error
                .thenCancel()
                .verify();
        assertThat(sentAt).containsOnlyKeys(0, 1);
        assertThat(cancelled).containsExactlyInAnyOrder(0, 1);
    }

    /** {@code delegate}, but its clock steps back a millisecond at every reading. */
    private static Scheduler steppingBack(Scheduler delegate) {
        AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());
        return new Scheduler() {
            @Override
            public Disposable schedule(Runnable task) {
                return delegate.schedule(task);
            }

            @Override
            public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                return delegate.schedule(task, delay, unit);
            }

            @Override
            public long now(TimeUnit unit) {
                return unit.convert(nanos.getAndAdd(-1_000_000), TimeUnit.NANOSECONDS);
            }

            @Override
            public Worker createWorker() {
                return delegate.createWorker();
            }
        };
    }

    @Test
    void aClockThatStepsBackStillGivesTheValueAndRecordsNoNegativeLatency() {
        HedgingPolicy policy = HedgingPolicy.of(2, HedgeDelay.percentile(50, 4, DELAY));
        Scheduler timers = Schedulers.newSingle("hedge-timers");
        try {
            StepVerifier.create(Hedging.hedge(policy, k -> Mono.just("answer"), steppingBack(timers)))
                    .expectNext("answer")
                    .expectComplete()
                    .verify(Duration.ofSeconds(30)); // a bound: the call hung when recording failed
            assertThat(policy.delay().current()).isEqualTo(Duration.ofNanos(1)); // a latency of 0, at least 1 ns
        } finally {
            timers.dispose();
        }
    }

    @Test
    void aSchedulerThatRejectsTheTimerEndsTheCallWithItsErrorOnce() {
        Scheduler disposed = Schedulers.newSingle("hedge-disposed");
        disposed.dispose();
        List<Integer> subscribed = new CopyOnWriteArrayList<>();
        List<String> signals = new CopyOnWriteArrayList<>();
        Hedging.hedge(THREE, k -> Mono.fromCallable(() -> "" + k).doOnSubscribe(s -> subscribed.add(k)), disposed)
                .subscribe(new Subscriber<String>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        signals.add("onSubscribe");
                        s.request(1);
                    }

                    @Override
                    public void onNext(String v) {
                        signals.add("onNext");
                    }

                    @Override
                    public void onError(Throwable e) {
                        signals.add(e instanceof RejectedExecutionException ? "onError rejected" : "onError " + e);
                    }

                    @Override
                    public void onComplete() {
                        signals.add("onComplete");
                    }
                });
        assertThat(signals).containsExactly("onSubscribe", "onError rejected");
        assertThat(subscribed).isEmpty(); // the first attempt is sent only once its timer is armed
    }
}
