package io.github.chanflux.chan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Go's {@code select} statement: waits until one of several channel operations can proceed,
 * performs exactly that one, and runs its clause.
 *
 * <pre>{@code
 * String what = Select.<String>select()
 *     .recv(values, r -> r.ok() ? "got " + r.value() : "values closed")
 *     .send(out, 42, () -> "sent")
 *     .recv(ctx.done(), r -> "canceled")
 *     .timeout(Duration.ofSeconds(1), () -> "timed out")   // case <-time.After(time.Second)
 *     .run();
 * }</pre>
 *
 * <p>As in Go: when several cases are ready, one is chosen uniformly at random; with an
 * {@link #orElse default} clause the select never blocks; a case on a {@linkplain Chan#nil() nil
 * channel} is never chosen; a receive case on a closed channel is ready and sees
 * {@code ok == false}; a send case on a closed channel throws {@link IllegalStateException} if
 * chosen ("send on closed channel"). The same channel may appear in several cases. A select with
 * no case that can ever proceed blocks until interrupted (Go's {@code select {}}). Java cannot
 * infer {@code R} through the chain, so name it: {@code Select.<String>select()}.
 *
 * <p>How: Go's {@code selectgo}. The select polls the cases in a random order, one channel lock at
 * a time; if none is ready it locks all its channels in a global order, polls once more, and if
 * still none is ready queues a node on every channel, unlocks and parks. The first counterpart to claim the shared {@link Waiter} completes that one case; the
 * others are then dequeued. A select is built for one run; build a new one each time.
 *
 * @param <R> what the chosen clause returns
 */
public final class Select<R> {

    /** A receive clause: gets the value with {@code ok}, as {@code case v, ok := <-ch}. */
    @FunctionalInterface
    public interface RecvClause<T, R> {
        R apply(Received<T> received) throws InterruptedException;
    }

    /** A send, default or timeout clause. */
    @FunctionalInterface
    public interface Clause<R> {
        R run() throws InterruptedException;
    }

    private record Case<R>(Chan<?> chan, Object value, RecvClause<Object, R> onRecv, Clause<R> onSend) {
        boolean isSend() {
            return onSend != null;
        }
    }

    /** What {@link #attempt} returns for a send that was performed. */
    private static final Received<?> SENT = Received.of(Boolean.TRUE);

    private final List<Case<R>> cases = new ArrayList<>(4);
    private Clause<R> orElse;
    private Duration timeout;
    private Clause<R> onTimeout;

    private Select() {
    }

    /** Starts a select; add cases, then {@link #run()}. */
    public static <R> Select<R> select() {
        return new Select<>();
    }

    /** Adds {@code case v, ok := <-chan: clause}. */
    @SuppressWarnings("unchecked")
    public <T> Select<R> recv(RecvChan<T> chan, RecvClause<? super T, ? extends R> clause) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(clause, "clause");
        cases.add(new Case<>((Chan<?>) chan, null, (RecvClause<Object, R>) clause, null));
        return this;
    }

    /** Adds {@code case chan <- value: clause}. */
    @SuppressWarnings("unchecked")
    public <T> Select<R> send(SendChan<T> chan, T value, Clause<? extends R> clause) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(clause, "clause");
        cases.add(new Case<>((Chan<?>) chan, value, null, (Clause<R>) clause));
        return this;
    }

    /** Adds {@code default: clause}, run at once if no case is ready. */
    @SuppressWarnings("unchecked")
    public Select<R> orElse(Clause<? extends R> clause) {
        Objects.requireNonNull(clause, "clause");
        if (orElse != null) {
            throw new IllegalStateException("select has two default clauses");
        }
        orElse = (Clause<R>) clause;
        return this;
    }

    /**
     * Adds {@code case <-time.After(after): clause}, chosen if no other case proceeds within
     * {@code after}. A zero or negative duration is ready at once.
     */
    @SuppressWarnings("unchecked")
    public Select<R> timeout(Duration after, Clause<? extends R> clause) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(clause, "clause");
        if (onTimeout != null) {
            throw new IllegalStateException("select has two timeout clauses");
        }
        timeout = after;
        onTimeout = (Clause<R>) clause;
        return this;
    }

    /**
     * Runs the select: performs one ready case (or waits for one) and returns what its clause
     * returns.
     *
     * @throws InterruptedException if interrupted while waiting; then no case was performed
     * @throws IllegalStateException if a send case on a closed channel is chosen
     */
    public R run() throws InterruptedException {
        long deadline = onTimeout == null ? 0 : deadlineAfter(timeout);
        int[] order = pollOrder();
        for (int i : order) {
            Case<R> c = cases.get(i);
            if (c.chan().isNil()) {
                continue;
            }
            c.chan().lock();
            Received<?> done;
            try {
                done = attempt(c);
            } finally {
                c.chan().unlockAndWake();
            }
            if (done != null) {
                return complete(c, done);
            }
        }
        return runLocked(order, deadline);
    }

    /**
     * The slow path, Go's {@code selectgo}: with every channel locked, polls the cases once more,
     * so that "no case is ready" holds at one instant before the default runs or the select
     * blocks. (The fast path above tries the cases one channel at a time, which suffices when
     * one of them can proceed.)
     */
    private R runLocked(int[] order, long deadline) throws InterruptedException {
        Chan<?>[] locks = lockOrder();
        if (locks.length == 0 && orElse == null && onTimeout == null) {
            Chan.blockForever();
        }
        lockAll(locks);
        for (int i : order) {
            Case<R> c = cases.get(i);
            if (c.chan().isNil()) {
                continue;
            }
            Received<?> done;
            try {
                done = attempt(c);
            } catch (IllegalStateException sendOnClosed) {
                unlockAll(locks);
                throw sendOnClosed;
            }
            if (done != null) {
                unlockAll(locks);
                return complete(c, done);
            }
        }
        if (orElse != null) {
            unlockAll(locks);
            return orElse.run();
        }
        if (onTimeout != null && !timeout.isPositive()) {
            unlockAll(locks);
            return onTimeout.run();
        }
        return block(locks, deadline);
    }

    /**
     * Performs case {@code c} if it can proceed now; its channel is locked by the caller.
     * Returns what a receive got ({@link #SENT} for a send), or null if the case is not ready.
     */
    private Received<?> attempt(Case<R> c) {
        Chan<?> ch = c.chan();
        if (c.isSend()) {
            if (ch.isClosedLocked()) {
                throw Chan.sendOnClosed();
            }
            return ch.offerLocked(c.value()) ? SENT : null;
        }
        Object value = ch.pollLocked();
        if (value != null) {
            return Received.of(value);
        }
        return ch.isClosedLocked() ? Received.closed() : null;
    }

    /** Runs the clause of the case that was performed. */
    @SuppressWarnings("unchecked")
    private R complete(Case<R> c, Received<?> received) throws InterruptedException {
        return c.isSend() ? c.onSend().run() : c.onRecv().apply((Received<Object>) received);
    }

    /** Queues a node on every channel, waits for one to be completed, dequeues the others. */
    private R block(Chan<?>[] locks, long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            unlockAll(locks);
            throw new InterruptedException();
        }
        Waiter waiter = new Waiter();
        Node[] nodes = new Node[cases.size()];
        for (int i = 0; i < nodes.length; i++) {
            Case<R> c = cases.get(i);
            if (c.chan().isNil()) {
                continue;
            }
            nodes[i] = new Node(waiter, i, c.value());
            if (c.isSend()) {
                c.chan().enqueueSender(nodes[i]);
            } else {
                c.chan().enqueueReceiver(nodes[i]);
            }
        }
        unlockAll(locks);
        int chosen = waiter.await(deadline, spins(locks));
        lockAll(locks);
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                cases.get(i).chan().dequeue(nodes[i]);
            }
        }
        unlockAll(locks);
        if (chosen == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        if (chosen == Waiter.TIMED_OUT) {
            return onTimeout.run();
        }
        Node node = nodes[chosen];
        Case<R> c = cases.get(chosen);
        if (c.isSend()) {
            if (!node.ok) {
                throw Chan.sendOnClosed();
            }
            return c.onSend().run();
        }
        return c.onRecv().apply(node.ok ? Received.of(node.item) : Received.closed());
    }

    /**
     * The {@link System#nanoTime()} instant {@code timeout} from now, for {@link Waiter#await}.
     * Saturates as Go's timers do: a timeout of centuries waits at most 2^62 ns (146 years), a
     * negative one of any size is due now. The sum may wrap around; {@code Waiter} compares by
     * difference, which stays right. Never 0, which means "no deadline".
     */
    private static long deadlineAfter(Duration timeout) {
        long nanos;
        try {
            nanos = Math.min(Math.max(0, timeout.toNanos()), Long.MAX_VALUE / 2);
        } catch (ArithmeticException tooLong) {
            nanos = timeout.isNegative() ? 0 : Long.MAX_VALUE / 2;
        }
        long deadline = System.nanoTime() + nanos;
        return deadline == 0 ? 1 : deadline;
    }

    /** The distinct non-nil channels, sorted by id: the order in which to lock them. */
    private Chan<?>[] lockOrder() {
        Chan<?>[] order = new Chan<?>[cases.size()];
        int n = 0;
        for (Case<R> c : cases) {
            Chan<?> ch = c.chan();
            if (ch.isNil()) {
                continue;
            }
            int at = n;
            while (at > 0 && order[at - 1].id > ch.id) {
                at--;
            }
            if (at > 0 && order[at - 1] == ch) {
                continue;
            }
            System.arraycopy(order, at, order, at + 1, n - at);
            order[at] = ch;
            n++;
        }
        return n == order.length ? order : Arrays.copyOf(order, n);
    }

    /** Spins only if every channel is unbuffered, as a single operation would. */
    private static int spins(Chan<?>[] locks) {
        int spins = Waiter.RENDEZVOUS_SPINS;
        for (Chan<?> ch : locks) {
            spins = Math.min(spins, ch.spins());
        }
        return spins;
    }

    /** A uniformly random permutation of the case indices (Fisher-Yates). */
    private int[] pollOrder() {
        int[] order = new int[cases.size()];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < order.length; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return order;
    }

    private static void lockAll(Chan<?>[] locks) {
        for (Chan<?> ch : locks) {
            ch.lock();
        }
    }

    private static void unlockAll(Chan<?>[] locks) {
        for (Chan<?> ch : locks) {
            ch.unlockAndWake();
        }
    }
}
