package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.pattern.HedgeDelay;
import io.github.chanflux.pattern.HedgingPolicy;
import io.github.chanflux.test.Goroutines;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/**
 * Hedges racing answers on real threads: a delay of one nanosecond makes every timer race the
 * attempts' answers, failures and the call's end. Whatever the interleaving, each call delivers
 * exactly one value, an answer of one of its attempts, and leaves no attempt running.
 */
class HedgingRaceTest {

    private static final int CALLS = 10_000;
    private static final int MAX_ATTEMPTS = 4;

    /** What happened to one call's attempts: each one's end, and the values it emitted. */
    private record Call(Map<Integer, SignalType> ends, Map<Integer, Integer> answered, List<Integer> delivered) {}

    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();

    /** Attempts that fail after their call ended report to Reactor's dropped-error hook; not news here. */
    @BeforeEach
    void ignoreDroppedErrors() {
        Hooks.onErrorDropped(e -> {});
    }

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void eachCallDeliversOneAnswerAndLeavesNoAttemptRunning() throws InterruptedException {
        HedgingPolicy policy = HedgingPolicy.of(MAX_ATTEMPTS, HedgeDelay.fixed(Duration.ofNanos(1)))
                .withRetryable(e -> e instanceof IOException);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            Call call = new Call(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ArrayList<>());
            calls.add(call);
            call.delivered().add(Hedging.hedge(policy, k -> attempt(call, k)).block());
        }
        awaitEveryAttemptEnded();
        for (Call call : calls) {
            int winner = call.delivered().get(0);
            assertThat(call.answered()).containsKey(winner);
            assertThat(call.ends().get(winner)).isEqualTo(SignalType.ON_COMPLETE);
            call.ends()
                    .forEach((k, end) -> assertThat(end)
                            .as("attempt %d", k)
                            .isIn(SignalType.CANCEL, SignalType.ON_COMPLETE, SignalType.ON_ERROR));
            assertThat(call.answered().values())
                    .as("each attempt answers at most once")
                    .containsOnly(1);
        }
    }

    /** Answers or, one time in four, fails retryably, on a parallel thread; the last attempt always answers. */
    private Mono<Integer> attempt(Call call, int k) {
        boolean fails = k < MAX_ATTEMPTS - 1 && ThreadLocalRandom.current().nextInt(4) == 0;
        return Mono.fromCallable(() -> {
                    if (fails) {
                        throw new IOException("attempt " + k + " failed");
                    }
                    return k;
                })
                .subscribeOn(Schedulers.parallel())
                .doOnSubscribe(s -> subscribed.incrementAndGet())
                .doOnNext(v -> call.answered().merge(k, 1, Integer::sum))
                .doFinally(end -> {
                    call.ends().put(k, end);
                    ended.incrementAndGet();
                });
    }

    /**
     * Waits until every attempt subscribed has ended (cancelled, answered or failed), as
     * {@link Goroutines#assertAllEnded()} waits for goroutines: yielding, never sleeping.
     */
    private void awaitEveryAttemptEnded() {
        long deadline = System.nanoTime() + Goroutines.LIVENESS.toNanos();
        while (ended.get() != subscribed.get() && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertThat(ended.get()).as("attempts ended").isEqualTo(subscribed.get());
    }
}
