package io.github.chanflux.benchmarks.channel;

import com.softwaremill.jox.Channel;
import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * One channel of a contender, reduced to what the workloads need: send, receive, and an end of
 * stream ({@link #END} after {@link #close()}). Each JMH fork runs one contender, so the calls
 * through this interface stay monomorphic.
 */
interface Lane {

    /** What {@link #receive()} returns once the lane is closed and drained. */
    int END = -1;

    void send(int value) throws InterruptedException;

    int receive() throws InterruptedException;

    void close() throws InterruptedException;

    static Lane of(String contender, int capacity) {
        return switch (contender) {
            case "chanflux" -> new ChanfluxLane(capacity == 0 ? Chan.make() : Chan.make(capacity));
            case "jox" ->
                new JoxLane(capacity == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(capacity));
            case "juc" -> new QueueLane(capacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(capacity));
            default -> throw new IllegalArgumentException("unknown contender: " + contender);
        };
    }

    record ChanfluxLane(Chan<Integer> chan) implements Lane {
        public void send(int value) throws InterruptedException {
            chan.send(value);
        }

        public int receive() throws InterruptedException {
            Received<Integer> r = chan.receive();
            return r.ok() ? r.value() : END;
        }

        public void close() {
            chan.close();
        }
    }

    record JoxLane(Channel<Integer> chan) implements Lane {
        public void send(int value) throws InterruptedException {
            chan.send(value);
        }

        public int receive() throws InterruptedException {
            return chan.receiveOrClosed() instanceof Integer v ? v : END;
        }

        public void close() {
            chan.done();
        }
    }

    /** ArrayBlockingQueue (buffered) or SynchronousQueue (unbuffered); END is a sentinel value. */
    record QueueLane(BlockingQueue<Integer> queue) implements Lane {
        public void send(int value) throws InterruptedException {
            queue.put(value);
        }

        public int receive() throws InterruptedException {
            return queue.take();
        }

        public void close() throws InterruptedException {
            queue.put(END);
        }
    }

    static void unchecked(ThrowingRunnable body) {
        try {
            body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws InterruptedException;
    }
}
