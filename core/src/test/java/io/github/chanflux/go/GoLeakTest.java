package io.github.chanflux.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoLeakTest {

    @Test
    void findReportsBlockedGoroutineWithStack() throws InterruptedException {
        Set<Thread> baseline = Go.running();
        Thread leaked = Go.go("leaky", () -> Chan.<String>nil().receive());
        try {
            assertThat(GoLeak.find(baseline, Duration.ZERO)).containsExactly(leaked);
        } finally {
            leaked.interrupt();
            leaked.join();
        }
    }

    @Test
    void verifyNoneNamesLeakedGoroutines() throws InterruptedException {
        Set<Thread> baseline = Go.running();
        Chan<Boolean> started = Chan.make();
        Thread leaked = Go.go("leaky", () -> {
            started.send(true);
            Chan.<String>nil().receive();
        });
        started.receive();
        try {
            assertThatThrownBy(() -> GoLeak.verifyNone(baseline, Duration.ZERO))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("[Goroutine leaky in state")
                    .hasMessageContaining("at io.github.chanflux.go.GoLeakTest.lambda$");
        } finally {
            leaked.interrupt();
            leaked.join();
        }
    }

    @Test
    void findWaitsForGoroutinesAboutToEnd() throws InterruptedException {
        Set<Thread> baseline = Go.running();
        Chan<Boolean> release = Chan.make();
        Go.go(release::receive);
        Go.go(release::close);
        assertThat(GoLeak.find(baseline, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void goroutinesRunningBeforeAreIgnored() throws InterruptedException {
        Thread old = Go.go(() -> Chan.<String>nil().receive());
        try {
            assertThat(GoLeak.find(Go.running(), Duration.ZERO)).isEmpty();
        } finally {
            old.interrupt();
            old.join();
        }
    }
}
