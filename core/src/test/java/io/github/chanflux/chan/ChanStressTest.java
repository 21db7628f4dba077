package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
 * trySend, select-send, receive, tryReceive, select-receive, and close (after the producers
 * finish, or while they still run). Every value whose send completed is received exactly once;
 * nothing is received that was not sent.
 */
class ChanStressTest {

    private static final int PRODUCERS = 8;
    private static final int CONSUMERS = 8;
    private static final int PER_PRODUCER = 10_000;

    @ParameterizedTest(name = "capacity {0}, close while sending: {1}")
    @CsvSource({"0, false", "1, false", "16, false", "0, true", "1, true", "16, true"})
    void everySentValueIsReceivedExactlyOnce(int capacity, boolean closeEarly) throws InterruptedException {
        Chan<Integer> a = Chan.make(capacity);
        Chan<Integer> b = Chan.make(capacity);
        ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
        CountDownLatch quarterSent = new CountDownLatch(PRODUCERS * PER_PRODUCER / 4);

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * PER_PRODUCER;
            producers.add(Thread.ofVirtual().start(() -> produce(a, b, base, sent, quarterSent)));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(Thread.ofVirtual().start(() -> consume(a, b, received)));
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
        if (!closeEarly) {
            assertThat(got).hasSize(PRODUCERS * PER_PRODUCER);
        }
    }

    /** Sends values until done or a channel is found closed; records each completed send. */
    private static void produce(Chan<Integer> a, Chan<Integer> b, int base,
                                ConcurrentLinkedQueue<Integer> sent, CountDownLatch progress) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (int i = 0; i < PER_PRODUCER; i++) {
                Integer v = base + i;
                Chan<Integer> target = random.nextBoolean() ? a : b;
                switch (random.nextInt(3)) {
                    case 0 -> target.send(v);
                    case 1 -> {
                        if (!target.trySend(v)) {
                            target.send(v);
                        }
                    }
                    default -> Select.<Boolean>select().send(a, v, () -> true).send(b, v, () -> true).run();
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

    /** Receives until both channels are closed and drained. */
    private static void consume(Chan<Integer> a, Chan<Integer> b, ConcurrentLinkedQueue<Integer> received) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Chan<Integer> left = a;
        Chan<Integer> right = b;
        try {
            while (!left.isNil() || !right.isNil()) {
                int op = random.nextInt(3);
                Chan<Integer> one = left.isNil() || (!right.isNil() && random.nextBoolean()) ? right : left;
                if (op == 0) {
                    Received<Integer> r = one.receive();
                    if (r.ok()) {
                        received.add(r.value());
                    } else if (one == left) {
                        left = Chan.nil();
                    } else {
                        right = Chan.nil();
                    }
                } else if (op == 1) {
                    Received<Integer> r = one.tryReceive();
                    if (r != null && r.ok()) {
                        received.add(r.value());
                    }
                } else {
                    Chan<Integer> l = left;
                    Chan<Integer> rt = right;
                    int closedSide = Select.<Integer>select()
                            .recv(l, r -> record(r, received, 1))
                            .recv(rt, r -> record(r, received, 2))
                            .run();
                    if (closedSide == 1) {
                        left = Chan.nil();
                    } else if (closedSide == 2) {
                        right = Chan.nil();
                    }
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
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
