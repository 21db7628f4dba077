package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The channel state table of "Concurrency in Go" (3.x "Channels"), one test per row. The
 * "Compilation Error" rows hold by construction: {@link RecvChan} has no send or close, and
 * {@link SendChan} has no receive.
 */
class ChanStateTableTest {

    // ---- Read ----

    @Test
    void readOfNilBlocks() throws InterruptedException {
        Chan<Integer> nil = Chan.nil();
        Blocking<Received<Integer>> read = Blocking.start(nil::receive);
        assertThat(read.isBlocked()).isTrue();
        assertThat(read.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void readOfOpenNotEmptyGetsValue() throws InterruptedException {
        Chan<String> ch = Chan.make(1);
        ch.send("v");
        assertThat(ch.receive()).isEqualTo(Received.of("v"));
    }

    @Test
    void readOfOpenEmptyBlocks() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        Blocking<Received<Integer>> read = Blocking.start(ch::receive);
        assertThat(read.isBlocked()).isTrue();
        ch.send(7);
        assertThat(read.join()).isEqualTo(Received.of(7));
    }

    @Test
    void readOfClosedGetsDefaultValueAndFalse() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        ch.close();
        Received<Integer> r = ch.receive();
        assertThat(r.value()).isNull();
        assertThat(r.ok()).isFalse();
    }

    // ---- Write ----

    @Test
    void writeToNilBlocks() throws InterruptedException {
        Chan<Integer> nil = Chan.nil();
        Blocking<Void> write = Blocking.start(() -> {
            nil.send(1);
            return null;
        });
        assertThat(write.isBlocked()).isTrue();
        assertThat(write.interruptAndGetFailure()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void writeToOpenFullBlocks() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        Blocking<Void> write = Blocking.start(() -> {
            ch.send(2);
            return null;
        });
        assertThat(write.isBlocked()).isTrue();
        assertThat(ch.receive()).isEqualTo(Received.of(1));
        write.join();
        assertThat(ch.receive()).isEqualTo(Received.of(2));
    }

    @Test
    void writeToOpenNotFullWritesValue() throws InterruptedException {
        Chan<Integer> ch = Chan.make(2);
        ch.send(1);
        assertThat(ch.len()).isEqualTo(1);
        assertThat(ch.tryReceive()).isEqualTo(Received.of(1));
    }

    @Test
    void writeToClosedPanics() {
        Chan<Integer> ch = Chan.make(1);
        ch.close();
        assertThatThrownBy(() -> ch.send(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("send on closed channel");
    }

    // ---- Close ----

    @Test
    void closeOfNilPanics() {
        assertThatThrownBy(() -> Chan.nil().close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("close of nil channel");
    }

    @Test
    void closeOfOpenNotEmptyDeliversBufferedValuesThenDefault() throws InterruptedException {
        Chan<Integer> ch = Chan.make(3);
        ch.send(1);
        ch.send(2);
        ch.close();
        assertThat(ch.receive()).isEqualTo(Received.of(1));
        assertThat(ch.receive()).isEqualTo(Received.of(2));
        assertThat(ch.receive()).isEqualTo(Received.closed());
        assertThat(ch.receive()).isEqualTo(Received.closed());
    }

    @Test
    void closeOfOpenEmptyMakesReadsProduceDefault() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        ch.close();
        assertThat(ch.receive()).isEqualTo(Received.closed());
        assertThat(ch.tryReceive()).isEqualTo(Received.closed());
    }

    @Test
    void closeOfClosedPanics() {
        Chan<Integer> ch = Chan.make();
        ch.close();
        assertThatThrownBy(ch::close).isInstanceOf(IllegalStateException.class).hasMessage("close of closed channel");
    }
}
