package io.github.chanflux.chan;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Go's {@code select} statement: waits until one of several channel operations can proceed,
 * performs exactly that one, and runs its clause. A static import gives the vocabulary.
 *
 * <pre>{@code
 * String what = select(                                         // select {
 *     recv(values, r -> r.ok() ? "got " + r.value() : "closed"), // case v, ok := <-values: ...
 *     send(out, 42, () -> "sent"),                               // case out <- 42: ...
 *     recv(ctx.done(), r -> "canceled"),                         // case <-ctx.Done(): ...
 *     recv(clock.after(Duration.ofSeconds(1)), r -> "timed out"));// case <-time.After(time.Second): ...
 *                                                               // }
 * }</pre>
 * The result type comes from the clauses; no type witness is needed. Clauses may throw any
 * exception, which {@code select} passes on unchanged.
 *
 * <p><b>Statement form</b>, for loops whose clauses {@code return}, {@code break} or
 * {@code continue}: cases without clauses make {@code select} return a {@link Selected} that
 * says which case was chosen, and the clause bodies follow as plain code, as in Go:
 * <pre>{@code
 * for (;;) {                                                 // for {
 *     Selected s = select(recv(done), recv(in));             //     select {
 *     if (s.is(done)) return;                                //     case <-done: return
 *     Received<T> r = s.received(in);                        //     case v, ok := <-in:
 *     if (!r.ok()) return;                                   //         if !ok { return }
 *     handle(r.value());                                     //         ...
 *                                                            //     }
 * }                                                          // }
 * }</pre>
 *
 * <p>As in Go: when several cases are ready, one is chosen uniformly at random; with an
 * {@link #orElse(Clause) default} case the select never blocks; a case on a
 * {@linkplain Chan#nil() nil channel} is never chosen; a receive case on a closed channel is
 * ready and sees {@code ok == false}; a send case on a closed channel throws
 * {@link IllegalStateException} if chosen ("send on closed channel"). The same channel may
 * appear in several cases. A select with no case that can ever proceed blocks until
 * interrupted (Go's {@code select {}}). Timeouts are receive cases on a clock's
 * {@code after(d)} channel, exactly as Go's {@code case <-time.After(d)}, so a
 * {@code FakeClock} drives them in tests.
 *
 * <p>How: Go's {@code selectgo}. The select polls the cases in a random order, one channel lock
 * at a time; if none is ready it locks all its channels in a global order, polls once more, and
 * if still none is ready queues a node on every channel, unlocks and parks. The first
 * counterpart to claim the shared {@link Waiter} completes that one case; the others are then
 * dequeued.
 */
public final class Select {

    /**
     * A receive clause: gets the value with {@code ok}, as {@code case v, ok := <-ch}.
     *
     * @param <T> the element type
     * @param <R> what the clause returns
     * @param <X> what the clause may throw
     */
    @FunctionalInterface
    public interface RecvClause<T, R, X extends Exception> {
        /** Runs the clause with what was received. */
        R apply(Received<T> received) throws X;
    }

    /**
     * A send or default clause.
     *
     * @param <R> what the clause returns
     * @param <X> what the clause may throw
     */
    @FunctionalInterface
    public interface Clause<R, X extends Exception> {
        /** Runs the clause. */
        R run() throws X;
    }

    /**
     * One case of a select, made by {@link #recv}, {@link #send} or {@link #orElse}.
     *
     * @param <R> what its clause returns
     * @param <X> what its clause may throw
     */
    public static final class Case<R, X extends Exception> {
        private final Chan<?> chan;
        private final Object value;
        private final RecvClause<Object, ? extends R, ? extends X> onRecv;
        private final Clause<? extends R, ? extends X> onOther;

        private Case(
                Chan<?> chan,
                Object value,
                RecvClause<Object, ? extends R, ? extends X> onRecv,
                Clause<? extends R, ? extends X> onOther) {
            this.chan = chan;
            this.value = value;
            this.onRecv = onRecv;
            this.onOther = onOther;
        }

        private boolean isSend() {
            return value != null;
        }

        private boolean isDefault() {
            return chan == null;
        }

        private R complete(Received<?> received) throws X {
            @SuppressWarnings("unchecked")
            Received<Object> r = (Received<Object>) received;
            return onRecv != null ? onRecv.apply(r) : onOther.run();
        }
    }

    /**
     * Which case a select of clause-less cases chose, and what it received: the statement form,
     * whose clause bodies are the code that follows.
     */
    public static final class Selected {
        private final Case<?, ?> chosen;
        private final Received<?> received;

        private Selected(Case<?, ?> chosen, Received<?> received) {
            this.chosen = chosen;
            this.received = received;
        }

        /**
         * Whether the chosen case is on {@code chan} (or, for a select with several cases on one
         * channel, is the case object {@code chan}).
         */
        public boolean is(Object chan) {
            return chosen == chan || (chosen.chan != null && chosen.chan == chan);
        }

        /** Whether the {@link #orElse() default} case was chosen. */
        public boolean isDefault() {
            return chosen.isDefault();
        }

        /**
         * What the chosen receive case got from {@code chan}: the value with {@code ok}, as
         * {@code case v, ok := <-chan}.
         *
         * @throws IllegalStateException if the chosen case is not a receive on {@code chan}
         */
        @SuppressWarnings("unchecked")
        public <T> Received<T> received(RecvChan<T> chan) {
            if (chosen.chan != chan || chosen.isSend()) {
                throw new IllegalStateException("select chose " + this + ", not a receive on " + chan);
            }
            return (Received<T>) received;
        }

        @Override
        public String toString() {
            if (chosen.isDefault()) {
                return "default";
            }
            return (chosen.isSend() ? "send on " : "receive on ") + chosen.chan;
        }
    }

    /** What {@link #attempt} returns for a send that was performed. */
    private static final Received<?> SENT = Received.of(Boolean.TRUE);

    private Select() {}

    /**
     * Runs a select over {@code cases}: performs one ready case (or waits for one) and returns
     * what its clause returns.
     *
     * @throws X what the chosen clause threw
     * @throws InterruptedException if interrupted while waiting; then no case was performed
     * @throws IllegalStateException if a send case on a closed channel is chosen, or if there
     *     is more than one default case
     */
    @SafeVarargs
    public static <R, X extends Exception> R select(Case<? extends R, ? extends X>... cases)
            throws X, InterruptedException {
        return run(Objects.requireNonNull(cases, "cases"));
    }

    /**
     * {@link #select(Case[])} over a list of cases built at run time: Go's {@code reflect.Select},
     * for a select whose number of cases is known only when it runs.
     */
    @SuppressWarnings("unchecked")
    public static <R, X extends Exception> R select(List<? extends Case<? extends R, ? extends X>> cases)
            throws X, InterruptedException {
        Objects.requireNonNull(cases, "cases");
        return run((Case<? extends R, ? extends X>[]) cases.toArray(new Case<?, ?>[0]));
    }

    /** {@code case v, ok := <-chan: clause}. */
    @SuppressWarnings("unchecked")
    public static <T, R, X extends Exception> Case<R, X> recv(
            RecvChan<T> chan, RecvClause<? super T, ? extends R, ? extends X> clause) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(clause, "clause");
        return new Case<>((Chan<?>) chan, null, (RecvClause<Object, ? extends R, ? extends X>) clause, null);
    }

    /** {@code case v, ok := <-chan:} in the statement form: the select returns a {@link Selected}. */
    public static Case<Selected, RuntimeException> recv(RecvChan<?> chan) {
        Objects.requireNonNull(chan, "chan");
        return statement((Chan<?>) chan, null);
    }

    /** {@code case chan <- value: clause}. */
    public static <T, R, X extends Exception> Case<R, X> send(
            SendChan<T> chan, T value, Clause<? extends R, ? extends X> clause) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(clause, "clause");
        return new Case<>((Chan<?>) chan, value, null, clause);
    }

    /** {@code case chan <- value:} in the statement form: the select returns a {@link Selected}. */
    public static <T> Case<Selected, RuntimeException> send(SendChan<T> chan, T value) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(value, "value");
        return statement((Chan<?>) chan, value);
    }

    /** {@code default: clause}, run at once if no other case is ready. */
    public static <R, X extends Exception> Case<R, X> orElse(Clause<? extends R, ? extends X> clause) {
        Objects.requireNonNull(clause, "clause");
        return new Case<>(null, null, null, clause);
    }

    /** {@code default:} in the statement form: the select returns a {@link Selected}. */
    public static Case<Selected, RuntimeException> orElse() {
        return statement(null, null);
    }

    /** A clause-less case, whose "clause" reports itself as the chosen one. */
    private static Case<Selected, RuntimeException> statement(Chan<?> chan, Object value) {
        Case<Selected, RuntimeException>[] self = newCaseArray();
        RecvClause<Object, Selected, RuntimeException> onRecv = r -> new Selected(self[0], r);
        Clause<Selected, RuntimeException> onOther = () -> new Selected(self[0], null);
        self[0] = value == null && chan != null
                ? new Case<>(chan, null, onRecv, null)
                : new Case<>(chan, value, null, onOther);
        return self[0];
    }

    @SuppressWarnings("unchecked")
    private static Case<Selected, RuntimeException>[] newCaseArray() {
        return (Case<Selected, RuntimeException>[]) new Case<?, ?>[1];
    }

    /**
     * Checks {@code all} and sets the default case aside (the array is used as it is when there
     * is none, so a select allocates nothing before it has to wait but what it receives), then
     * runs the select.
     */
    private static <R, X extends Exception> R run(Case<? extends R, ? extends X>[] all) throws X, InterruptedException {
        Case<? extends R, ? extends X> orElse = null;
        for (Case<? extends R, ? extends X> c : all) {
            Objects.requireNonNull(c, "case");
            if (c.isDefault()) {
                if (orElse != null) {
                    throw new IllegalStateException("select has two default cases");
                }
                orElse = c;
            }
        }
        Case<? extends R, ? extends X>[] cases = all;
        if (orElse != null) {
            cases = Arrays.copyOf(all, all.length - 1);
            int n = 0;
            for (Case<? extends R, ? extends X> c : all) {
                if (c != orElse) {
                    cases[n++] = c;
                }
            }
        }
        return run(cases, orElse);
    }

    private static <R, X extends Exception> R run(
            Case<? extends R, ? extends X>[] cases, Case<? extends R, ? extends X> orElse)
            throws X, InterruptedException {
        int n = cases.length;
        long packed = n <= PACKED_MAX ? packedPollOrder(n) : 0;
        int[] order = n <= PACKED_MAX ? null : pollOrder(n);
        for (int k = 0; k < n; k++) {
            Case<? extends R, ? extends X> c = cases[polled(packed, order, k)];
            if (c.chan.isNil()) {
                continue;
            }
            c.chan.lock();
            Received<?> done;
            try {
                done = attempt(c);
            } finally {
                c.chan.unlockAndWake();
            }
            if (done != null) {
                return c.complete(done);
            }
        }
        return runLocked(cases, packed, order, orElse);
    }

    /**
     * The slow path, Go's {@code selectgo}: with every channel locked, polls the cases once more,
     * so that "no case is ready" holds at one instant before the default runs or the select
     * blocks. (The fast path above tries the cases one channel at a time, which suffices when
     * one of them can proceed.)
     */
    private static <R, X extends Exception> R runLocked(
            Case<? extends R, ? extends X>[] cases, long packed, int[] order, Case<? extends R, ? extends X> orElse)
            throws X, InterruptedException {
        Chan<?>[] locks = lockOrder(cases);
        if (locks.length == 0 && orElse == null) {
            Chan.blockForever();
        }
        lockAll(locks);
        for (int k = 0; k < cases.length; k++) {
            Case<? extends R, ? extends X> c = cases[polled(packed, order, k)];
            if (c.chan.isNil()) {
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
                return c.complete(done);
            }
        }
        if (orElse != null) {
            unlockAll(locks);
            return orElse.complete(null);
        }
        return block(cases, locks);
    }

    /**
     * Performs case {@code c} if it can proceed now; its channel is locked by the caller.
     * Returns what a receive got ({@link #SENT} for a send), or null if the case is not ready.
     */
    private static Received<?> attempt(Case<?, ?> c) {
        Chan<?> ch = c.chan;
        if (c.isSend()) {
            if (ch.isClosedLocked()) {
                throw Chan.sendOnClosed();
            }
            return ch.offerLocked(c.value) ? SENT : null;
        }
        Object value = ch.pollLocked();
        if (value != null) {
            return Received.of(value);
        }
        return ch.isClosedLocked() ? Received.closed() : null;
    }

    /** Queues a node on every channel, waits for one to be completed, dequeues the others. */
    private static <R, X extends Exception> R block(Case<? extends R, ? extends X>[] cases, Chan<?>[] locks)
            throws X, InterruptedException {
        if (Thread.interrupted()) {
            unlockAll(locks);
            throw new InterruptedException();
        }
        Waiter waiter = new Waiter();
        Node[] nodes = new Node[cases.length];
        for (int i = 0; i < nodes.length; i++) {
            Case<?, ?> c = cases[i];
            if (c.chan.isNil()) {
                continue;
            }
            nodes[i] = new Node(waiter, i, c.value);
            if (c.isSend()) {
                c.chan.enqueueSender(nodes[i]);
            } else {
                c.chan.enqueueReceiver(nodes[i]);
            }
        }
        unlockAll(locks);
        int chosen = waiter.await(spins(locks));
        lockAll(locks);
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                cases[i].chan.dequeue(nodes[i]);
            }
        }
        unlockAll(locks);
        if (chosen == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        Node node = nodes[chosen];
        Case<? extends R, ? extends X> c = cases[chosen];
        if (c.isSend()) {
            if (!node.ok) {
                throw Chan.sendOnClosed();
            }
            return c.complete(SENT);
        }
        return c.complete(node.ok ? Received.of(node.item) : Received.closed());
    }

    /** The distinct non-nil channels, sorted by id: the order in which to lock them. */
    private static Chan<?>[] lockOrder(Case<?, ?>[] cases) {
        Chan<?>[] order = new Chan<?>[cases.length];
        int n = 0;
        for (Case<?, ?> c : cases) {
            Chan<?> ch = c.chan;
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

    /** The most cases whose poll order is packed into a long, four bits per index. */
    private static final int PACKED_MAX = 16;

    /**
     * {@link #pollOrder} for {@code n <= 16} cases without an array: the same Fisher-Yates
     * shuffle over indexes packed four bits each; read index {@code k} with {@link #packedAt}.
     */
    private static long packedPollOrder(int n) {
        if (n <= 1) {
            return 0;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long order = 0;
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(i + 1);
            order |= (long) packedAt(order, j) << (4 * i); // order[i] = order[j] (order[i] was 0)
            order = (order & ~(0xFL << (4 * j))) | ((long) i << (4 * j)); // order[j] = i
        }
        return order;
    }

    private static int packedAt(long order, int k) {
        return (int) (order >>> (4 * k)) & 0xF;
    }

    /** The index of the case polled {@code k}-th: from {@code packed} if {@code order} is null. */
    private static int polled(long packed, int[] order, int k) {
        return order == null ? packedAt(packed, k) : order[k];
    }

    /** A uniformly random permutation of the case indices (Fisher-Yates). */
    private static int[] pollOrder(int n) {
        int[] order = new int[n];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
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
