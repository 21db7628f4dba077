package io.github.chanflux.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.DeadlineExceeded;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.AllFailedException;
import io.github.chanflux.pattern.HedgeDelay;
import io.github.chanflux.pattern.Hedging;
import io.github.chanflux.pattern.HedgingPolicy;
import io.github.chanflux.pattern.Replicas.Replica;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.time.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Hedged requests over goroutines, on fake time: when attempts are sent, which wins, who is canceled. */
class HedgingTest {

    private static final Duration DELAY = Duration.ofMillis(100);
    private static final HedgingPolicy THREE = HedgingPolicy.of(3, HedgeDelay.fixed(DELAY));

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    /** When (millis after t0) each attempt was sent, and which saw their context canceled. */
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();

    private final Set<Integer> canceled = ConcurrentHashMap.newKeySet();

    /** Runs a hedged request on fake time until it returns; its answer or error. */
    private Result<String> hedged(Context ctx, HedgingPolicy policy, Replica<String> attempt)
            throws InterruptedException {
        Chan<Result<String>> result = Chan.make(1);
        Go.go(() -> result.send(Result.of(() -> Hedging.hedge(ctx, policy, tracked(attempt)))));
        driver.runUntil(() -> result.len() == 1);
        Goroutines.assertAllEnded();
        return result.receive().value();
    }

    private Result<String> hedged(HedgingPolicy policy, Replica<String> attempt) throws InterruptedException {
        return hedged(Context.withClock(Context.background(), clock), policy, attempt);
    }

    private Replica<String> tracked(Replica<String> attempt) {
        return (ctx, k) -> {
            sentAt.put(k, Duration.between(t0, clock.now()).toMillis());
            try {
                return attempt.call(ctx, k);
            } finally {
                if (ctx.err() != null) {
                    canceled.add(k);
                }
            }
        };
    }

    /** An Error in an attempt ends the request at once, thrown from hedge, the attempt still running canceled. */
    @Test
    void anErrorInAnAttemptIsThrownAndTheOthersAreCanceled() throws InterruptedException {
        Chan<Throwable> thrown = Chan.make(1);
        Context ctx = Context.withClock(Context.background(), clock);
        Go.go(() -> {
            try {
                Hedging.hedge(ctx, THREE, tracked((c, k) -> {
                    if (k == 1) {
                        throw new AssertionError("attempt 1 broke");
                    }
                    clock.sleep(Duration.ofHours(1));
                    return "" + k;
                }));
                thrown.send(new AssertionError("hedge answered"));
            } catch (Throwable t) {
                thrown.send(t);
            }
        });
        driver.runUntil(() -> thrown.len() == 1);
        Goroutines.assertAllEnded();
        assertThat(thrown.receive().value()).isInstanceOf(AssertionError.class).hasMessage("attempt 1 broke");
        assertThat(sentAt).containsOnlyKeys(0, 1);
        assertThat(canceled).containsExactly(0);
    }

    private static Throwable error(Result<String> r) {
        assertThat(r).isInstanceOf(Result.Err.class);
        return ((Result.Err<String>) r).error();
    }

    /** Attempt k answers "k" after {@code ms[k]} milliseconds. */
    private Replica<String> answering(long... ms) {
        return (ctx, k) -> {
            clock.sleep(Duration.ofMillis(ms[k]));
            return "" + k;
        };
    }

    @Test
    void noHedgeWhenTheFirstAnswersBeforeTheDelay() throws InterruptedException {
        assertThat(hedged(THREE, answering(99, 1))).isEqualTo(Result.ok("0"));
        assertThat(sentAt).isEqualTo(Map.of(0, 0L));
        assertThat(clock.now()).isEqualTo(t0.plusMillis(99));
    }

    @Test
    void oneHedgeAfterTheDelayAndTheFirstIsCanceled() throws InterruptedException {
        assertThat(hedged(THREE, answering(5000, 30, 1))).isEqualTo(Result.ok("1"));
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L));
        assertThat(canceled).containsExactly(0);
        assertThat(clock.now()).isEqualTo(t0.plusMillis(130));
    }

    @Test
    void aRetryableFailureHedgesAtOnce() throws InterruptedException {
        Replica<String> attempt = (ctx, k) -> {
            if (k == 0) {
                clock.sleep(Duration.ofMillis(10));
                throw new IOException("reset");
            }
            return answering(0, 50).call(ctx, k);
        };
        assertThat(hedged(THREE.withRetryable(e -> e instanceof IOException), attempt))
                .isEqualTo(Result.ok("1"));
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 10L));
    }

    @Test
    void aNonRetryableFailureFailsAtOnceAndCancelsTheOthers() throws InterruptedException {
        IllegalStateException fatal = new IllegalStateException("bad request");
        Replica<String> attempt = (ctx, k) -> {
            clock.sleep(Duration.ofMillis(k == 0 ? 5000 : 10));
            throw fatal;
        };
        Result<String> r = hedged(THREE, attempt);
        assertThat(error(r)).isInstanceOf(ExecutionException.class).hasCause(fatal);
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L));
        assertThat(canceled).containsExactly(0);
    }

    @Test
    void atMostMaxAttemptsAreSent() throws InterruptedException {
        try (CancelableContext ctx =
                Context.withTimeout(Context.withClock(Context.background(), clock), Duration.ofHours(1))) {
            Result<String> r =
                    hedged(ctx, THREE, answering(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));
            assertThat(error(r)).isInstanceOf(DeadlineExceeded.class);
        }
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L, 2, 200L));
        assertThat(canceled).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void anExhaustedBudgetSendsNoMoreHedges() throws InterruptedException {
        HedgingPolicy policy =
                HedgingPolicy.of(5, HedgeDelay.fixed(DELAY)).withBudget(new Limiter(Limit.of(0), 1, clock));
        assertThat(hedged(policy, answering(1000, 1000, 1))).isEqualTo(Result.ok("0"));
        assertThat(sentAt).isEqualTo(Map.of(0, 0L, 1, 100L));
        assertThat(canceled).containsExactly(1);
    }

    @Test
    void whenEveryAttemptFailsTheErrorNamesEachCause() throws InterruptedException {
        Result<String> r = hedged(THREE.withRetryable(e -> true), (ctx, k) -> {
            throw new IOException("replica " + k + " down");
        });
        assertThat(error(r))
                .isInstanceOf(AllFailedException.class)
                .hasMessage("all 3 attempts failed: #0: java.io.IOException: replica 0 down; "
                        + "#1: java.io.IOException: replica 1 down; #2: java.io.IOException: replica 2 down");
    }

    @Test
    void thePercentileDelayFollowsTheRecordedLatencies() throws InterruptedException {
        HedgeDelay p50 = HedgeDelay.percentile(50, 4, Duration.ofSeconds(1));
        for (long ms : new long[] {40, 10, 30, 20}) {
            assertThat(hedged(HedgingPolicy.of(1, p50), answering(ms))).isEqualTo(Result.ok("0"));
        }
        assertThat(p50.current()).isEqualTo(Duration.ofMillis(20));
        sentAt.clear();
        Instant start = clock.now();
        assertThat(hedged(HedgingPolicy.of(2, p50), answering(1000, 5))).isEqualTo(Result.ok("1"));
        assertThat(clock.now()).isEqualTo(start.plusMillis(25));
    }
}
