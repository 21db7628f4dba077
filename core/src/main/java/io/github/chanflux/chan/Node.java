package io.github.chanflux.chan;

/**
 * One case of a {@link Waiter}, queued on one channel: Go's {@code sudog}. A blocked send
 * carries its value in {@link #item}; a blocked receive gets its value there. {@link #ok} tells
 * the waiter whether the operation succeeded (false: the channel was closed).
 *
 * <p>A node is also a waiter, so that a wait allocates one object fewer: a blocked send or
 * receive has one case, whose node is its own waiter, and a select's first node is the
 * select's waiter, shared by its other nodes. Those other nodes, and the nodes of a prepared
 * select (which keeps a waiter of its own), leave their waiter part unused.
 */
final class Node extends Waiter {

    /** {@link #queue}: in no queue (not yet queued, or left). */
    static final byte NONE = 0;
    /** {@link #queue}: in its channel's queue of blocked receivers. */
    static final byte RECEIVERS = 1;
    /** {@link #queue}: in its channel's queue of blocked senders. */
    static final byte SENDERS = 2;

    final Waiter waiter;
    final int caseIndex;
    Object item;
    boolean ok;
    Node prev;
    Node next;
    /** The queue of its channel this node is in: {@link #RECEIVERS}, {@link #SENDERS}, or {@link #NONE}. */
    byte queue;

    /**
     * A node that is its own waiter: a single send ({@code item} is its value) or receive
     * ({@code item} is null), or the first case of a select, whose other nodes then share it.
     */
    Node(int caseIndex, Object item) {
        this.waiter = this;
        this.caseIndex = caseIndex;
        this.item = item;
    }

    /** Case {@code caseIndex} of a select waiting as {@code waiter}. */
    Node(Waiter waiter, int caseIndex, Object item) {
        this.waiter = waiter;
        this.caseIndex = caseIndex;
        this.item = item;
    }

    /** Claims this node's waiter for this case; false if the waiter finished another way. */
    boolean claim() {
        return waiter.claim(caseIndex);
    }
}
