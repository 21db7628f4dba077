package io.github.chanflux.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemClockTest {

    private final Clock clock = Clock.system();

    @Test
    void systemIsOneSharedClock() {
        assertThat(Clock.system()).isSameAs(clock);
    }

    @Test
    void afterFuncWithZeroDelayRunsOnAGoroutine() throws InterruptedException {
        Chan<Thread> ran = Chan.make(1);
        clock.afterFunc(Duration.ZERO, () -> ran.trySend(Thread.currentThread()));
        Thread t = ran.receive().value();
        assertThat(t.isVirtual()).isTrue();
        assertThat(t.getName()).isEqualTo("time.AfterFunc");
        t.join();
    }

    @Test
    void afterFuncFiresAfterDelay() throws InterruptedException {
        Chan<Instant> ran = Chan.make(1);
        Instant start = clock.now();
        clock.afterFunc(Duration.ofMillis(5), () -> ran.trySend(clock.now()));
        assertThat(ran.receive().value()).isAfterOrEqualTo(start.plusMillis(5));
    }

    @Test
    void stopBeforeFireReturnsTrueAndPreventsIt() {
        Timer t = clock.afterFunc(Duration.ofDays(1), () -> {
            throw new AssertionError("fired");
        });
        assertThat(t.stop()).isTrue();
        assertThat(t.stop()).isFalse();
    }

    @Test
    void stopAfterFireReturnsFalse() throws InterruptedException {
        Chan<Boolean> ran = Chan.make(1);
        Timer t = clock.afterFunc(Duration.ZERO, () -> ran.trySend(true));
        ran.receive();
        assertThat(t.stop()).isFalse();
    }

    @Test
    void afterDeliversInstantOnOneSlotChannel() throws InterruptedException {
        RecvChan<Instant> c = clock.after(Duration.ofMillis(1));
        assertThat(c.cap()).isEqualTo(1);
        assertThat(c.receive().ok()).isTrue();
    }

    @Test
    void hugeDelayIsAcceptedAndStoppable() {
        assertThat(clock.afterFunc(Duration.ofSeconds(Long.MAX_VALUE), () -> {}).stop())
                .isTrue();
    }

    /**
     * As Go 1.23 collects unreferenced timers: 10 000 {@code after(1h)} channels dropped by
     * their readers leave the scheduler once the collector finds them (reliability issue, "also
     * look at"). Waits for the collector by asking for collections, bounded.
     */
    @Test
    void afterTimersOfUnreachableChannelsLeaveTheScheduler() {
        SystemClock system = (SystemClock) clock;
        int before = system.pendingTimers();
        List<RecvChan<Instant>> readers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            readers.add(clock.after(Duration.ofHours(1)));
        }
        assertThat(system.pendingTimers()).isGreaterThanOrEqualTo(before + 10_000);
        readers.clear();
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (system.pendingTimers() > before + 100) {
            assertThat(System.nanoTime() - giveUp)
                    .as("timers still queued: %d", system.pendingTimers())
                    .isNegative();
            System.gc();
            Thread.yield();
        }
    }

    @Test
    void aReachableAfterChannelStillFires() throws InterruptedException {
        RecvChan<Instant> c = clock.after(Duration.ofMillis(20));
        System.gc();
        assertThat(c.receive().ok()).isTrue();
    }
}
