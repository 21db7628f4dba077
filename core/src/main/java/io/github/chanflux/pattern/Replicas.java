package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.WaitGroup;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Replicated requests ("Concurrency in Go" 5.4): the same request sent to {@code n} replicas at
 * once, the first answer taken, the rest canceled. It trades load for latency: worth it when
 * replicas run under different conditions (processes, machines, paths to a data store), so one
 * slow replica does not make the request slow. For sending the extra copies only when the first
 * is late, see {@link Hedging}.
 *
 * <pre>{@code
 * String answer = Replicas.first(ctx, 10, (c, id) -> doWork(c, id));
 * }</pre>
 *
 * <p>The book's program selects on a shared {@code done} channel that {@code main} closes after
 * the first result; here each replica runs as a goroutine bound to a context derived from the
 * caller's ({@link Context#go(Context, Context.Task)}), canceled once one replica answers, so a
 * replica watching {@code ctx.done()} stops as the book's do, and one blocked in any other call
 * is interrupted (Java's way to stop a blocking call that does not watch a channel).
 */
public final class Replicas {

    private Replicas() {}

    /**
     * The work of one replica.
     *
     * @param <T> what it answers
     */
    @FunctionalInterface
    public interface Replica<T> {
        /**
         * Handles the request as replica {@code id}.
         *
         * @param ctx done once another replica has answered, or the caller's context is done
         * @param id the replica's number, from 0 to n - 1
         * @return the answer, not null
         * @throws Exception if this replica fails; the others go on
         */
        T call(Context ctx, int id) throws Exception;
    }

    /**
     * Runs {@code replica} on {@code n} goroutines and returns the first answer. Once one replica
     * answers, the context the others were given is canceled (their goroutines are interrupted),
     * and this method returns after every replica has ended: the book's
     * {@code firstReturned := <-result; close(done); wg.Wait()}. A replica that fails (throws, or
     * answers null) leaves the others running; if all fail, the failures are reported together.
     * An {@code Error} a replica throws (a failed assertion) is thrown from here at once, the
     * other replicas canceled.
     * A {@code ctx} already done fails at once, starting no replica.
     *
     * @param ctx the caller's context; when it is done first, the replicas are canceled
     * @param n how many replicas to start, at least 1
     * @param replica the work of each replica, given its context and number
     * @param <T> the answer's type
     * @return the first answer
     * @throws AllFailedException if every replica failed; it names each replica's cause
     * @throws TimeoutException if {@code ctx}'s deadline passed first ({@link Context#DEADLINE_EXCEEDED})
     * @throws CancellationException if {@code ctx} was canceled first ({@link Context#CANCELED}, or
     *     its cause wrapped)
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws NullPointerException if {@code ctx} or {@code replica} is null
     */
    public static <T> T first(Context ctx, int n, Replica<T> replica)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(replica, "replica");
        if (n < 1) {
            throw new IllegalArgumentException("replicas: n must be at least 1, got " + n);
        }
        if (ctx.err() != null) {
            throw Outcome.contextError(ctx);
        }
        Chan<Outcome<T>> outcomes = Chan.make(n);
        WaitGroup wg = new WaitGroup();
        CancelableContext replicas = Context.withCancel(ctx);
        try {
            for (int i = 0; i < n; i++) {
                int id = i;
                wg.add(1);
                Context.go("replica-" + id, replicas, c -> {
                    try {
                        outcomes.send(Outcome.of(id, () -> replica.call(c, id)));
                    } finally {
                        wg.done();
                    }
                });
            }
            return awaitFirst(ctx, n, outcomes);
        } finally {
            replicas.cancel();
            wg.await();
        }
    }

    /**
     * Receives outcomes until one is an answer, all {@code n} failed, or {@code ctx} is done (a
     * failure seen once it is done is taken for the cancellation it probably is).
     */
    private static <T> T awaitFirst(Context ctx, int n, RecvChan<Outcome<T>> outcomes)
            throws InterruptedException, AllFailedException, TimeoutException {
        Throwable[] failures = new Throwable[n];
        RecvChan<Void> done = ctx.done();
        for (int failed = 0; failed < n; failed++) {
            Selected s = select(recv(outcomes), recv(done));
            if (s.is(done)) {
                throw Outcome.contextError(ctx);
            }
            Outcome<T> o = s.received(outcomes).value();
            if (o.error() == null) {
                return o.value();
            }
            o.rethrowError();
            if (ctx.err() != null) {
                throw Outcome.contextError(ctx);
            }
            failures[o.id()] = o.error();
        }
        throw new AllFailedException(Arrays.asList(failures));
    }
}
