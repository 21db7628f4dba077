package io.github.chanflux.chan;

/**
 * One case of a {@link Waiter}, queued on one channel: Go's {@code sudog}. A blocked send
 * carries its value in {@link #item}; a blocked receive gets its value there. {@link #ok} tells
 * the waiter whether the operation succeeded (false: the channel was closed).
 */
final class Node {

    final Waiter waiter;
    final int caseIndex;
    Object item;
    boolean ok;
    Node prev;
    Node next;
    /** The queue this node is in, or null once it has left. */
    WaitQueue queue;

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
