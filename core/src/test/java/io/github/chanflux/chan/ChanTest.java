package io.github.chanflux.chan;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ChanTest {

    @Test
    void negativeCapacityIsRejected() {
        assertThatThrownBy(() -> Chan.make(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void nullElementsAreRejected() {
        Chan<String> ch = Chan.make(1);
        assertThatThrownBy(() -> ch.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.trySend(null)).isInstanceOf(NullPointerException.class);
        assertThat(ch.len()).isZero();
    }

    @Test
    void lenAndCapFollowTheBuffer() throws InterruptedException {
        Chan<Integer> ch = Chan.make(4);
        ch.send(1);
        ch.send(2);
        assertThat(ch.len()).isEqualTo(2);
        assertThat(ch.cap()).isEqualTo(4);
        assertThat(Chan.make().cap()).isZero();
        assertThat(Chan.nil().len()).isZero();
        assertThat(Chan.nil().cap()).isZero();
    }

    @Test
    void bufferedChannelIsFifo() throws InterruptedException {
        Chan<Integer> ch = Chan.make(16);
        for (int i = 0; i < 20; i++) {
            ch.send(i);
            if (i % 3 == 2) {
                ch.receive();
            }
        }
        List<Integer> rest = new ArrayList<>();
        ch.close();
        ch.forEach(rest::add);
        assertThat(rest).containsExactly(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    }

    @Test
    void unbufferedSendWaitsForReceiver() throws InterruptedException {
        Chan<String> ch = Chan.make();
        Blocking<Void> send = Blocking.start(() -> {
            ch.send("hello");
            return null;
        });
        assertThat(send.isBlocked()).isTrue();
        assertThat(ch.receive()).isEqualTo(Received.of("hello"));
        send.join();
    }

    @Test
    void unbufferedTrySendNeedsWaitingReceiver() throws InterruptedException {
        Chan<String> ch = Chan.make();
        assertThat(ch.trySend("lost")).isFalse();
        Blocking<Received<String>> receive = Blocking.start(ch::receive).awaitParked();
        assertThat(ch.trySend("taken")).isTrue();
        assertThat(receive.join()).isEqualTo(Received.of("taken"));
    }

    @Test
    void tryReceiveTellsEmptyFromClosed() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        assertThat(ch.tryReceive()).isNull();
        ch.send(5);
        assertThat(ch.tryReceive()).isEqualTo(Received.of(5));
        ch.close();
        assertThat(ch.tryReceive()).isEqualTo(Received.closed());
        assertThat(Chan.nil().tryReceive()).isNull();
        assertThat(Chan.<Integer>nil().trySend(1)).isFalse();
    }

    @Test
    void rangeEndsWhenClosedAndDrained() throws InterruptedException {
        Chan<Integer> ch = Chan.make(5);
        Thread owner = Thread.ofVirtual().start(() -> {
            try (ch) {
                for (int i = 0; i <= 5; i++) {
                    ch.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Integer> got = new ArrayList<>();
        for (int v : ch) {
            got.add(v);
        }
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5);
        owner.join(); // the range ended by the close; the owner may still be finishing
    }

    @Test
    void rangeTakesOneValuePerStepAndStaysEndedOnceClosedAndDrained() throws InterruptedException {
        Chan<Integer> ch = Chan.make(2);
        ch.send(1);
        ch.send(2);
        ch.close();
        Iterator<Integer> it = ch.iterator();
        assertThat(it.hasNext()).isTrue();
        assertThat(it.hasNext()).as("asking again takes no second value").isTrue();
        assertThat(it.next()).isEqualTo(1);
        assertThat(it.next()).isEqualTo(2);
        assertThat(it.hasNext()).isFalse();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class).hasMessage("channel closed");
    }

    @Test
    void rangeRethrowsInterruptUnchecked() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        Blocking<Boolean> range = Blocking.start(() -> {
            try {
                return ch.iterator().hasNext();
            } catch (UncheckedInterruptedException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        range.awaitParked().thread.interrupt();
        assertThat(range.join()).isTrue();
    }

    @Test
    void closeWakesAllReceivers() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        List<Blocking<Received<Integer>>> receivers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            receivers.add(Blocking.start(ch::receive).awaitParked());
        }
        ch.close();
        for (Blocking<Received<Integer>> r : receivers) {
            assertThat(r.join()).isEqualTo(Received.closed());
        }
    }

    @Test
    void closeWakesAllSendersWithPanic() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        ch.send(0);
        List<Blocking<Void>> senders = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int v = i;
            senders.add(Blocking.<Void>start(() -> {
                        ch.send(v);
                        return null;
                    })
                    .awaitParked());
        }
        ch.close();
        for (Blocking<Void> s : senders) {
            s.thread.join();
            assertThatThrownBy(s.result::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("send on closed channel");
        }
        assertThat(ch.receive()).as("the value buffered before close").isEqualTo(Received.of(0));
        assertThat(ch.receive()).isEqualTo(Received.closed());
    }

    @Test
    void interruptedSenderValueIsNotDelivered() throws InterruptedException {
        Chan<String> ch = Chan.make();
        Blocking<Void> send = Blocking.start(() -> {
            ch.send("never");
            return null;
        });
        assertThat(send.awaitParked().interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        assertThat(ch.trySend("x")).as("no receiver is left behind").isFalse();
        assertThat(ch.tryReceive()).as("the interrupted value is gone").isNull();
    }

    @Test
    void interruptedReceiverTakesNoValue() throws InterruptedException {
        Chan<String> ch = Chan.make(1);
        Blocking<Received<String>> receive = Blocking.start(ch::receive);
        assertThat(receive.awaitParked().interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        ch.send("kept");
        assertThat(ch.tryReceive()).isEqualTo(Received.of("kept"));
    }

    @Test
    void interruptBeforeBlockingThrowsAndChangesNothing() {
        Chan<String> ch = Chan.make();
        Thread.currentThread().interrupt();
        assertThatThrownBy(ch::receive).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.send("x")).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(ch.tryReceive()).isNull();
    }

    @Test
    void sendIsVisibleToReceiver() throws InterruptedException {
        int[] shared = new int[1];
        Chan<Boolean> ready = Chan.make();
        Thread writer = Thread.ofVirtual().start(() -> {
            shared[0] = 42;
            try {
                ready.send(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ready.receive();
        assertThat(shared[0]).isEqualTo(42);
        writer.join();
    }

    @Test
    void awaitSendReadyReturnsAtOnceWhenASendWouldNotBlock() throws InterruptedException {
        Chan<Integer> buffered = Chan.make(1);
        buffered.awaitSendReady();
        buffered.send(1);
        buffered.close();
        buffered.awaitSendReady();
        assertThat(buffered.receive()).as("the buffered value stays").isEqualTo(Received.of(1));
    }

    @Test
    void awaitSendReadyOnAFullBufferWaitsForARoom() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        Blocking<Void> ready = Blocking.<Void>start(() -> {
                    ch.awaitSendReady();
                    return null;
                })
                .awaitParked();
        assertThat(ready.isBlocked()).isTrue();
        assertThat(ch.receive()).isEqualTo(Received.of(1));
        ready.join();
        assertThat(ch.trySend(2)).isTrue();
    }

    @Test
    void awaitSendReadyOnAnUnbufferedChannelWaitsForAReceiver() throws InterruptedException {
        Chan<String> ch = Chan.make();
        Blocking<Void> ready = Blocking.<Void>start(() -> {
                    ch.awaitSendReady();
                    return null;
                })
                .awaitParked();
        Blocking<Received<String>> receiver = Blocking.start(ch::receive).awaitParked();
        ready.join();
        assertThat(ch.trySend("now")).isTrue();
        assertThat(receiver.join()).isEqualTo(Received.of("now"));
    }

    @Test
    void awaitSendReadyCountsASelectWaitingToReceive() throws InterruptedException {
        Chan<String> ch = Chan.make();
        Chan<String> other = Chan.make();
        Blocking<String> select = Blocking.start(() -> select(recv(other, r -> "other"), recv(ch, r -> r.value())))
                .awaitParked();
        ch.awaitSendReady();
        ch.send("via select");
        assertThat(select.join()).isEqualTo("via select");
    }

    @Test
    void awaitSendReadyIgnoresAReceiverThatGaveUpAndWakesOnClose() throws InterruptedException {
        Chan<String> ch = Chan.make();
        Blocking<Received<String>> quitter = Blocking.start(ch::receive).awaitParked();
        assertThat(quitter.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        Blocking<Void> ready = Blocking.<Void>start(() -> {
                    ch.awaitSendReady();
                    return null;
                })
                .awaitParked();
        assertThat(ready.isBlocked()).isTrue();
        ch.close();
        ready.join();
    }

    @Test
    void interruptedAwaitSendReadyThrowsAndLeavesTheChannelAsItWas() throws InterruptedException {
        Chan<String> ch = Chan.make();
        Blocking<Void> ready = Blocking.<Void>start(() -> {
                    ch.awaitSendReady();
                    return null;
                })
                .awaitParked();
        assertThat(ready.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
        Blocking<Received<String>> receiver = Blocking.start(ch::receive).awaitParked();
        ch.send("after");
        assertThat(receiver.join()).isEqualTo(Received.of("after"));
    }

    @Test
    void trySendAllFillsTheBufferInOrderAndStopsAtTheFirstThatWouldBlock() throws InterruptedException {
        Chan<String> ch = Chan.make(3);
        ch.send("before");
        Object[] batch = {"a", "b", "c", "d"};
        assertThat(ch.trySendAll(batch, 0, 4)).isEqualTo(2);
        assertThat(ch.len()).isEqualTo(3);
        assertThat(List.of(ch.receive(), ch.receive(), ch.receive()))
                .containsExactly(Received.of("before"), Received.of("a"), Received.of("b"));
        assertThat(ch.trySendAll(batch, 2, 4)).as("the rest, later").isEqualTo(2);
        assertThat(List.of(ch.receive(), ch.receive())).containsExactly(Received.of("c"), Received.of("d"));
    }

    @Test
    void trySendAllHandsOverToEachWaitingReceiverFirst() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        Blocking<Received<Integer>> first = Blocking.start(ch::receive).awaitParked();
        Blocking<Received<Integer>> second = Blocking.start(ch::receive).awaitParked();
        assertThat(ch.trySendAll(new Object[] {1, 2, 3, 4}, 0, 4)).isEqualTo(3);
        assertThat(first.join()).isEqualTo(Received.of(1));
        assertThat(second.join()).isEqualTo(Received.of(2));
        assertThat(ch.tryReceive()).isEqualTo(Received.of(3));
        assertThat(ch.len()).isZero();
    }

    @Test
    void trySendAllOnAnUnbufferedChannelNeedsWaitingReceivers() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        assertThat(ch.trySendAll(new Object[] {1, 2}, 0, 2)).isZero();
        Blocking<Received<Integer>> receiver = Blocking.start(ch::receive).awaitParked();
        assertThat(ch.trySendAll(new Object[] {1, 2}, 0, 2)).isEqualTo(1);
        assertThat(receiver.join()).isEqualTo(Received.of(1));
        assertThat(Chan.nil().trySendAll(new Object[] {1}, 0, 1)).isZero();
    }

    @Test
    void trySendAllRejectsANullValueAndAClosedChannelBeforeSendingAny() {
        Chan<String> ch = Chan.make(4);
        assertThatThrownBy(() -> ch.trySendAll(new Object[] {"a", null}, 0, 2))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThat(ch.len()).as("nothing sent").isZero();
        ch.close();
        assertThatThrownBy(() -> ch.trySendAll(new Object[] {"a"}, 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
    }
}
