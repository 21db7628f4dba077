package io.github.chanflux.chan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <p><b>Hot loops</b>: {@link #prepare} makes a select once, to run many times without the
 * allocation each call above makes (Go's select allocates nothing); see {@link Prepared}.
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
        /** A clause-less case: the select returns a {@link Selected} naming it. */
        private final boolean statement;

        private Case(
                Chan<?> chan,
                Object value,
                RecvClause<Object, ? extends R, ? extends X> onRecv,
                Clause<? extends R, ? extends X> onOther,
                boolean statement) {
            this.chan = chan;
            this.value = value;
            this.onRecv = onRecv;
            this.onOther = onOther;
            this.statement = statement;
        }

        private boolean isSend() {
            return value != null;
        }

        private boolean isDefault() {
            return chan == null;
        }

        /**
         * Runs the clause with the {@code outcome} of {@link #attempt}; a statement case fills
         * the {@link Selected} of {@code p} (the prepared select, or null for a new one).
         */
        @SuppressWarnings("unchecked")
        private R complete(Object outcome, Prepared<?, ?> p) throws X {
            if (statement) {
                Selected s = p != null ? p.selected : new Selected();
                s.set(this, outcome);
                return (R) s;
            }
            if (onRecv != null) {
                return onRecv.apply(Chan.received(outcome));
            }
            return onOther.run();
        }
    }

    /**
     * Which case a select of clause-less cases chose, and what it received: the statement form,
     * whose clause bodies are the code that follows.
     */
    public static final class Selected {
        private Case<?, ?> chosen;
        /** What the chosen receive got: null for a closed channel, a send or the default. */
        private Object value;

        private Selected() {}

        private void set(Case<?, ?> chosen, Object outcome) {
            this.chosen = chosen;
            this.value = outcome == SENT || outcome == Chan.CLOSED ? null : outcome;
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
            return value != null ? Received.of((T) value) : Received.closed();
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
    private static final Object SENT = new Object();

    /** What {@link #orDone} returns when its {@code done} case ran. */
    static final Object DONE = new Object();

    /**
     * A select made once and run many times: the {@code for { select { … } }} loop of a hot path
     * whose cases stay the same, such as a stage's {@code case <-done:} and
     * {@code case v, ok := <-in:}. It runs exactly as {@link Select#select(Case[])} over its
     * cases, without the allocation each such call makes; made by {@link Select#prepare}.
     *
     * <pre>{@code
     * Prepared<Selected, RuntimeException> loop = prepare(recv(done), recv(in));
     * for (;;) {                                        // for {
     *     Selected s = loop.select();                   //     select {
     *     if (s.is(done)) return;                       //     case <-done: return
     *     Received<T> r = s.received(in);               //     case v, ok := <-in:
     *     ...                                           //     }
     * }                                                 // }
     * }</pre>
     *
     * <p><b>Why Java needs it.</b> Go's select allocates nothing: the compiler lays its cases out
     * on the goroutine's stack, and a blocked select takes its {@code sudog}s from a per-processor
     * cache. A Java select allocates its cases, the varargs array, its result, and when it
     * blocks a waiter, one node per case and its lock order. A prepared select keeps all of these
     * and reuses them, so in the statement form (cases without clauses) a run allocates nothing;
     * {@link #select()} then returns this select's own {@link Selected}, overwritten by the next
     * run. (What a receive got still comes as a new {@link Received}, as from
     * {@link Chan#receive()}: handed to a receive clause, or made by {@link Selected#received}.)
     * A send case sends the value it was made with until {@link #setSend} replaces it, as Go's
     * {@code reflect.Select} user sets {@code cases[i].Send} before each call.
     *
     * <p>One thread runs it at a time: calling {@link #select()} or {@link #setSend} while
     * another call is running it, on any thread (a clause that runs its own select included),
     * throws {@link IllegalStateException}. The {@link Selected} a run returns is read by the
     * thread that ran it, before the next run; threads that take turns with one prepared select
     * must hand it over as they would any unsynchronized object (a channel does).
     *
     * @param <R> what {@link #select()} returns
     * @param <X> what its clauses may throw
     */
    public static final class Prepared<R, X extends Exception> {

        private static final VarHandle RUNNER;

        static {
            try {
                RUNNER = MethodHandles.lookup().findVarHandle(Prepared.class, "runner", Thread.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The cases but the default. */
        private final Case<? extends R, ? extends X>[] cases;

        private final Case<? extends R, ? extends X> orElse;
        /** The value each send case sends (see {@link #setSend}); null for a receive. */
        private final Object[] values;

        private final Chan<?>[] locks;
        private final Waiter waiter = new Waiter();
        /** One per case, reused by every block; null for a nil channel's case. */
        private final Node[] nodes;
        /** The poll order of more than {@link #PACKED_MAX} cases, shuffled in place. */
        private final int[] order;

        private final Selected selected = new Selected();
        /** The thread running {@link #select()} or {@link #setSend}; null between runs. */
        private volatile Thread runner;

        private Prepared(Case<? extends R, ? extends X>[] all) {
            int d = defaultIndex(all);
            this.cases = d < 0 ? all : without(all, d);
            this.orElse = d < 0 ? null : all[d];
            this.values = new Object[cases.length];
            this.nodes = new Node[cases.length];
            for (int i = 0; i < cases.length; i++) {
                Case<?, ?> c = cases[i];
                values[i] = c.value;
                nodes[i] = c.chan.isNil() ? null : new Node(waiter, i, null);
            }
            this.locks = lockOrder(cases);
            this.order = cases.length > PACKED_MAX ? new int[cases.length] : null;
        }

        /**
         * Runs the select: performs one ready case (or waits for one) and returns what its clause
         * returns, or in the statement form this select's {@link Selected}.
         *
         * @throws X what the chosen clause threw
         * @throws InterruptedException if interrupted while waiting; then no case was performed
         * @throws IllegalStateException if a send case on a closed channel is chosen, or if
         *     another call is running this select
         */
        public R select() throws X, InterruptedException {
            enter();
            try {
                return run(cases, orElse, this);
            } finally {
                RUNNER.setRelease(this, null);
            }
        }

        /**
         * Makes every send case on {@code chan} send {@code value} from the next run on: Go's
         * {@code cases[i].Send = reflect.ValueOf(value)} before a {@code reflect.Select}.
         *
         * @return this select
         * @throws NullPointerException if {@code chan} or {@code value} is null
         * @throws IllegalArgumentException if this select has no send case on {@code chan}
         * @throws IllegalStateException if another call is running this select
         */
        public <T> Prepared<R, X> setSend(SendChan<T> chan, T value) {
            Objects.requireNonNull(chan, "chan");
            Objects.requireNonNull(value, "value");
            enter();
            try {
                boolean found = false;
                for (int i = 0; i < cases.length; i++) {
                    if (cases[i].chan == chan && cases[i].isSend()) {
                        values[i] = value;
                        found = true;
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException("chan: this select has no send case on " + chan);
                }
                return this;
            } finally {
                RUNNER.setRelease(this, null);
            }
        }

        private void enter() {
            if (!RUNNER.compareAndSet(this, null, Thread.currentThread())) {
                throw new IllegalStateException("this prepared select is already running in " + runner);
            }
        }
    }

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

    /**
     * A select over {@code cases} to run many times without allocating: see {@link Prepared}.
     *
     * @throws IllegalStateException if there is more than one default case
     */
    @SafeVarargs
    public static <R, X extends Exception> Prepared<R, X> prepare(Case<? extends R, ? extends X>... cases) {
        return new Prepared<>(Objects.requireNonNull(cases, "cases").clone());
    }

    /** {@code case v, ok := <-chan: clause}. */
    @SuppressWarnings("unchecked")
    public static <T, R, X extends Exception> Case<R, X> recv(
            RecvChan<T> chan, RecvClause<? super T, ? extends R, ? extends X> clause) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(clause, "clause");
        return new Case<>((Chan<?>) chan, null, (RecvClause<Object, ? extends R, ? extends X>) clause, null, false);
    }

    /** {@code case v, ok := <-chan:} in the statement form: the select returns a {@link Selected}. */
    public static Case<Selected, RuntimeException> recv(RecvChan<?> chan) {
        Objects.requireNonNull(chan, "chan");
        return new Case<>((Chan<?>) chan, null, null, null, true);
    }

    /** {@code case chan <- value: clause}. */
    public static <T, R, X extends Exception> Case<R, X> send(
            SendChan<T> chan, T value, Clause<? extends R, ? extends X> clause) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(clause, "clause");
        return new Case<>((Chan<?>) chan, value, null, clause, false);
    }

    /** {@code case chan <- value:} in the statement form: the select returns a {@link Selected}. */
    public static <T> Case<Selected, RuntimeException> send(SendChan<T> chan, T value) {
        Objects.requireNonNull(chan, "chan");
        Objects.requireNonNull(value, "value");
        return new Case<>((Chan<?>) chan, value, null, null, true);
    }

    /** {@code default: clause}, run at once if no other case is ready. */
    public static <R, X extends Exception> Case<R, X> orElse(Clause<? extends R, ? extends X> clause) {
        Objects.requireNonNull(clause, "clause");
        return new Case<>(null, null, null, clause, false);
    }

    /** {@code default:} in the statement form: the select returns a {@link Selected}. */
    public static Case<Selected, RuntimeException> orElse() {
        return new Case<>(null, null, null, null, true);
    }

    /**
     * Sets the default case aside (the array is used as it is when there is none, so a select
     * allocates nothing before it has to wait but its result), then runs the select.
     */
    private static <R, X extends Exception> R run(Case<? extends R, ? extends X>[] all) throws X, InterruptedException {
        int d = defaultIndex(all);
        return d < 0 ? run(all, null, null) : run(without(all, d), all[d], null);
    }

    /** The index of the default case, or -1; checks the cases. */
    private static int defaultIndex(Case<?, ?>[] all) {
        int found = -1;
        for (int i = 0; i < all.length; i++) {
            if (Objects.requireNonNull(all[i], "case").isDefault()) {
                if (found >= 0) {
                    throw new IllegalStateException("select has two default cases");
                }
                found = i;
            }
        }
        return found;
    }

    private static <C> C[] without(C[] all, int index) {
        C[] rest = Arrays.copyOf(all, all.length - 1);
        System.arraycopy(all, index + 1, rest, index, rest.length - index);
        return rest;
    }

    /**
     * Runs the select over {@code cases} with default {@code orElse} (null if none); {@code p}
     * is the prepared select whose parts to reuse, or null to make them as needed.
     */
    private static <R, X extends Exception> R run(
            Case<? extends R, ? extends X>[] cases, Case<? extends R, ? extends X> orElse, Prepared<R, X> p)
            throws X, InterruptedException {
        int n = cases.length;
        long packed = n <= PACKED_MAX ? packedPollOrder(n) : 0;
        int[] order = n <= PACKED_MAX ? null : shuffle(p == null ? new int[n] : p.order);
        for (int k = 0; k < n; k++) {
            int i = polled(packed, order, k);
            Case<? extends R, ? extends X> c = cases[i];
            if (c.chan.isNil()) {
                continue;
            }
            c.chan.lock();
            Object done;
            try {
                done = attempt(c, i, p);
            } finally {
                c.chan.unlockAndWake();
            }
            if (done != null) {
                return c.complete(done, p);
            }
        }
        return runLocked(cases, packed, order, orElse, p);
    }

    /**
     * The slow path, Go's {@code selectgo}: with every channel locked, polls the cases once more,
     * so that "no case is ready" holds at one instant before the default runs or the select
     * blocks. (The fast path above tries the cases one channel at a time, which suffices when
     * one of them can proceed.)
     */
    private static <R, X extends Exception> R runLocked(
            Case<? extends R, ? extends X>[] cases,
            long packed,
            int[] order,
            Case<? extends R, ? extends X> orElse,
            Prepared<R, X> p)
            throws X, InterruptedException {
        Chan<?>[] locks = p == null ? lockOrder(cases) : p.locks;
        if (locks.length == 0 && orElse == null) {
            Chan.blockForever();
        }
        lockAll(locks);
        for (int k = 0; k < cases.length; k++) {
            int i = polled(packed, order, k);
            Case<? extends R, ? extends X> c = cases[i];
            if (c.chan.isNil()) {
                continue;
            }
            Object done;
            try {
                done = attempt(c, i, p);
            } catch (IllegalStateException sendOnClosed) {
                unlockAll(locks);
                throw sendOnClosed;
            }
            if (done != null) {
                unlockAll(locks);
                return c.complete(done, p);
            }
        }
        if (orElse != null) {
            unlockAll(locks);
            return orElse.complete(null, p);
        }
        return block(cases, locks, p);
    }

    /**
     * Performs case {@code c}, case {@code i} of the select (of {@code p} if prepared), if it
     * can proceed now; its channel is locked by the caller. Returns the value received,
     * {@link Chan#CLOSED} or {@link #SENT}, or null if the case is not ready.
     */
    private static Object attempt(Case<?, ?> c, int i, Prepared<?, ?> p) {
        return c.isSend() ? attemptSend(c.chan, sendValue(c, i, p)) : attemptReceive(c.chan);
    }

    /** A send case on {@code ch}, locked: {@link #SENT}, or null if not ready. */
    private static Object attemptSend(Chan<?> ch, Object value) {
        if (ch.isClosedLocked()) {
            throw Chan.sendOnClosed();
        }
        return ch.offerLocked(value) ? SENT : null;
    }

    /** A receive case on {@code ch}, locked: the value, {@link Chan#CLOSED}, or null if not ready. */
    private static Object attemptReceive(Chan<?> ch) {
        Object received = ch.pollLocked();
        if (received != null) {
            return received;
        }
        return ch.isClosedLocked() ? Chan.CLOSED : null;
    }

    /** What send case {@code c}, case {@code i}, sends: its own value, or as {@code p} set it. */
    private static Object sendValue(Case<?, ?> c, int i, Prepared<?, ?> p) {
        return p == null ? c.value : p.values[i];
    }

    /**
     * Queues a node on every channel, waits for one to be completed, dequeues the others. Every
     * channel is locked on entry; none is on return.
     */
    private static <R, X extends Exception> R block(
            Case<? extends R, ? extends X>[] cases, Chan<?>[] locks, Prepared<R, X> p) throws X, InterruptedException {
        if (Thread.interrupted()) {
            unlockAll(locks);
            throw new InterruptedException();
        }
        Waiter waiter = p == null ? null : p.waiter; // a new select's first node is its waiter
        Node[] nodes = p == null ? new Node[cases.length] : p.nodes;
        if (p != null) {
            waiter.reset();
        }
        for (int i = 0; i < nodes.length; i++) {
            Case<?, ?> c = cases[i];
            if (c.chan.isNil()) {
                continue;
            }
            if (waiter == null) {
                nodes[i] = new Node(i, sendValue(c, i, p));
                waiter = nodes[i];
            } else if (p == null) {
                nodes[i] = new Node(waiter, i, sendValue(c, i, p));
            } else {
                nodes[i].item = sendValue(c, i, p);
                nodes[i].ok = false;
            }
            if (c.isSend()) {
                c.chan.enqueueSender(nodes[i]);
            } else {
                c.chan.enqueueReceiver(nodes[i]);
            }
        }
        unlockAll(locks);
        int chosen = Waiter.INTERRUPTED;
        Object outcome = null;
        try {
            chosen = waiter.await(spins(locks));
        } finally { // even after an Error in the wait, no node stays queued for a reused waiter
            lockAll(locks);
            if (chosen != Waiter.INTERRUPTED) {
                outcome = outcome(cases[chosen], nodes[chosen]);
            }
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null) {
                    cases[i].chan.dequeue(nodes[i]);
                    nodes[i].item = null; // a value offered to a stale node was not delivered: drop it
                }
            }
            unlockAll(locks);
        }
        if (chosen == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        if (outcome == null) {
            throw Chan.sendOnClosed();
        }
        return cases[chosen].complete(outcome, p);
    }

    /** What the case of a claimed node got: as {@link #attempt}, null for a send on a closed channel. */
    private static Object outcome(Case<?, ?> c, Node node) {
        if (c.isSend()) {
            return node.ok ? SENT : null;
        }
        return node.ok ? node.item : Chan.CLOSED;
    }

    /**
     * {@code select { case <-done: …; case ch <- value: … }}, or with {@code value} null
     * {@code select { case <-done: …; case v, ok := <-ch: … }}: the step of every pipeline stage
     * ({@link SendChan#send(Object, RecvChan)}, {@link RecvChan#receive(RecvChan)}), run as
     * {@link #run} runs a select of these two cases but with none of its allocations (cases,
     * their array, the lock order, the node array); a select that blocks allocates its two
     * nodes only, one of them its waiter.
     *
     * @return {@link #DONE} if the done case ran (a value or the close of {@code done}), else
     *     the send case's {@link #SENT} or the receive case's value or {@link Chan#CLOSED}
     */
    static Object orDone(Chan<?> done, Chan<?> ch, Object value) throws InterruptedException {
        boolean doneFirst = ThreadLocalRandom.current().nextBoolean();
        for (int k = 0; k < 2; k++) {
            boolean isDone = (k == 0) == doneFirst;
            Chan<?> c = isDone ? done : ch;
            if (c.isNil()) {
                continue;
            }
            c.lock();
            Object outcome;
            try {
                outcome = attemptOrDone(c, isDone, value);
            } finally {
                c.unlockAndWake();
            }
            if (outcome != null) {
                return isDone ? DONE : outcome;
            }
        }
        // Go's selectgo: both channels locked in the global order, polled again, then queued on.
        Chan<?> first = done.isNil() ? ch : ch.isNil() || done.id <= ch.id ? done : ch;
        Chan<?> second = first == done ? ch : done;
        if (second.isNil() || second == first) {
            second = null;
        }
        if (first.isNil()) {
            Chan.blockForever();
        }
        lockPair(first, second);
        for (int k = 0; k < 2; k++) {
            boolean isDone = (k == 0) == doneFirst;
            Chan<?> c = isDone ? done : ch;
            if (c.isNil()) {
                continue;
            }
            Object outcome;
            try {
                outcome = attemptOrDone(c, isDone, value);
            } catch (IllegalStateException sendOnClosed) {
                unlockPair(first, second);
                throw sendOnClosed;
            }
            if (outcome != null) {
                unlockPair(first, second);
                return isDone ? DONE : outcome;
            }
        }
        if (Thread.interrupted()) {
            unlockPair(first, second);
            throw new InterruptedException();
        }
        Node onDone = done.isNil() ? null : new Node(0, null);
        Node onCh = ch.isNil() ? null : onDone == null ? new Node(1, value) : new Node(onDone, 1, value);
        Waiter waiter = onDone != null ? onDone : onCh;
        if (onDone != null) {
            done.enqueueReceiver(onDone);
        }
        if (onCh != null) {
            if (value != null) {
                ch.enqueueSender(onCh);
            } else {
                ch.enqueueReceiver(onCh);
            }
        }
        unlockPair(first, second);
        int chosen = Waiter.INTERRUPTED;
        Object outcome = null;
        try {
            chosen = waiter.await(second == null ? first.spins() : Math.min(first.spins(), second.spins()));
        } finally {
            lockPair(first, second);
            if (chosen == 1) {
                outcome = value != null ? (onCh.ok ? SENT : null) : (onCh.ok ? onCh.item : Chan.CLOSED);
            }
            if (onDone != null) {
                done.dequeue(onDone);
                onDone.item = null;
            }
            if (onCh != null) {
                ch.dequeue(onCh);
                onCh.item = null; // a value offered to a stale node was not delivered: drop it
            }
            unlockPair(first, second);
        }
        if (chosen == Waiter.INTERRUPTED) {
            throw new InterruptedException();
        }
        if (chosen == 0) {
            return DONE;
        }
        if (outcome == null) {
            throw Chan.sendOnClosed();
        }
        return outcome;
    }

    /** One case of {@link #orDone}, on {@code c} locked: the done case or the case on the channel. */
    private static Object attemptOrDone(Chan<?> c, boolean isDone, Object value) {
        return isDone || value == null ? attemptReceive(c) : attemptSend(c, value);
    }

    private static void lockPair(Chan<?> first, Chan<?> second) {
        first.lock();
        if (second != null) {
            second.lock();
        }
    }

    private static void unlockPair(Chan<?> first, Chan<?> second) {
        first.unlockAndWake();
        if (second != null) {
            second.unlockAndWake();
        }
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
     * {@link #shuffle} for {@code n <= 16} cases without an array: the same Fisher-Yates
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

    /** Fills {@code order} with a uniformly random permutation of its indices (Fisher-Yates). */
    private static int[] shuffle(int[] order) {
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
