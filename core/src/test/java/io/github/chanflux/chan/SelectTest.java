package io.github.chanflux.chan;

import static io.github.chanflux.chan.Select.orElse;
import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectTest {

    @Test
    void readyCaseIsChosen() throws InterruptedException {
        Chan<String> a = Chan.make(1);
        Chan<String> b = Chan.make(1);
        b.send("b");
        String got = select(recv(a, r -> "a:" + r.value()), recv(b, r -> "b:" + r.value()));
        assertThat(got).isEqualTo("b:b");
    }

    /**
     * Four always-ready cases, 40 000 selects: each count is a Binomial(40000, 1/4) with standard
     * deviation 87, so the bound of +-1 000 (11.5 deviations) fails with probability below 1e-29.
     */
    @Test
    void choiceAmongReadyCasesIsUniform() throws InterruptedException {
        List<Chan<Integer>> chans = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Chan<Integer> c = Chan.make(1);
            c.send(i);
            chans.add(c);
        }
        int[] counts = new int[4];
        for (int n = 0; n < 40_000; n++) {
            int chosen = select(
                    recv(chans.get(0), r -> 0),
                    recv(chans.get(1), r -> 1),
                    recv(chans.get(2), r -> 2),
                    recv(chans.get(3), r -> 3));
            counts[chosen]++;
            chans.get(chosen).send(chosen);
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_000, 11_000);
        }
    }

    /**
     * Every ready case as likely as any other, whatever the number of cases (up to 16 the poll
     * order is packed into a long, above it is an array) and wherever the ready ones sit: each
     * of {@code k} ready cases expects 2 000 of {@code 2 000 k} selects, deviation below 45, so
     * the bound of +-400 (9 deviations) fails with probability below 1e-18.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 5, 16, 17, 20})
    void choiceIsUniformForAnyNumberOfCasesWhereverTheReadyOnesAre(int n) throws InterruptedException {
        List<Chan<Integer>> chans = new ArrayList<>();
        List<Select.Case<Integer, RuntimeException>> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chan<Integer> c = Chan.make(1);
            if (i % 2 == 1 || n == 2) {
                c.send(i);
            }
            chans.add(c);
            int index = i;
            cases.add(recv(c, r -> index));
        }
        int ready = n == 2 ? 2 : n / 2;
        int[] counts = new int[n];
        for (int t = 0; t < 2_000 * ready; t++) {
            int chosen = select(cases);
            counts[chosen]++;
            chans.get(chosen).send(chosen);
        }
        for (int i = 0; i < n; i++) {
            if (i % 2 == 1 || n == 2) {
                assertThat(counts[i]).as("case %d of %d", i, n).isBetween(1_600, 2_400);
            } else {
                assertThat(counts[i]).as("case %d of %d", i, n).isZero();
            }
        }
    }

    @Test
    void defaultRunsWhenNothingIsReady() throws InterruptedException {
        Chan<String> empty = Chan.make();
        String got = select(recv(empty, r -> "value"), send(empty, "x", () -> "sent"), orElse(() -> "default"));
        assertThat(got).isEqualTo("default");
    }

    @Test
    void nilChannelCaseIsNeverChosen() throws InterruptedException {
        Chan<Integer> nil = Chan.nil();
        Chan<Integer> ready = Chan.make(1);
        for (int i = 0; i < 1_000; i++) {
            ready.send(i);
            String got = select(recv(nil, r -> "nil recv"), send(nil, 1, () -> "nil send"), recv(ready, r -> "ready"));
            assertThat(got).isEqualTo("ready");
        }
        assertThat(select(recv(nil, r -> "nil"), orElse(() -> "default"))).isEqualTo("default");
    }

    @Test
    void selectOverOnlyNilChannelsBlocksUntilInterrupted() throws InterruptedException {
        Blocking<String> select = Blocking.start(() -> select(recv(Chan.<Integer>nil(), r -> "never")));
        assertThat(select.isBlocked()).isTrue();
        assertThat(select.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void receiveCaseSeesClosedChannel() throws InterruptedException {
        Chan<Integer> closed = Chan.make();
        closed.close();
        Received<Integer> got = select(recv(closed, r -> r));
        assertThat(got).isEqualTo(Received.closed());
    }

    @Test
    void chosenSendCaseOnClosedChannelPanics() {
        Chan<Integer> closed = Chan.make(1);
        closed.close();
        assertThatThrownBy(() -> select(send(closed, 1, () -> "sent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
    }

    @Test
    void blockedSelectIsWokenBySend() throws InterruptedException {
        Chan<String> a = Chan.make();
        Chan<String> b = Chan.make();
        Blocking<String> select =
                Blocking.start(() -> select(recv(a, r -> "a:" + r.value()), recv(b, r -> "b:" + r.value())));
        select.awaitParked();
        b.send("hi");
        assertThat(select.join()).isEqualTo("b:hi");
        assertThat(a.trySend("nobody waits on a any more")).isFalse();
    }

    @Test
    void blockedSelectSendIsTakenByReceiver() throws InterruptedException {
        Chan<String> out = Chan.make();
        Chan<String> other = Chan.make();
        Blocking<String> select =
                Blocking.start(() -> select(send(out, "payload", () -> "sent"), recv(other, r -> "other")));
        select.awaitParked();
        assertThat(out.receive()).isEqualTo(Received.of("payload"));
        assertThat(select.join()).isEqualTo("sent");
    }

    /** The first case not on the nil channel is the select's waiter: either other case completes it. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void blockedSelectWhoseFirstCaseIsNilIsCompletedByEitherOtherCase(boolean receiveOnA) throws InterruptedException {
        Chan<String> nil = Chan.nil();
        Chan<String> a = Chan.make();
        Chan<String> b = Chan.make();
        Blocking<String> select = Blocking.start(() ->
                select(recv(nil, r -> "nil"), recv(a, r -> "a:" + r.value()), send(b, "payload", () -> "sent on b")));
        select.awaitParked();
        if (receiveOnA) {
            a.send("hi");
            assertThat(select.join()).isEqualTo("a:hi");
            assertThat(b.tryReceive()).as("the send case left b's queue").isNull();
        } else {
            assertThat(b.receive()).isEqualTo(Received.of("payload"));
            assertThat(select.join()).isEqualTo("sent on b");
            assertThat(a.trySend("x")).as("the receive case left a's queue").isFalse();
        }
    }

    @Test
    void blockedSelectIsWokenByClose() throws InterruptedException {
        Chan<String> done = Chan.make();
        Chan<String> values = Chan.make();
        Blocking<String> select =
                Blocking.start(() -> select(recv(values, r -> "value"), recv(done, r -> r.ok() ? "odd" : "done")));
        select.awaitParked();
        done.close();
        assertThat(select.join()).isEqualTo("done");
    }

    @Test
    void blockedSelectSendPanicsWhenChannelCloses() throws InterruptedException {
        Chan<String> out = Chan.make();
        Blocking<String> select = Blocking.start(() -> select(send(out, "x", () -> "sent")));
        select.awaitParked();
        out.close();
        assertThat(select.interruptAndGetFailure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
    }

    @Test
    void sameChannelMayAppearInSeveralCases() throws InterruptedException {
        Chan<Integer> ch = Chan.make(2);
        ch.send(1);
        ch.send(2);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            got.add(select(recv(ch, r -> "first " + r.value()), recv(ch, r -> "second " + r.value())));
        }
        assertThat(got).hasSize(2).allMatch(s -> s.endsWith("1") || s.endsWith("2"));
        assertThat(ch.len()).isZero();
    }

    @Test
    void selectDoesNotPairWithItself() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        String got = select(
                send(ch, 1, () -> "sent"),
                recv(ch, r -> "received"),
                recv(Clock.system().after(Duration.ofMillis(20)), r -> "timed out"));
        assertThat(got).isEqualTo("timed out");
        assertThat(ch.trySend(2)).as("no stale receiver left").isFalse();
    }

    @Test
    void blockedSelectOnSameChannelPairsWithAnotherThread() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Blocking<String> select =
                Blocking.start(() -> select(send(ch, 1, () -> "sent"), recv(ch, r -> "received " + r.value())));
        select.awaitParked();
        ch.send(9);
        assertThat(select.join()).isEqualTo("received 9");
    }

    @Test
    void timeoutRunsWhenNothingArrives() throws InterruptedException {
        Chan<String> never = Chan.make();
        String got =
                select(recv(never, r -> "value"), recv(Clock.system().after(Duration.ofMillis(5)), r -> "timeout"));
        assertThat(got).isEqualTo("timeout");
        assertThat(never.trySend("x"))
                .as("the timed-out receiver left the queue")
                .isFalse();
    }

    @Test
    void aTimeoutOnAFakeClockFiresWhenTheClockPassesIt() throws InterruptedException {
        FakeClock clock = new FakeClock();
        Chan<String> never = Chan.make();
        Blocking<String> select = Blocking.start(() -> select(
                recv(never, r -> "value"),
                recv(clock.after(Duration.ofSeconds(1)), r -> "timeout after " + r.value())));
        clock.awaitTimers(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(select.join()).isEqualTo("timeout after " + FakeClock.EPOCH.plusSeconds(1));
    }

    @Test
    void interruptedSelectPerformsNoCase() throws InterruptedException {
        Chan<String> in = Chan.make();
        Chan<String> out = Chan.make();
        Blocking<String> select = Blocking.start(() -> select(recv(in, r -> "received"), send(out, "x", () -> "sent")));
        assertThat(select.awaitParked().interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        assertThat(in.trySend("v")).as("no receiver left on in").isFalse();
        assertThat(out.tryReceive()).as("no sender left on out").isNull();
    }

    @Test
    void duplicateDefaultIsRejected() {
        assertThatThrownBy(() -> select(orElse(() -> "a"), orElse(() -> "b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two default");
    }

    @Test
    void nullArgumentsAreRejected() {
        Chan<String> ch = Chan.make();
        assertThatThrownBy(() -> send(ch, null, () -> "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> recv(null, r -> "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("chan");
    }

    /** Go's timers saturate: a timeout of centuries is a timeout that never comes (reliability item 15). */
    @Test
    void aTimeoutOfCenturiesWithAReadyCaseChoosesTheCase() throws InterruptedException {
        Chan<String> a = Chan.make(1);
        a.send("a");
        String got = select(
                recv(a, r -> r.value()), recv(Clock.system().after(Duration.ofDays(365L * 300)), r -> "timeout"));
        assertThat(got).isEqualTo("a");
    }

    @Test
    void theLongestTimeoutWaitsForTheCase() throws InterruptedException {
        Chan<String> a = Chan.make();
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                a.send("late");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        String got = select(
                recv(a, r -> r.value()),
                recv(Clock.system().after(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)), r -> "timeout"));
        sender.join();
        assertThat(got).isEqualTo("late");
    }

    @Test
    void theMostNegativeTimeoutIsDueAtOnce() throws InterruptedException {
        Chan<String> a = Chan.make();
        String got = select(
                recv(a, r -> r.value()),
                recv(Clock.system().after(Duration.ofSeconds(Long.MIN_VALUE)), r -> "timeout"));
        assertThat(got).isEqualTo("timeout");
    }
}
