package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.pattern.AllFailedException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Replicas.first under real concurrency: replicas answer and fail on threads of their own. */
class ReplicasRaceTest {

    private static final int TRIALS = 2_000;
    private static final int N = 4;

    /**
     * Every replica answers at once on its own thread: each trial must end with exactly one value
     * and one completion, and every replica asked for has answered or been cancelled.
     */
    @Test
    void replicasAnsweringTogetherGiveExactlyOneValue() throws InterruptedException {
        int failures = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            AtomicIntegerArray asked = new AtomicIntegerArray(N);
            AtomicIntegerArray settled = new AtomicIntegerArray(N); // answered or cancelled
            SignalCounter<Integer> recorder = new SignalCounter<>();
            Replicas.first(N, id -> {
                        asked.set(id, 1);
                        return Mono.fromCallable(() -> {
                                    settled.set(id, 1);
                                    return id;
                                })
                                .subscribeOn(Schedulers.parallel())
                                .doOnCancel(() -> settled.set(id, 1));
                    })
                    .subscribe(recorder);
            assertThat(recorder.ended.await(1, TimeUnit.MINUTES)).isTrue();
            boolean ok = recorder.values.size() == 1 && recorder.completions.get() == 1 && recorder.errors.get() == 0;
            for (int id = 0; id < N; id++) {
                ok &= asked.get(id) == settled.get(id);
            }
            failures += ok ? 0 : 1;
        }
        assertThat(failures).as("failed trials of %d", TRIALS).isZero();
    }

    /** Every replica fails at once on its own thread: exactly one error, naming all N causes. */
    @Test
    void replicasFailingTogetherGiveOneErrorWithEveryCause() throws InterruptedException {
        int failures = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            SignalCounter<Integer> recorder = new SignalCounter<>();
            Replicas.<Integer>first(
                            N,
                            id -> Mono.<Integer>error(new IllegalStateException("replica " + id))
                                    .subscribeOn(Schedulers.parallel()))
                    .subscribe(recorder);
            assertThat(recorder.ended.await(1, TimeUnit.MINUTES)).isTrue();
            boolean ok = recorder.values.size() == 0
                    && recorder.completions.get() == 0
                    && recorder.errors.get() == 1
                    && recorder.error instanceof AllFailedException all
                    && all.getSuppressed().length == N - 1
                    && all.getCause() != null;
            failures += ok ? 0 : 1;
        }
        assertThat(failures).as("failed trials of %d", TRIALS).isZero();
    }

    @Test
    void theValueWaitsForARequest() {
        StepVerifier.create(Replicas.first(2, Mono::just), 0)
                .expectSubscription()
                .expectNoEvent(java.time.Duration.ZERO)
                .thenRequest(1)
                .expectNext(0)
                .verifyComplete();
    }

    @Test
    void aReplicaThatAnswersWhileSubscribedWinsAndTheRestAreNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        StepVerifier.create(Replicas.first(3, id -> {
                    asked.incrementAndGet();
                    return Mono.just(id);
                }))
                .expectNext(0)
                .verifyComplete();
        assertThat(asked).hasValue(1);
    }

    @Test
    void aLateValueAfterAllOthersFailedStillWins() {
        Sinks.One<String> slow = Sinks.one();
        StepVerifier.create(Replicas.first(3, id -> id == 2 ? slow.asMono() : Mono.error(new IllegalStateException())))
                .then(() -> slow.tryEmitValue("late"))
                .expectNext("late")
                .verifyComplete();
    }
}
