package io.github.chanflux.chan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A Go channel: {@code chan T}, with Go's semantics for send, receive, close, {@code len},
 * {@code cap}, {@code range}, nil channels and {@link Select select}.
 *
 * <p>{@link #make()} is unbuffered: a send waits for a receiver and hands the value over
 * directly (a rendezvous). {@link #make(int)} buffers up to {@code capacity} values in FIFO
 * order. {@link #nil()} is Go's nil channel: send and receive block forever, close throws, and a
 * select never chooses its cases. The Go channel state table (book 3.x "Channels") holds exactly;
 * Go's panics are {@link IllegalStateException}s with Go's messages. Elements are never null.
 *
 * <p>Hand out {@link RecvChan} or {@link SendChan} to let the compiler enforce ownership, as
 * Go's {@code <-chan T} and {@code chan<- T} do. (A cast can get the {@code Chan} back; Go's
 * conversion cannot be undone. Don't.)
 *
 * <p><b>Design.</b> As Go's runtime ({@code runtime/chan.go}, {@code select.go}): one lock per
 * channel guards a ring buffer and two FIFO queues of blocked operations ({@link Node}s, Go's
 * sudogs). A send hands its value straight to a waiting receiver, else buffers it, else queues
 * and blocks; a receive mirrors that, refilling the buffer from the first blocked sender. A
 * blocked operation is completed by its counterpart under the lock and woken after the unlock.
 * Each waiter is claimed by one compare-and-set ({@link Waiter}), which also settles races with
 * interrupts, timeouts and the other cases of a select. Waiters spin briefly, then park; no
 * lock is held while parked, and no {@code synchronized} is used, so virtual threads never pin.
 *
 * <p><b>Memory effects</b>, as in Go's memory model: a send happens-before the corresponding
 * receive completes; closing happens-before a receive that returns because of the close; for an
 * unbuffered channel, a receive happens-before the corresponding send completes.
 *
 * @param <T> the element type
 */
public final class Chan<T> implements RecvChan<T>, SendChan<T> {

    // Invariants, as runtime/chan.go states them (all under the channel lock):
    //
    //  - At least one of senders and receivers holds no live waiter, except for a select
    //    that waits to send and to receive on this same channel (it cannot meet itself).
    //  - For a buffered channel: count > 0 implies receivers holds no live waiter;
    //    count < capacity implies senders holds no live waiter.
    //  - For an unbuffered channel, count == 0 always; a value passes from one waiter to the
    //    other under the lock.
    //  - closed only goes from false to true; once it is true, both queues are empty.
    //
    // The queues may hold stale nodes: a select queues one node per case, and when one case is
    // completed, or the select times out or is interrupted, the nodes of its other cases stay
    // queued until the select locks its channels again to dequeue them. A counterpart that
    // meets such a node fails to claim its Waiter (a single compare-and-set) and drops it
    // (claimFirst). "Live" above means a node whose waiter is still waiting.
    //
    // Lock rules: the methods ending in Locked, enqueue/dequeue, claimFirst, failAll and
    // notifyReadyLocked require the lock; unlockAndWake releases it and then wakes the waiter
    // the operation completed; block is entered with the lock held and returns without it.
    // Select takes the locks of several channels in the order of their ids. No lock is held
    // while a thread parks in a wait for a counterpart, and no user code runs under a lock.

    private static final AtomicLong IDS = new AtomicLong();
    /**
     * What a receive from a closed, drained channel gets instead of a value (elements are never
     * this): from {@link #receiveValue} and from a select's receive case.
     */
    static final Object CLOSED = new Object();

    private static final Chan<?> NIL = new Chan<>(0, true);
    private static final int LOCK_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 64 : 0;
    private static final int LOCK_YIELDS = 8;
    /** The largest capacity: the largest array the JVM allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;
    /** Buffers up to this size are allocated whole; larger ones grow as they fill. */
    private static final int EAGER_CAPACITY = 1024;

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(Chan.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Lock order for {@link Select}, which locks all its channels at once. */
    final long id;

    private final boolean nil;
    /** The channel lock: 1 while held. See {@link #lock()}. */
    private volatile int locked;

    private final int capacity;
    /** The ring buffer; shorter than {@code capacity} until it fills, for huge capacities. */
    private Object[] buffer;

    private int head;
    private int count;
    private boolean closed;
    // The blocked receivers and senders, Go's recvq and sendq: two FIFOs of Nodes, doubly
    // linked so that a waiter that gives up, or a select woken by another case, leaves in O(1).
    // Their ends are fields of the channel, not of two queue objects, so that an operation
    // touches one object rather than three: each hand-over moves the channel's cache lines from
    // core to core, and the queue objects were more lines to move (measured: unbuffered 1P1C
    // about 10 % faster, ping-pong 3 %, buffered(16) 5 %; 40 bytes less per channel).
    private Node recvHead;
    private Node recvTail;
    private Node sendHead;
    private Node sendTail;
    /** The counterpart the last operation completed; woken by {@link #unlockAndWake()}. */
    private Node toWake;
    /** How long a waiter spins here before parking; adapted by {@link #adaptSpins}. */
    private int spinBudget = Waiter.MIN_SPINS;
    /** Threads in {@link #awaitSendReady()}; null when there are none (the common case). */
    private List<Waiter> readyWatchers;

    private Chan(int capacity, boolean nil) {
        this.id = nil ? -1 : IDS.getAndIncrement();
        this.nil = nil;
        this.capacity = capacity;
        this.buffer = new Object[Math.min(capacity, EAGER_CAPACITY)];
    }

    /** An unbuffered channel: Go's {@code make(chan T)}. */
    public static <T> Chan<T> make() {
        return new Chan<>(0, false);
    }

    /**
     * A channel buffering up to {@code capacity} values: Go's {@code make(chan T, capacity)}.
     * Capacity 0 is unbuffered. Memory grows with the values buffered, not with the capacity:
     * a buffer above 1024 slots is allocated as it fills.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative or above
     *     {@code Integer.MAX_VALUE - 8}, the largest array the JVM allocates (Go panics with
     *     "makechan: size out of range")
     */
    public static <T> Chan<T> make(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative channel capacity: " + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "makechan: size out of range: capacity " + capacity + " is above " + MAX_CAPACITY);
        }
        return new Chan<>(capacity, false);
    }

    /** Go's nil channel: sends and receives block forever, close throws, select skips it. */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> nil() {
        return (Chan<T>) NIL;
    }

    /** Whether this is the {@linkplain #nil() nil channel}. */
    public boolean isNil() {
        return nil;
    }

    @Override
    public void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        if (isNil()) {
            blockForever();
        }
        lock();
        if (closed) {
            unlock();
            throw sendOnClosed();
        }
        if (offerLocked(value)) {
            unlockAndWake();
            return;
        }
        Node node = block(Node.SENDERS, value);
        if (!node.ok) {
            throw sendOnClosed();
        }
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        if (isNil()) {
            return false;
        }
        lock();
        if (closed) {
            unlock();
            throw sendOnClosed();
        }
        boolean done = offerLocked(value);
        unlockAndWake();
        return done;
    }

    /**
     * Sends {@code values[from..to)} in order, each as {@link #trySend} would, up to the first
     * that would block; returns how many were sent. Not in Go: the channel lock is taken once
     * for all the values that go into the buffer (again after each hand-over to a waiting
     * receiver, which is woken at once), so a single sender with a batch in hand, such as the
     * Publisher bridge, does not take the lock from its receivers value by value. The outcome
     * is that of the same {@code trySend}s made one after the other: other operations on the
     * channel come between two of them only after a hand-over, where the lock is let go.
     * Reached from the reactor module through {@code io.github.chanflux.internal.ChanHooks};
     * not public.
     *
     * @throws IllegalStateException if the channel is closed before the first value is sent
     *     ("send on closed channel"); a close after that ends the batch, and the count tells
     *     what was sent
     */
    int trySendAll(Object[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            Objects.requireNonNull(values[i], "value");
        }
        if (isNil()) {
            return 0;
        }
        int i = from;
        while (i < to) {
            lock();
            if (closed) {
                unlock();
                if (i == from) {
                    throw sendOnClosed();
                }
                break; // what was sent is returned; the next send throws
            }
            while (i < to && offerLocked(values[i])) {
                i++;
                if (toWake != null) {
                    break; // a receiver to wake before the next value
                }
            }
            boolean handedOver = toWake != null;
            unlockAndWake();
            if (!handedOver) {
                break;
            }
        }
        return i - from;
    }

    /**
     * Blocks until a send would not block: the buffer has room, a receiver is waiting, or the
     * channel is closed (a send would then fail). Not in Go: it is for a sender that must fetch
     * its value from somewhere else first and should fetch it only when it can be delivered,
     * such as a bridge that requests a value from a Reactive Streams publisher only when a
     * receiver waits for it. Another sender may take the room before the caller sends, and a
     * waiting receiver may give up, so the following {@code send} can still block; for one
     * sender and a buffered channel, the room stays. Blocks forever on the nil channel. Reached
     * from the reactor module through {@code io.github.chanflux.internal.ChanHooks}; not public.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitSendReady() throws InterruptedException {
        if (isNil()) {
            blockForever();
        }
        lock();
        while (!closed && count == capacity && !hasWaitingReceiverLocked()) {
            if (Thread.interrupted()) {
                unlock();
                throw new InterruptedException();
            }
            Waiter w = new Waiter();
            if (readyWatchers == null) {
                readyWatchers = new ArrayList<>(2);
            }
            readyWatchers.add(w);
            unlock();
            int state = w.await(0);
            lock();
            if (state == Waiter.INTERRUPTED) {
                if (readyWatchers != null) {
                    readyWatchers.remove(w);
                }
                unlock();
                throw new InterruptedException();
            }
        }
        unlock();
    }

    @Override
    public Received<T> receive() throws InterruptedException {
        return received(receiveValue());
    }

    /** What a receive got, a value or {@link #CLOSED}, as Go's {@code v, ok}. */
    @SuppressWarnings("unchecked")
    static <T> Received<T> received(Object value) {
        return value == CLOSED ? Received.closed() : Received.of((T) value);
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            /** The value received and not yet returned, {@link #CLOSED}, or null before a receive. */
            private Object next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = receiveValue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UncheckedInterruptedException(e);
                    }
                }
                return next != CLOSED;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed");
                }
                T value = (T) next;
                next = null;
                return value;
            }
        };
    }

    /** Receives: the value, or {@link #CLOSED} once the channel is closed and drained. */
    private Object receiveValue() throws InterruptedException {
        if (isNil()) {
            blockForever();
        }
        lock();
        Object value = pollLocked();
        if (value != null) {
            unlockAndWake();
            return value;
        }
        if (closed) {
            unlock();
            return CLOSED;
        }
        Node node = block(Node.RECEIVERS, null);
        return node.ok ? node.item : CLOSED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Received<T> tryReceive() {
        if (isNil()) {
            return null;
        }
        lock();
        Object value = pollLocked();
        boolean isClosed = closed;
        unlockAndWake();
        if (value != null) {
            return Received.of((T) value);
        }
        return isClosed ? Received.closed() : null;
    }

    @Override
    public void close() {
        if (isNil()) {
            throw new IllegalStateException("close of nil channel");
        }
        List<Node> woken;
        lock();
        try {
            if (closed) {
                throw new IllegalStateException("close of closed channel");
            }
            closed = true;
            notifyReadyLocked();
            woken = failAll(Node.SENDERS, failAll(Node.RECEIVERS, null));
        } finally {
            unlock();
        }
        if (woken != null) {
            for (Node n : woken) {
                n.waiter.wake();
            }
        }
    }

    @Override
    public int len() {
        if (isNil()) {
            return 0;
        }
        lock();
        try {
            return count;
        } finally {
            unlock();
        }
    }

    @Override
    public int cap() {
        return capacity;
    }

    @Override
    public String toString() {
        return isNil() ? "Chan[nil]" : "Chan[len=" + len() + ", cap=" + cap() + "]";
    }

    // ---- Operations with the lock held; shared with Select. ----

    /**
     * Takes the channel lock. The critical sections are a few dozen instructions, so, like Go's
     * runtime mutex, the lock spins first, then yields, then parks for growing intervals (never
     * unbounded busy spinning). The lock word lives in the channel itself, beside the buffer
     * indexes it guards, so a hand-over moves one cache line less than a separate lock object.
     * That is also why a spinner reads it less and less often ({@link #lockContended}).
     */
    void lock() {
        if (!LOCKED.compareAndSet(this, 0, 1)) {
            lockContended();
        }
    }

    /**
     * The slow path of {@link #lock()}. Taking the lock is not interruptible: a thread whose
     * interrupt status is set still parks here (the status is cleared while it waits and set
     * again once it holds the lock), because {@code parkNanos} returns at once for an
     * interrupted thread, and a thread that spins without giving up its carrier can keep the
     * lock holder from ever running again (with as many spinners as carriers, no virtual
     * thread in the JVM would).
     *
     * <p>The spin backs off: 1, 2, 4, then 8 pauses between two reads of the lock word (about
     * 500 pauses in all before the first yield). Each read pulls the cache line that also holds
     * the buffer indexes over to the spinner's core, so a spinner that read it at every pause
     * made the holder pay a cross-core transfer for each of its writes, and stretched the very
     * critical section it waited for. Measured on buffered(1024) 1P1C ({@code ChannelBench}, 4
     * rounds alternating with the spin before, 2–3 forks each): fork means 38–71 ns a value
     * (one at 96), median 43, against 66–132, median 84; spinning as long without the backoff
     * gave 77–91. The other channel rows did not move beyond their noise.
     */
    private void lockContended() {
        boolean interrupted = false;
        int backoff = 1;
        for (int attempt = 0; ; attempt++) {
            if (locked == 0 && LOCKED.compareAndSet(this, 0, 1)) {
                break;
            }
            if (attempt < LOCK_SPINS) {
                for (int i = 0; i < backoff; i++) {
                    Thread.onSpinWait();
                }
                backoff = Math.min(backoff << 1, 8);
            } else if (attempt < LOCK_SPINS + LOCK_YIELDS) {
                Thread.yield();
            } else {
                interrupted |= Thread.interrupted();
                LockSupport.parkNanos(this, 1L << Math.min(attempt - LOCK_SPINS - LOCK_YIELDS, 16));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void unlock() {
        LOCKED.setRelease(this, 0);
    }

    /** Unlocks, then wakes the counterpart the operation completed, if any. */
    void unlockAndWake() {
        Node n = toWake;
        toWake = null;
        unlock();
        if (n != null) {
            n.waiter.wake();
        }
    }

    /**
     * Receives without blocking: from the buffer (refilled from the first blocked sender), else
     * directly from a blocked sender. Returns null if no value is ready (elements are never null).
     */
    Object pollLocked() {
        if (count > 0) {
            Object value = buffer[head];
            buffer[head] = null;
            head = (head + 1) % buffer.length;
            count--;
            Node sender = claimFirst(Node.SENDERS, null);
            if (sender != null) {
                enqueue(sender.item);
            } else if (readyWatchers != null) {
                notifyReadyLocked();
            }
            return value;
        }
        Node sender = claimFirst(Node.SENDERS, null);
        return sender == null ? null : sender.item;
    }

    /**
     * Sends on an open channel without blocking: directly to a blocked receiver, else into the
     * buffer. Returns false if the send would block.
     */
    boolean offerLocked(Object value) {
        if (claimFirst(Node.RECEIVERS, value) != null) {
            return true;
        }
        if (count < capacity) {
            enqueue(value);
            return true;
        }
        return false;
    }

    boolean isClosedLocked() {
        return closed;
    }

    void enqueueReceiver(Node n) {
        add(Node.RECEIVERS, n);
        if (readyWatchers != null) {
            notifyReadyLocked();
        }
    }

    void enqueueSender(Node n) {
        add(Node.SENDERS, n);
    }

    /** Removes {@code n} from the queue it waits in, if it is still in one. */
    void dequeue(Node n) {
        byte q = n.queue;
        if (q == Node.NONE) {
            return;
        }
        n.queue = Node.NONE;
        Node prev = n.prev;
        Node next = n.next;
        if (prev == null) {
            setHead(q, next);
        } else {
            prev.next = next;
        }
        if (next == null) {
            setTail(q, prev);
        } else {
            next.prev = prev;
        }
        n.prev = null;
        n.next = null;
    }

    /** How long a waiter on this channel spins before parking (see {@link Waiter}). */
    int spins() {
        return capacity == 0 ? spinBudget : 0;
    }

    /**
     * Adapts the spin budget of an unbuffered channel to what spinning bought here: doubled
     * after a wait that met its counterpart while spinning, halved after one that parked
     * anyway (a channel whose counterparts come late, such as each link of a ring of
     * goroutines, soon stops burning the core they need). Unsynchronized: a lost update only
     * delays the adaptation.
     */
    private void adaptSpins(Waiter w) {
        int budget = spinBudget;
        int next =
                w.parked() ? Math.max(Waiter.MIN_SPINS, budget >> 1) : Math.min(Waiter.RENDEZVOUS_SPINS, budget << 1);
        if (next != budget) { // no store to the channel after each wait while the budget is steady
            spinBudget = next;
        }
    }

    static IllegalStateException sendOnClosed() {
        return new IllegalStateException("send on closed channel");
    }

    static void blockForever() throws InterruptedException {
        while (!Thread.interrupted()) {
            LockSupport.park();
        }
        throw new InterruptedException();
    }

    // ---- Internals. ----

    /** Wakes the threads in {@link #awaitSendReady()}; they check again under the lock. */
    private void notifyReadyLocked() {
        List<Waiter> watchers = readyWatchers;
        if (watchers != null) {
            readyWatchers = null;
            for (Waiter w : watchers) {
                if (w.claim(0)) {
                    w.wake();
                }
            }
        }
    }

    /**
     * Whether a node, of any waiter, finished or not, is in either queue: a wait that has
     * returned must have left none behind. For the package's tests.
     */
    boolean hasQueuedNodes() {
        lock();
        boolean queued = recvHead != null || sendHead != null;
        unlock();
        return queued;
    }

    /** Whether a receiver, or a select with a receive case here, is blocked and still waiting. */
    private boolean hasWaitingReceiverLocked() {
        for (Node n = recvHead; n != null; n = n.next) {
            if (n.waiter.isWaiting()) {
                return true;
            }
        }
        return false;
    }

    private void enqueue(Object value) {
        if (count == buffer.length) {
            grow();
        }
        buffer[(head + count) % buffer.length] = value;
        count++;
    }

    /** Doubles the buffer, up to the capacity, moving the values to its start. */
    private void grow() {
        Object[] larger = new Object[(int) Math.min(capacity, 2L * buffer.length)];
        for (int i = 0; i < count; i++) {
            larger[i] = buffer[(head + i) % buffer.length];
        }
        buffer = larger;
        head = 0;
    }

    /** Appends {@code n} to {@code queue} ({@link Node#RECEIVERS} or {@link Node#SENDERS}). */
    private void add(byte queue, Node n) {
        n.queue = queue;
        Node tail = queue == Node.RECEIVERS ? recvTail : sendTail;
        n.prev = tail;
        if (tail == null) {
            setHead(queue, n);
        } else {
            tail.next = n;
        }
        setTail(queue, n);
    }

    /** Removes and returns the first node of {@code queue}, or null if it is empty. */
    private Node poll(byte queue) {
        Node n = queue == Node.RECEIVERS ? recvHead : sendHead;
        if (n != null) {
            dequeue(n);
        }
        return n;
    }

    private void setHead(byte queue, Node n) {
        if (queue == Node.RECEIVERS) {
            recvHead = n;
        } else {
            sendHead = n;
        }
    }

    private void setTail(byte queue, Node n) {
        if (queue == Node.RECEIVERS) {
            recvTail = n;
        } else {
            sendTail = n;
        }
    }

    /**
     * Completes the first node of {@code queue} whose waiter is still waiting, dropping the
     * stale ones (waiters that gave up or were completed through another case). For a receiver,
     * {@code item} is the value handed over; for a sender it is ignored and the sender's value
     * stays in the returned node. The node is woken by {@link #unlockAndWake()}.
     */
    private Node claimFirst(byte queue, Object item) {
        Node n;
        while ((n = poll(queue)) != null) {
            if (item != null) {
                n.item = item;
            }
            n.ok = true;
            if (n.claim()) {
                toWake = n;
                return n;
            }
        }
        return null;
    }

    /**
     * Completes every waiter of {@code queue} with {@code ok == false}, adding it to
     * {@code woken} (made when the first one is added; null while none is).
     */
    private List<Node> failAll(byte queue, List<Node> woken) {
        Node n;
        while ((n = poll(queue)) != null) {
            n.ok = false;
            if (n.claim()) {
                woken = woken == null ? new ArrayList<>() : woken;
                woken.add(n);
            }
        }
        return woken;
    }

    /** Queues a blocked operation, unlocks, and waits for a counterpart or an interrupt. */
    private Node block(byte queue, Object item) throws InterruptedException {
        if (Thread.interrupted()) {
            unlock();
            throw new InterruptedException();
        }
        Node node = new Node(0, item);
        add(queue, node);
        if (queue == Node.RECEIVERS && readyWatchers != null) {
            notifyReadyLocked();
        }
        unlock();
        int state = node.waiter.await(spins());
        if (capacity == 0) {
            adaptSpins(node.waiter);
        }
        if (state == Waiter.INTERRUPTED) {
            lock();
            dequeue(node);
            unlock();
            throw new InterruptedException();
        }
        return node;
    }
}
