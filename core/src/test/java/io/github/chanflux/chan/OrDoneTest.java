package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SendChan#send(Object, RecvChan)} and {@link RecvChan#receive(RecvChan)}: Go's
 * {@code select} of a case on {@code done} and a case on the channel, run by the two-case path
 * of {@code Select.orDone} rather than a general select. Its semantics are the select's: a
 * random choice among ready cases, nil channels never chosen, a send on a closed channel
 * panicking, nothing performed when interrupted.
 */
class OrDoneTest {

    /**
     * Both cases ready, 20 000 times: each count is a Binomial(20000, 1/2) with deviation 71, so
     * the bound of ±1 000 (14 deviations) fails with probability below 1e-40.
     */
    @Test
    void choiceBetweenReadyCasesIsUniform() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        Chan<Void> done = Chan.make();
        done.close();
        int sent = 0;
        for (int n = 0; n < 20_000; n++) {
            if (ch.send(n, done)) {
                sent++;
                ch.receive();
            }
        }
        assertThat(sent).isBetween(9_000, 11_000);

        Chan<Integer> full = Chan.make(1);
        full.send(7);
        int received = 0;
        for (int n = 0; n < 20_000; n++) {
            Received<Integer> r = full.receive(done);
            if (r.ok()) {
                received++;
                full.send(r.value());
            }
        }
        assertThat(received).isBetween(9_000, 11_000);
    }

    @Test
    void aClosedDoneStopsABlockedSendAndTheValueIsNotSent() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Chan<Void> done = Chan.make();
        Blocking<Boolean> sender = parked(() -> ch.send(1, done));
        done.close();
        assertThat(sender.join()).isFalse();
        assertThat(ch.tryReceive()).as("the value was not delivered").isNull();
        assertNothingQueued(ch, done);
    }

    @Test
    void aClosedDoneStopsABlockedReceive() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Chan<Void> done = Chan.make();
        Blocking<Received<Integer>> receiver = parked(() -> ch.receive(done));
        done.close();
        assertThat(receiver.join()).isEqualTo(Received.closed());
        assertThat(ch.trySend(2)).as("no receiver was left to take a value").isFalse();
        assertNothingQueued(ch, done);
    }

    @Test
    void aBlockedSendIsTakenByAReceiverAndABlockedReceiveGetsTheValue() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Chan<Void> done = Chan.make();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                assertThat(ch.send(42, done)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(ch.receive(done)).isEqualTo(Received.of(42));
        sender.join();
    }

    @Test
    void aValueSentOnDoneAlsoEndsTheWait() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Chan<String> done = Chan.make();
        Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                assertThat(ch.receive(done)).isEqualTo(Received.closed());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        done.send("stop");
        receiver.join();
    }

    @Test
    void aReceiveSeesTheChannelClosedAndDrained() throws InterruptedException {
        Chan<Integer> ch = Chan.make(2);
        Chan<Void> done = Chan.make();
        ch.send(1);
        ch.close();
        assertThat(ch.receive(done)).isEqualTo(Received.of(1));
        assertThat(ch.receive(done)).isEqualTo(Received.closed());
    }

    @Test
    void aSendOnAClosedChannelPanicsReadyOrBlocked() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Chan<Void> done = Chan.make();
        Chan<Integer> closed = Chan.make();
        closed.close();
        assertThatThrownBy(() -> closed.send(1, done))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");

        Blocking<Boolean> sender = parked(() -> ch.send(1, done));
        ch.close();
        assertThatThrownBy(sender::join)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
        assertNothingQueued(ch, done);
    }

    @Test
    void nilChannelsAreNeverChosen() throws InterruptedException {
        Chan<Void> done = Chan.make();
        done.close();
        assertThat(Chan.<Integer>nil().send(1, done)).isFalse();
        assertThat(Chan.<Integer>nil().receive(done)).isEqualTo(Received.closed());

        Chan<Integer> ch = Chan.make(1);
        assertThat(ch.send(1, Chan.nil())).isTrue();
        assertThat(ch.receive(Chan.nil())).isEqualTo(Received.of(1));
    }

    @Test
    void bothNilBlocksUntilInterrupted() throws InterruptedException {
        Blocking<Boolean> call = parked(() -> Chan.<Integer>nil().send(1, Chan.nil()));
        assertThat(call.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void anInterruptedWaitPerformsNoCaseAndLeavesNothingQueued() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Chan<Void> done = Chan.make();
        Blocking<Boolean> sender = parked(() -> ch.send(1, done));
        assertThat(sender.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        assertThat(ch.tryReceive()).as("the value was not delivered").isNull();
        assertNothingQueued(ch, done);

        Blocking<Received<Integer>> receiver = parked(() -> ch.receive(done));
        assertThat(receiver.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        assertThat(ch.trySend(2)).as("no receiver was left to take a value").isFalse();
        assertNothingQueued(ch, done);
    }

    /**
     * A race of interrupts against counterparts: senders with {@code send(v, done)} interrupted
     * at random while receivers with {@code receive(done)} take values. Each send either
     * happened (returned true, and its value is received once) or did not (threw, and its value
     * is received never); an interrupt that lost the race to a counterpart leaves the interrupt
     * status set. Nothing stays queued.
     */
    @Test
    void anInterruptRacingACounterpartEitherLosesOrStopsTheCallNeverBoth() throws InterruptedException {
        for (int capacity : new int[] {0, 2}) {
            Chan<Integer> ch = Chan.make(capacity);
            Chan<Void> done = Chan.make();
            ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
            int perSender = 20_000;
            List<Thread> senders = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int base = p * perSender;
                senders.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < perSender; i++) {
                        try {
                            if (!ch.send(base + i, done)) {
                                throw new AssertionError("done is never closed while senders run");
                            }
                            sent.add(base + i);
                            Thread.interrupted(); // an interrupt that lost the race
                        } catch (InterruptedException e) {
                            refused.add(base + i);
                        }
                    }
                }));
            }
            List<Thread> receivers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                receivers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (Received<Integer> r = ch.receive(done); r.ok(); r = ch.receive(done)) {
                            received.add(r.value());
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            Thread interrupter = Thread.ofVirtual().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (senders.stream().anyMatch(Thread::isAlive)) {
                    senders.get(random.nextInt(senders.size())).interrupt();
                    Thread.yield();
                }
            });
            for (Thread t : senders) {
                t.join();
            }
            interrupter.join();
            for (Received<Integer> r = ch.tryReceive(); r != null; r = ch.tryReceive()) {
                received.add(r.value());
            }
            done.close();
            for (Thread t : receivers) {
                t.join();
            }
            assertThat(sent.size() + refused.size())
                    .as("capacity %d: every send returned or threw", capacity)
                    .isEqualTo(3 * perSender);
            assertThat(refused)
                    .as("capacity %d: some sends were interrupted", capacity)
                    .isNotEmpty();
            assertThat(received)
                    .as("capacity %d: exactly the values whose send returned, once each", capacity)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sent);
            assertNothingQueued(ch, done);
        }
    }

    /**
     * Two calls that cross: one sends on {@code x} with {@code y} as its done channel, the other
     * on {@code y} with {@code x} as its done channel, so each locks the two channels in the
     * other's order of arguments. They must meet (one's send is the other's done), never
     * deadlock; and exactly one of the two values is delivered each time.
     */
    @Test
    void twoCallsWithTheirChannelsCrossedMeetAndDoNotDeadlock() throws InterruptedException {
        Chan<Integer> x = Chan.make();
        Chan<Integer> y = Chan.make();
        for (int round = 0; round < 20_000; round++) {
            Blocking<Boolean> other = Blocking.start(() -> y.send(2, x));
            boolean mine = x.send(1, y);
            assertThat(List.of(mine, other.join()))
                    .as("round %d: exactly one send happened (the other was its done case)", round)
                    .containsExactlyInAnyOrder(true, false);
            assertNothingQueued(x, y);
        }
    }

    @Test
    void theSameChannelForBothCasesDoesNotPairWithItself() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Thread other = Thread.ofVirtual().start(() -> {
            try {
                assertThat(ch.receive()).isEqualTo(Received.of(5));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(ch.send(5, ch))
                .as("the other thread's receive took the value")
                .isTrue();
        other.join();

        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                ch.send(6);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(ch.receive(ch))
                .as("one of the two receive cases took the value: as the value, or as done")
                .isIn(Received.of(6), Received.closed());
        sender.join();
        assertThat(ch.tryReceive()).as("the value was taken once").isNull();
        assertNothingQueued(ch, ch);
    }

    @Test
    void aNullValueOrDoneIsRejectedAtTheCall() {
        Chan<Integer> ch = Chan.make(1);
        assertThatThrownBy(() -> ch.send(null, Chan.make()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> ch.send(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("done");
        assertThatThrownBy(() -> ch.receive(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("done");
        assertThat(ch.len()).as("nothing was sent").isZero();
    }

    /**
     * Producers and consumers over one channel with {@code send(v, done)} and
     * {@code receive(done)}, {@code done} closed while they run: every value whose send
     * returned true is received exactly once (or is still in the buffer), and nothing else is.
     */
    @Test
    void underStressEverySentValueIsReceivedExactlyOnce() throws InterruptedException {
        for (int capacity : new int[] {0, 1, 8}) {
            Chan<Integer> ch = Chan.make(capacity);
            Chan<Void> done = Chan.make();
            ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
            CountDownLatch halfway = new CountDownLatch(20_000);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int base = p * 1_000_000;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 1_000_000; i++) {
                            if (!ch.send(base + i, done)) {
                                return;
                            }
                            sent.add(base + i);
                            halfway.countDown();
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            for (int c = 0; c < 3; c++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (Received<Integer> r = ch.receive(done); r.ok(); r = ch.receive(done)) {
                            received.add(r.value());
                            if (ThreadLocalRandom.current().nextInt(64) == 0) {
                                Thread.yield();
                            }
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            halfway.await();
            done.close();
            for (Thread t : threads) {
                t.join();
            }
            for (Received<Integer> r = ch.tryReceive(); r != null && r.ok(); r = ch.tryReceive()) {
                received.add(r.value());
            }
            assertThat(received)
                    .as("capacity %d: received once each, exactly the values sent", capacity)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    /**
     * The point of the two-case path: a send or receive with {@code done} allocates its two
     * nodes when it blocks (48 bytes each) and nothing else, not a general select's cases and
     * arrays. Measured on platform threads with the JVM's per-thread allocation counter: 59
     * bytes a call on average here, against 171 through {@code select(recv(done, …), send(…))}.
     */
    @Test
    void aBlockingCallAllocatesLittleMoreThanItsTwoNodes() throws InterruptedException {
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        Chan<Void> done = Chan.make();
        Integer one = 1;
        Thread peer = Thread.ofPlatform().start(() -> {
            try {
                for (Received<Integer> r = ping.receive(done); r.ok(); r = ping.receive(done)) {
                    if (!pong.send(one, done)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        int warm = 5_000;
        int calls = 20_000;
        for (int i = 0; i < warm; i++) {
            ping.send(one, done);
            pong.receive(done);
        }
        long before = allocatedBytes();
        for (int i = 0; i < calls; i++) {
            ping.send(one, done);
            pong.receive(done);
        }
        long perCall = (allocatedBytes() - before) / (2L * calls);
        done.close();
        peer.join();
        assertThat(perCall).as("bytes allocated per call").isLessThan(100);
    }

    /** A call that has returned, however it ended, left no node in either channel's queues. */
    private static void assertNothingQueued(Chan<?> ch, Chan<?> done) {
        assertThat(ch.hasQueuedNodes()).as("a node left queued on the channel").isFalse();
        assertThat(done.hasQueuedNodes()).as("a node left queued on done").isFalse();
    }

    /**
     * Starts {@code call} and returns once it has parked in the wait (past its spin), so that
     * what the test does next meets a blocked call, not the fast path.
     */
    private static <T> Blocking<T> parked(Callable<T> call) {
        Blocking<T> b = Blocking.start(call);
        assertThat(b.isBlocked()).as("the call blocked instead of returning").isTrue();
        return b;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
