package io.github.chanflux.chan;

import static io.github.chanflux.chan.Select.orElse;
import static io.github.chanflux.chan.Select.prepare;
import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Select.Prepared;
import io.github.chanflux.chan.Select.Selected;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PreparedSelectTest {

    private static final int VALUES = 10_000;

    @Test
    void statementLoopReceivesEveryValueInOrderThenTheClose() throws InterruptedException {
        Chan<Integer> in = Chan.make();
        Chan<Void> done = Chan.make();
        Thread producer = Thread.ofVirtual().start(() -> sendAll(in, VALUES));
        Prepared<Selected, RuntimeException> loop = prepare(recv(done), recv(in));
        List<Integer> got = new ArrayList<>();
        for (; ; ) {
            Selected s = loop.select();
            assertThat(s.is(done)).isFalse();
            Received<Integer> r = s.received(in);
            if (!r.ok()) {
                break;
            }
            got.add(r.value());
        }
        producer.join();
        assertIsZeroToValues(got);
    }

    @Test
    void setSendMakesTheNextRunSendTheNewValue() throws InterruptedException {
        Chan<Integer> out = Chan.make();
        Chan<Void> done = Chan.make();
        List<Integer> got = new ArrayList<>();
        Thread consumer = Thread.ofVirtual().start(() -> receiveAll(out, got));
        Prepared<Selected, RuntimeException> loop = prepare(recv(done), send(out, -1));
        for (int i = 0; i < VALUES; i++) {
            assertThat(loop.setSend(out, i).select().is(out)).isTrue();
        }
        out.close();
        consumer.join();
        assertIsZeroToValues(got);
    }

    /** {@code got} is 0, 1, … {@code VALUES - 1}, in that order. */
    private static void assertIsZeroToValues(List<Integer> got) {
        assertThat(got).hasSize(VALUES);
        for (int i = 0; i < VALUES; i++) {
            assertThat(got.get(i)).isEqualTo(i);
        }
    }

    @Test
    void clauseFormReturnsWhatTheChosenClauseReturns() throws InterruptedException {
        Chan<String> a = Chan.make(1);
        Chan<String> b = Chan.make();
        Prepared<String, RuntimeException> loop =
                prepare(recv(a, r -> "a:" + r.value()), recv(b, r -> r.ok() ? "b:" + r.value() : "b closed"));
        a.send("1");
        assertThat(loop.select()).isEqualTo("a:1");
        Blocking<String> blocked = Blocking.start(loop::select);
        blocked.awaitParked();
        b.send("2");
        assertThat(blocked.join()).isEqualTo("b:2");
        b.close();
        assertThat(loop.select()).isEqualTo("b closed");
    }

    @Test
    void eachRunReturnsTheSameSelectedDescribingThatRun() throws InterruptedException {
        Chan<String> a = Chan.make(2);
        Chan<String> b = Chan.make(2);
        a.send("x");
        Prepared<Selected, RuntimeException> loop = prepare(recv(a), recv(b));
        Selected first = loop.select();
        assertThat(first.received(a)).isEqualTo(Received.of("x"));
        b.send("y");
        Selected second = loop.select();
        assertThat(second).isSameAs(first);
        assertThat(second.is(b)).isTrue();
        assertThat(second.received(b)).isEqualTo(Received.of("y"));
    }

    @Test
    void defaultRunsWhenNothingIsReady() throws InterruptedException {
        Chan<String> empty = Chan.make();
        Prepared<Selected, RuntimeException> loop = prepare(recv(empty), orElse(), send(empty, "x"));
        for (int i = 0; i < 3; i++) {
            assertThat(loop.select().isDefault()).isTrue();
        }
    }

    @Test
    void nilChannelCaseIsNeverChosen() throws InterruptedException {
        Chan<Integer> nil = Chan.nil();
        Chan<Integer> ready = Chan.make(1);
        Prepared<String, RuntimeException> loop =
                prepare(recv(nil, r -> "nil recv"), send(nil, 1, () -> "nil send"), recv(ready, r -> "ready"));
        for (int i = 0; i < 1_000; i++) {
            ready.send(i);
            assertThat(loop.select()).isEqualTo("ready");
        }
        Blocking<String> blocked = Blocking.start(loop::select);
        blocked.awaitParked();
        ready.send(-1);
        assertThat(blocked.join()).isEqualTo("ready");
    }

    /**
     * Twenty always-ready cases (above sixteen the poll order is an array, shuffled in place on
     * each run): each count is a Binomial(20 000, 1/20) with standard deviation 31, so the bound
     * of +-300 (9.7 deviations) fails with probability below 1e-21.
     */
    @Test
    void choiceAmongManyReadyCasesIsUniformRunAfterRun() throws InterruptedException {
        int n = 20;
        List<Chan<Integer>> chans = new ArrayList<>();
        List<Select.Case<Integer, RuntimeException>> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chan<Integer> c = Chan.make(1);
            c.send(i);
            chans.add(c);
            int index = i;
            cases.add(recv(c, r -> index));
        }
        @SuppressWarnings("unchecked")
        Prepared<Integer, RuntimeException> loop = prepare(cases.toArray(new Select.Case[0]));
        int[] counts = new int[n];
        for (int t = 0; t < 1_000 * n; t++) {
            int chosen = loop.select();
            counts[chosen]++;
            chans.get(chosen).send(chosen);
        }
        for (int i = 0; i < n; i++) {
            assertThat(counts[i]).as("case %d", i).isBetween(700, 1_300);
        }
    }

    @Test
    void chosenSendOnClosedChannelThrowsAndTheSelectStaysUsable() throws InterruptedException {
        Chan<Integer> closed = Chan.make(1);
        closed.close();
        Chan<Integer> other = Chan.make();
        Prepared<Selected, RuntimeException> sends = prepare(send(closed, 1));
        assertThatThrownBy(sends::select)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
        assertThatThrownBy(sends::select)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");

        Chan<Integer> out = Chan.make();
        Prepared<Selected, RuntimeException> blocking = prepare(send(out, 1), recv(other));
        Blocking<Selected> blocked = Blocking.start(blocking::select);
        blocked.awaitParked();
        out.close();
        assertThat(blocked.interruptAndGetFailure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
        assertThat(other.trySend(7)).as("no receiver left on other").isFalse();
    }

    @Test
    void interruptedRunPerformsNoCaseAndTheNextRunWorks() throws InterruptedException {
        Chan<String> in = Chan.make();
        Chan<String> out = Chan.make();
        Prepared<Selected, RuntimeException> loop = prepare(recv(in), send(out, "x"));
        Blocking<Selected> blocked = Blocking.start(loop::select);
        assertThat(blocked.awaitParked().interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        assertThat(in.trySend("v")).as("no receiver left on in").isFalse();
        assertThat(out.tryReceive()).as("no sender left on out").isNull();

        Blocking<Selected> again = Blocking.start(loop::select);
        again.awaitParked();
        assertThat(out.receive()).isEqualTo(Received.of("x"));
        assertThat(again.join().is(out)).isTrue();
    }

    @Test
    void runningItWhileAnotherCallRunsItIsRejected() throws InterruptedException {
        Chan<String> in = Chan.make(1);
        Chan<String> out = Chan.make(1);
        CountDownLatch inClause = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Prepared<String, InterruptedException> loop = prepare(
                recv(in, r -> {
                    inClause.countDown();
                    release.await();
                    return r.value();
                }),
                send(out, "x", () -> "sent"));
        out.send("full");
        in.send("first");
        Blocking<String> running = Blocking.start(loop::select);
        inClause.await();
        assertThatThrownBy(loop::select)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running in " + running.thread);
        assertThatThrownBy(() -> loop.setSend(out, "y"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running");
        release.countDown();
        assertThat(running.join()).isEqualTo("first");
        out.receive();
        assertThat(loop.select()).isEqualTo("sent");
    }

    @Test
    void aClauseRunningItsOwnSelectIsRejected() throws InterruptedException {
        Chan<String> in = Chan.make(1);
        List<Prepared<String, InterruptedException>> self = new ArrayList<>();
        self.add(prepare(recv(in, r -> self.get(0).select())));
        in.send("v");
        assertThatThrownBy(self.get(0)::select)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running in " + Thread.currentThread());
    }

    @Test
    void badArgumentsAreRejected() {
        Chan<String> a = Chan.make();
        Chan<String> b = Chan.make();
        Prepared<Selected, RuntimeException> loop = prepare(recv(a), send(b, "x"));
        assertThatThrownBy(() -> loop.setSend(a, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chan: this select has no send case on " + a);
        assertThatThrownBy(() -> loop.setSend(b, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> prepare(orElse(), orElse()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two default");
        assertThatThrownBy(() -> prepare(recv(a), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("case");
    }

    /**
     * The point of a prepared select: a statement-form loop allocates nothing, whether its
     * cases are ready or it blocks. Measured on this (platform) thread with the JVM's own
     * per-thread allocation counter, over runs that block and runs that do not. The peer is a
     * platform thread too: waking a virtual thread allocates the JDK scheduler's task (about
     * 20 bytes per wake-up here), which is not the select's.
     */
    @Test
    void runsAllocateNothing() throws InterruptedException {
        Chan<Integer> in = Chan.make();
        Chan<Integer> buffered = Chan.make(16);
        Chan<Integer> out = Chan.make();
        Chan<Void> done = Chan.make();
        Integer one = 1;
        Thread peer = Thread.ofPlatform().start(() -> {
            try {
                while (in.send(one, done)) {
                    buffered.send(one);
                    if (!out.receive(done).ok()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Prepared<Selected, RuntimeException> receives = prepare(recv(done), recv(in), recv(buffered));
        Prepared<Selected, RuntimeException> sends = prepare(recv(done), send(out, one));
        round(receives, in, buffered, sends, out, 2_000);
        long before = allocatedBytes();
        round(receives, in, buffered, sends, out, VALUES);
        long allocated = allocatedBytes() - before;
        done.close();
        peer.join();
        assertThat(allocated).as("bytes allocated by %d runs", 3 * VALUES).isLessThan(3 * VALUES);
    }

    /** {@code n} rounds with the peer of {@link #runsAllocateNothing}. */
    private static void round(
            Prepared<Selected, RuntimeException> receives,
            Chan<Integer> in,
            Chan<Integer> buffered,
            Prepared<Selected, RuntimeException> sends,
            Chan<Integer> out,
            int n)
            throws InterruptedException {
        for (int i = 0; i < n; i++) {
            if (!receives.select().is(in)
                    || !receives.select().is(buffered)
                    || !sends.select().is(out)) {
                throw new AssertionError("the peer sends on in, then on buffered, then receives from out");
            }
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void sendAll(Chan<Integer> ch, int n) {
        try (ch) {
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void receiveAll(Chan<Integer> ch, List<Integer> into) {
        try {
            for (Received<Integer> r = ch.receive(); r.ok(); r = ch.receive()) {
                into.add(r.value());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
