package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.pattern.Replicas.Replica;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Hedged requests ("The Tail at Scale", Dean and Barroso, CACM 2013; beyond the book, which
 * replicates every request at once in 5.4): send the request to one replica, and only if it has
 * not answered after a delay send it to the next, as {@link HedgingPolicy} says. Most requests
 * then cost one attempt, and the slow tail is cut at about the delay plus a typical latency.
 *
 * <pre>{@code
 * String answer = Hedging.hedge(ctx, policy, (c, attempt) -> backend(attempt % 3).get(c));
 * }</pre>
 *
 * <p>Each attempt runs as a goroutine bound to a context derived from the caller's, canceled
 * (its goroutine interrupted) as soon as one attempt answers, as {@link Replicas} does. Time is
 * the context's {@linkplain Context#clock(Context) clock}, so a {@code FakeClock} drives it in
 * tests. The Reactor form is {@code io.github.chanflux.reactor.Hedging}.
 */
public final class Hedging {

    private Hedging() {}

    /**
     * Sends {@code replica} attempts as {@code policy} says and returns the first answer:
     * attempt 0 at once, attempt k + 1 when attempt k has not answered after
     * {@code policy.delay()}, or at once when an attempt fails with an error
     * {@code policy.retryable()} accepts, at most {@code policy.maxAttempts()} in all, each after
     * the first only if {@code policy.budget().allow()}. Once one answers, the others are canceled
     * and this method returns after all of them have ended; the time the first attempt ran is
     * {@linkplain HedgeDelay#record recorded} in the policy's delay. A {@code ctx} already done
     * fails at once, sending no attempt. An {@code Error} an attempt throws (a failed assertion)
     * is thrown from here at once, the other attempts canceled.
     *
     * @param ctx the caller's context; when it is done first, the attempts are canceled
     * @param policy the attempts, delay, retryable failures and budget
     * @param replica the work of one attempt, given its context and number (0 for the first)
     * @param <T> the answer's type
     * @return the first answer
     * @throws ExecutionException with the failure as its cause if an attempt failed with an
     *     error {@code retryable} rejects; an {@link AllFailedException} naming each cause if
     *     every attempt sent failed and no more may be sent
     * @throws TimeoutException if {@code ctx}'s deadline passed first ({@link Context#DEADLINE_EXCEEDED})
     * @throws CancellationException if {@code ctx} was canceled first ({@link Context#CANCELED}, or
     *     its cause wrapped)
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws NullPointerException if an argument is null
     */
    public static <T> T hedge(Context ctx, HedgingPolicy policy, Replica<T> replica)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(replica, "replica");
        if (ctx.err() != null) {
            throw Outcome.contextError(ctx);
        }
        return new Call<>(ctx, policy, replica).run();
    }

    /** One hedged request: the state of the loop that sends attempts and waits for their outcomes. */
    private static final class Call<T> {
        private final Context ctx;
        private final HedgingPolicy policy;
        private final Replica<T> replica;
        private final Clock clock;
        private final Chan<Outcome<T>> outcomes;
        private final Throwable[] failures;
        private final WaitGroup wg = new WaitGroup();
        private final CancelableContext attempts;
        private final Instant start;
        private int sent;
        private int outstanding;
        /** Receives when the next attempt is due; the nil channel when none will be. */
        private RecvChan<Instant> due = Chan.nil();

        private Timer timer;

        Call(Context ctx, HedgingPolicy policy, Replica<T> replica) {
            this.ctx = ctx;
            this.policy = policy;
            this.replica = replica;
            this.clock = Context.clock(ctx);
            this.outcomes = Chan.make(policy.maxAttempts());
            this.failures = new Throwable[policy.maxAttempts()];
            this.attempts = Context.withCancel(ctx);
            this.start = clock.now();
        }

        T run() throws InterruptedException, ExecutionException, TimeoutException {
            try {
                send();
                RecvChan<Void> done = ctx.done();
                while (true) {
                    Selected s = select(recv(outcomes), recv(due), recv(done));
                    if (s.is(done)) {
                        throw Outcome.contextError(ctx);
                    }
                    if (s.is(due)) {
                        due = Chan.nil();
                        sendIfBudget();
                        continue;
                    }
                    Outcome<T> o = s.received(outcomes).value();
                    outstanding--;
                    if (o.error() == null) {
                        recordFirstAttempt();
                        return o.value();
                    }
                    onFailure(o);
                }
            } finally {
                if (timer != null) {
                    timer.stop();
                }
                attempts.cancel();
                wg.await();
            }
        }

        /**
         * A failure: the next attempt at once if retryable, else the end of the request; once
         * {@code ctx} is done, the end with its error (the failure is probably the cancellation).
         */
        private void onFailure(Outcome<T> o) throws ExecutionException, TimeoutException {
            o.rethrowError();
            if (ctx.err() != null) {
                throw Outcome.contextError(ctx);
            }
            failures[o.id()] = o.error();
            if (!policy.retryable().test(o.error())) {
                throw new ExecutionException(o.error());
            }
            if (!sendIfBudget() && outstanding == 0) {
                throw new AllFailedException(Arrays.asList(failures).subList(0, sent));
            }
        }

        /** Sends the next attempt if one is left and the budget has a token; says whether it did. */
        private boolean sendIfBudget() {
            if (sent == policy.maxAttempts() || !policy.budget().allow()) {
                return false;
            }
            send();
            return true;
        }

        /** Starts attempt {@code sent} and arms the timer for the next, replacing the last one. */
        private void send() {
            int id = sent++;
            outstanding++;
            wg.add(1);
            Context.go("hedge-" + id, attempts, c -> {
                try {
                    outcomes.send(Outcome.of(id, () -> replica.call(c, id)));
                } finally {
                    wg.done();
                }
            });
            if (timer != null) {
                timer.stop();
            }
            if (sent < policy.maxAttempts()) {
                Chan<Instant> next = Chan.make(1);
                timer = clock.afterFunc(policy.delay().current(), () -> next.trySend(clock.now()));
                due = next;
            } else {
                due = Chan.nil();
            }
        }

        private void recordFirstAttempt() {
            if (failures[0] == null) {
                policy.delay().record(Duration.between(start, clock.now()));
            }
        }
    }
}
