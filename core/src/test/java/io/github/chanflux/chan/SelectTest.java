package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectTest {

    @Test
    void readyCaseIsChosen() throws InterruptedException {
        Chan<String> a = Chan.make(1);
        Chan<String> b = Chan.make(1);
        b.send("b");
        String got = Select.<String>select()
                .recv(a, r -> "a:" + r.value())
                .recv(b, r -> "b:" + r.value())
                .run();
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
            int chosen = Select.<Integer>select()
                    .recv(chans.get(0), r -> 0)
                    .recv(chans.get(1), r -> 1)
                    .recv(chans.get(2), r -> 2)
                    .recv(chans.get(3), r -> 3)
                    .run();
            counts[chosen]++;
            chans.get(chosen).send(chosen);
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_000, 11_000);
        }
    }

    @Test
    void defaultRunsWhenNothingIsReady() throws InterruptedException {
        Chan<String> empty = Chan.make();
        String got = Select.<String>select()
                .recv(empty, r -> "value")
                .send(empty, "x", () -> "sent")
                .orElse(() -> "default")
                .run();
        assertThat(got).isEqualTo("default");
    }

    @Test
    void nilChannelCaseIsNeverChosen() throws InterruptedException {
        Chan<Integer> nil = Chan.nil();
        Chan<Integer> ready = Chan.make(1);
        for (int i = 0; i < 1_000; i++) {
            ready.send(i);
            String got = Select.<String>select()
                    .recv(nil, r -> "nil recv")
                    .send(nil, 1, () -> "nil send")
                    .recv(ready, r -> "ready")
                    .run();
            assertThat(got).isEqualTo("ready");
        }
        assertThat(Select.<String>select().recv(nil, r -> "nil").orElse(() -> "default").run())
                .isEqualTo("default");
    }

    @Test
    void selectOverOnlyNilChannelsBlocksUntilInterrupted() throws InterruptedException {
        Blocking<String> select = Blocking.start(() -> Select.<String>select()
                .recv(Chan.<Integer>nil(), r -> "never")
                .run());
        assertThat(select.isBlocked()).isTrue();
        assertThat(select.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void receiveCaseSeesClosedChannel() throws InterruptedException {
        Chan<Integer> closed = Chan.make();
        closed.close();
        Received<Integer> got = Select.<Received<Integer>>select().recv(closed, r -> r).run();
        assertThat(got).isEqualTo(Received.closed());
    }

    @Test
    void chosenSendCaseOnClosedChannelPanics() {
        Chan<Integer> closed = Chan.make(1);
        closed.close();
        assertThatThrownBy(() -> Select.<String>select().send(closed, 1, () -> "sent").run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
    }

    @Test
    void blockedSelectIsWokenBySend() throws InterruptedException {
        Chan<String> a = Chan.make();
        Chan<String> b = Chan.make();
        Blocking<String> select = Blocking.start(() -> Select.<String>select()
                .recv(a, r -> "a:" + r.value())
                .recv(b, r -> "b:" + r.value())
                .run());
        select.awaitParked();
        b.send("hi");
        assertThat(select.join()).isEqualTo("b:hi");
        assertThat(a.trySend("nobody waits on a any more")).isFalse();
    }

    @Test
    void blockedSelectSendIsTakenByReceiver() throws InterruptedException {
        Chan<String> out = Chan.make();
        Chan<String> other = Chan.make();
        Blocking<String> select = Blocking.start(() -> Select.<String>select()
                .send(out, "payload", () -> "sent")
                .recv(other, r -> "other")
                .run());
        select.awaitParked();
        assertThat(out.receive()).isEqualTo(Received.of("payload"));
        assertThat(select.join()).isEqualTo("sent");
    }

    @Test
    void blockedSelectIsWokenByClose() throws InterruptedException {
        Chan<String> done = Chan.make();
        Chan<String> values = Chan.make();
        Blocking<String> select = Blocking.start(() -> Select.<String>select()
                .recv(values, r -> "value")
                .recv(done, r -> r.ok() ? "odd" : "done")
                .run());
        select.awaitParked();
        done.close();
        assertThat(select.join()).isEqualTo("done");
    }

    @Test
    void blockedSelectSendPanicsWhenChannelCloses() throws InterruptedException {
        Chan<String> out = Chan.make();
        Blocking<String> select = Blocking.start(() -> Select.<String>select().send(out, "x", () -> "sent").run());
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
            got.add(Select.<String>select()
                    .recv(ch, r -> "first " + r.value())
                    .recv(ch, r -> "second " + r.value())
                    .run());
        }
        assertThat(got).hasSize(2).allMatch(s -> s.endsWith("1") || s.endsWith("2"));
        assertThat(ch.len()).isZero();
    }

    @Test
    void selectDoesNotPairWithItself() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        String got = Select.<String>select()
                .send(ch, 1, () -> "sent")
                .recv(ch, r -> "received")
                .timeout(Duration.ofMillis(20), () -> "timed out")
                .run();
        assertThat(got).isEqualTo("timed out");
        assertThat(ch.trySend(2)).as("no stale receiver left").isFalse();
    }

    @Test
    void blockedSelectOnSameChannelPairsWithAnotherThread() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Blocking<String> select = Blocking.start(() -> Select.<String>select()
                .send(ch, 1, () -> "sent")
                .recv(ch, r -> "received " + r.value())
                .run());
        select.awaitParked();
        ch.send(9);
        assertThat(select.join()).isEqualTo("received 9");
    }

    @Test
    void timeoutRunsWhenNothingArrives() throws InterruptedException {
        Chan<String> never = Chan.make();
        String got = Select.<String>select()
                .recv(never, r -> "value")
                .timeout(Duration.ofMillis(5), () -> "timeout")
                .run();
        assertThat(got).isEqualTo("timeout");
        assertThat(never.trySend("x")).as("the timed-out receiver left the queue").isFalse();
    }

    @Test
    void zeroTimeoutActsAsDefault() throws InterruptedException {
        Chan<String> never = Chan.make();
        assertThat(Select.<String>select().recv(never, r -> "value").timeout(Duration.ZERO, () -> "now").run())
                .isEqualTo("now");
    }

    @Test
    void interruptedSelectPerformsNoCase() throws InterruptedException {
        Chan<String> in = Chan.make();
        Chan<String> out = Chan.make();
        Blocking<String> select = Blocking.start(() -> Select.<String>select()
                .recv(in, r -> "received")
                .send(out, "x", () -> "sent")
                .run());
        assertThat(select.awaitParked().interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        assertThat(in.trySend("v")).as("no receiver left on in").isFalse();
        assertThat(out.tryReceive()).as("no sender left on out").isNull();
    }

    @Test
    void duplicateDefaultOrTimeoutIsRejected() {
        assertThatThrownBy(() -> Select.<String>select().orElse(() -> "a").orElse(() -> "b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two default");
        assertThatThrownBy(() -> Select.<String>select()
                .timeout(Duration.ZERO, () -> "a").timeout(Duration.ZERO, () -> "b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two timeout");
    }

    @Test
    void nullArgumentsAreRejected() {
        Chan<String> ch = Chan.make();
        assertThatThrownBy(() -> Select.<String>select().send(ch, null, () -> "x"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> Select.<String>select().recv(null, r -> "x"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("chan");
    }

    /** Go's timers saturate: a timeout of centuries is a timeout that never comes (reliability item 15). */
    @Test
    void aTimeoutOfCenturiesWithAReadyCaseChoosesTheCase() throws InterruptedException {
        Chan<String> a = Chan.make(1);
        a.send("a");
        String got = Select.<String>select()
                .recv(a, r -> r.value())
                .timeout(Duration.ofDays(365L * 300), () -> "timeout")
                .run();
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
        String got = Select.<String>select()
                .recv(a, r -> r.value())
                .timeout(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), () -> "timeout")
                .run();
        sender.join();
        assertThat(got).isEqualTo("late");
    }

    @Test
    void theMostNegativeTimeoutIsDueAtOnce() throws InterruptedException {
        Chan<String> a = Chan.make();
        String got = Select.<String>select()
                .recv(a, r -> r.value())
                .timeout(Duration.ofSeconds(Long.MIN_VALUE), () -> "timeout")
                .run();
        assertThat(got).isEqualTo("timeout");
    }
}
