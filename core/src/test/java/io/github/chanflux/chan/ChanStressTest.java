package io.github.chanflux.chan;

import static io.github.chanflux.chan.Select.prepare;
import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many producer and consumer virtual threads over two channels, with random mixes of send,
 * trySend, trySendAll (the bridge's batch send), select-send, prepared-select-send, receive,
 * tryReceive, select-receive, prepared-select-receive, and close (after the producers finish, or
 * while they still run). Every value whose send completed is received exactly once;
 * nothing is received that was not sent.
 */
class ChanStressTest {

    private static final int PRODUCERS = 8;
    private static final int CONSUMERS = 9;
    private static final int PER_PRODUCER = 10_000;

    @ParameterizedTest(name = "capacity {0}, close while sending: {1}")
    @CsvSource({"0, false", "1, false", "16, false", "0, true", "1, true", "16, true"})
    void everySentValueIsReceivedExactlyOnce(int capacity, boolean closeEarly) throws InterruptedException {
        Chan<Integer> a = Chan.make(capacity);
        Chan<Integer> b = Chan.make(capacity);
        ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> outOfOrder = new ConcurrentLinkedQueue<>();
        CountDownLatch quarterSent = new CountDownLatch(PRODUCERS * PER_PRODUCER / 4);

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * PER_PRODUCER;
            producers.add(Thread.ofVirtual().start(() -> produce(a, b, base, sent, quarterSent)));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            int index = c;
            consumers.add(Thread.ofVirtual().start(() -> consume(index, a, b, received, outOfOrder)));
        }
        if (closeEarly) {
            quarterSent.await();
        } else {
            for (Thread t : producers) {
                t.join();
            }
        }
        a.close();
        b.close();
        for (Thread t : producers) {
            t.join();
        }
        for (Thread t : consumers) {
            t.join();
        }

        List<Integer> got = new ArrayList<>(received);
        Set<Integer> distinct = new HashSet<>(got);
        assertThat(distinct).as("no value received twice").hasSize(got.size());
        assertThat(distinct).as("received exactly what was sent").isEqualTo(new HashSet<>(sent));
        assertThat(outOfOrder)
                .as("values of one producer on one channel, out of order")
                .isEmpty();
        if (!closeEarly) {
            assertThat(got).hasSize(PRODUCERS * PER_PRODUCER);
        }
    }

    /** Sends values until done or a channel is found closed; records each completed send. */
    private static void produce(
            Chan<Integer> a, Chan<Integer> b, int base, ConcurrentLinkedQueue<Integer> sent, CountDownLatch progress) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Select.Prepared<Select.Selected, RuntimeException> prepared = prepare(send(a, base), send(b, base));
        try {
            for (int i = 0; i < PER_PRODUCER; i++) {
                Integer v = base + i;
                Chan<Integer> target = random.nextBoolean() ? a : b;
                switch (random.nextInt(5)) {
                    case 0 -> target.send(v);
                    case 1 -> {
                        if (!target.trySend(v)) {
                            target.send(v);
                        }
                    }
                    case 2 -> select(send(a, v, () -> true), send(b, v, () -> true));
                    case 3 -> prepared.setSend(a, v).setSend(b, v).select();
                    default -> {
                        // a batch of up to 8 values with one trySendAll, the rest sent one by one
                        Object[] batch = new Object[Math.min(1 + random.nextInt(8), PER_PRODUCER - i)];
                        for (int k = 0; k < batch.length; k++) {
                            batch[k] = base + i + k;
                        }
                        int k = target.trySendAll(batch, 0, batch.length);
                        for (int j = 0; j < batch.length; j++) {
                            if (j >= k) {
                                target.send((Integer) batch[j]);
                            }
                            sent.add((Integer) batch[j]);
                            progress.countDown();
                        }
                        i += batch.length - 1;
                        continue;
                    }
                }
                sent.add(v);
                progress.countDown();
            }
        } catch (IllegalStateException closed) {
            assertThat(closed).hasMessage("send on closed channel");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Consumer {@code index}: some read only {@code a}, some only {@code b} (random mixes of
     * receive and tryReceive), the rest select over both, with a select per receive or with one
     * prepared select. Every channel always has its own consumers, so a full channel is always
     * drained.
     */
    private static void consume(
            int index,
            Chan<Integer> a,
            Chan<Integer> b,
            ConcurrentLinkedQueue<Integer> received,
            ConcurrentLinkedQueue<String> outOfOrder) {
        try {
            switch (index % 4) {
                case 0 -> consumeOne(a, received, outOfOrder);
                case 1 -> consumeOne(b, received, outOfOrder);
                case 2 -> consumeBoth(a, b, received);
                default -> consumeBothPrepared(a, b, received);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Receives from one channel until it is closed. A channel is FIFO, so one receiver gets the
     * values of one producer in the order they were sent (batches included); any other order is
     * recorded in {@code outOfOrder}.
     */
    private static void consumeOne(
            Chan<Integer> ch, ConcurrentLinkedQueue<Integer> received, ConcurrentLinkedQueue<String> outOfOrder)
            throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int[] last = new int[PRODUCERS];
        Arrays.fill(last, -1);
        while (true) {
            Received<Integer> r = random.nextBoolean() ? ch.receive() : ch.tryReceive();
            if (r == null) {
                continue;
            }
            if (!r.ok()) {
                return;
            }
            int v = r.value();
            int producer = v / PER_PRODUCER;
            if (v <= last[producer]) {
                outOfOrder.add(v + " after " + last[producer]);
            }
            last[producer] = v;
            received.add(v);
        }
    }

    /** Selects over both, dropping a closed channel by making it nil (Go's idiom). */
    private static void consumeBoth(Chan<Integer> a, Chan<Integer> b, ConcurrentLinkedQueue<Integer> received)
            throws InterruptedException {
        Chan<Integer> left = a;
        Chan<Integer> right = b;
        while (!left.isNil() || !right.isNil()) {
            int closedSide = select(recv(left, r -> record(r, received, 1)), recv(right, r -> record(r, received, 2)));
            if (closedSide == 1) {
                left = Chan.nil();
            } else if (closedSide == 2) {
                right = Chan.nil();
            }
        }
    }

    /**
     * Selects over both with one prepared select until both are closed (a prepared select's
     * cases are fixed, so a closed channel stays a case, ready with {@code ok == false}).
     */
    private static void consumeBothPrepared(Chan<Integer> a, Chan<Integer> b, ConcurrentLinkedQueue<Integer> received)
            throws InterruptedException {
        Select.Prepared<Select.Selected, RuntimeException> both = prepare(recv(a), recv(b));
        boolean aClosed = false;
        boolean bClosed = false;
        while (!aClosed || !bClosed) {
            Select.Selected s = both.select();
            Chan<Integer> from = s.is(a) ? a : b;
            Received<Integer> r = s.received(from);
            if (r.ok()) {
                received.add(r.value());
            } else if (from == a) {
                aClosed = true;
            } else {
                bClosed = true;
            }
        }
    }

    /** Records a received value; returns {@code side} if the channel was closed, else 0. */
    private static int record(Received<Integer> r, ConcurrentLinkedQueue<Integer> received, int side) {
        if (r.ok()) {
            received.add(r.value());
            return 0;
        }
        return side;
    }
}
