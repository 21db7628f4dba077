package io.github.chanflux.chan;

/**
 * A FIFO of {@link Node}s waiting on one channel: Go's {@code waitq}. Doubly linked, so a waiter
 * that gives up, or a select woken by another case, leaves in O(1). Guarded by the channel lock.
 */
final class WaitQueue {

    private Node head;
    private Node tail;

    void add(Node n) {
        n.queue = this;
        n.prev = tail;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
    }

    /** Removes {@code n} if it is still in this queue. */
    void remove(Node n) {
        if (n.queue != this) {
            return;
        }
        n.queue = null;
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
    }

    /** Removes and returns the first node, or null if empty. */
    Node poll() {
        Node n = head;
        if (n != null) {
            remove(n);
        }
        return n;
    }

    /** Whether some node's waiter is still waiting (stale nodes of finished waiters do not count). */
    boolean hasWaiting() {
        for (Node n = head; n != null; n = n.next) {
            if (n.waiter.isWaiting()) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return head == null;
    }
}
