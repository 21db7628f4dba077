package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.orDone;
import static io.github.chanflux.pattern.Patterns.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrDoneTest {

    private final Chan<Void> done = Chan.make();
    private final Chan<Void> producerDone = Chan.make();

    @AfterEach
    void closeDones() throws InterruptedException {
        if (done.tryReceive() == null) {
            done.close();
        }
        producerDone.close();
        Goroutines.assertAllEnded();
    }

    @Test
    void passesEveryValueUntilTheInputCloses() {
        assertThat(drain(orDone(done, generator(producerDone, 1, 2, 3)))).containsExactly(1, 2, 3);
    }

    @Test
    void closesWhenDoneClosesThoughTheInputNeverCloses() throws InterruptedException {
        RecvChan<Integer> values = orDone(done, repeat(producerDone, 7));
        assertThat(values.receive().value()).isEqualTo(7);
        done.close();
        assertThat(drain(values)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void closesWhenDoneClosesWhileTheInputBlocks() throws InterruptedException {
        RecvChan<Integer> values = orDone(done, Chan.<Integer>make());
        done.close();
        assertThat(values.receive().ok()).isFalse();
    }

    @Test
    void passesNothingWhenDoneHasAlreadyClosed() {
        done.close();
        Chan<Integer> ready = Chan.make(3);
        ready.trySend(1);
        ready.trySend(2);
        ready.trySend(3);
        assertThat(drain(orDone(done, ready))).isEmpty();
    }
}
