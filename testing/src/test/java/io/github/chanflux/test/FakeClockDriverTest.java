package io.github.chanflux.test;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.time.FakeClock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class FakeClockDriverTest {

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);

    @Test
    void sleepersWakeAtTheirOwnTimesWithNoRealWaiting() throws InterruptedException {
        Chan<String> woke = Chan.make(3);
        for (int s : new int[] {3, 1, 2}) {
            Go.go(() -> {
                clock.sleep(Duration.ofSeconds(s));
                woke.send(s + "s at " + Duration.between(t0, clock.now()).toSeconds());
            });
        }
        driver.runUntil(() -> woke.len() == 3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(woke.receive().value());
        }
        assertThat(order).containsExactly("1s at 1", "2s at 2", "3s at 3");
    }

    /**
     * A select with a timeout, a {@link Ticker} and a {@link WaitGroup}, on fake time only: three
     * workers each count the ticks of their own ticker until a deadline, the main goroutine
     * waits for the group. Time jumps from timer to timer; nothing waits in real time.
     */
    @Test
    void aSelectATickerAndAWaitGroupRunOnFakeTimeAlone() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        ConcurrentLinkedQueue<String> report = new ConcurrentLinkedQueue<>();
        for (int w = 1; w <= 3; w++) {
            int worker = w;
            wg.go(() -> {
                try (Ticker ticker = clock.newTicker(Duration.ofSeconds(worker))) {
                    var deadline = clock.after(Duration.ofSeconds(10));
                    int ticks = 0;
                    while (select(recv(ticker.c(), r -> true), recv(deadline, r -> false))) {
                        ticks++;
                    }
                    report.add("worker " + worker + ": " + ticks + " ticks");
                }
            });
        }
        Chan<Instant> allDone = Chan.make(1);
        Go.go(() -> {
            wg.await();
            allDone.send(clock.now());
        });
        driver.runUntil(() -> allDone.len() == 1);
        assertThat(allDone.receive().value()).isEqualTo(t0.plusSeconds(10));
        assertThat(report).containsExactlyInAnyOrder("worker 1: 9 ticks", "worker 2: 4 ticks", "worker 3: 3 ticks");
    }

    @Test
    void aDeadlockIsReportedWithTheBlockedGoroutines() throws InterruptedException {
        Chan<String> never = Chan.make();
        Thread stuck = Go.go("stuck", never::receive);
        try {
            assertThatThrownBy(() -> driver.runUntil(() -> false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("all goroutines are asleep and no timer is pending")
                    .hasMessageContaining("[goroutine stuck WAITING]");
        } finally {
            stuck.interrupt();
            stuck.join();
        }
    }

    @Test
    void advanceFiresTheTimersOnTheWayAndStopsAtTheEnd() throws InterruptedException {
        Chan<Instant> fired = Chan.make(10);
        try (Ticker ticker = clock.newTicker(Duration.ofMillis(400))) {
            Go.go(() -> {
                for (int i = 0; i < 2; i++) {
                    fired.send(ticker.c().receive().value());
                }
            });
            driver.advance(Duration.ofSeconds(1));
            assertThat(clock.now()).isEqualTo(t0.plusSeconds(1));
            assertThat(fired.receive().value()).isEqualTo(t0.plusMillis(400));
            assertThat(fired.receive().value()).isEqualTo(t0.plusMillis(800));
        }
    }

    /**
     * Goroutines handing a value round a ring over channels, each seen parked just after it
     * handed on, are not idle: {@code awaitIdle} returns only once the ring has stopped (a timer
     * would otherwise fire in the middle of the ring's work). Looking at their states alone, the
     * driver returned in the first trials nearly every time.
     */
    @Test
    void goroutinesHandingValuesRoundARingAreNotIdle() throws InterruptedException {
        for (int trial = 0; trial < 5; trial++) {
            int hops = 100_000;
            List<Chan<Integer>> ring = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ring.add(Chan.make());
            }
            Chan<Void> finished = Chan.make();
            for (int i = 0; i < 3; i++) {
                Chan<Integer> in = ring.get(i);
                Chan<Integer> out = ring.get((i + 1) % 3);
                Go.go(() -> {
                    for (Integer hop : in) {
                        if (hop == hops) {
                            finished.close();
                            ring.forEach(Chan::close);
                            return;
                        }
                        out.send(hop + 1);
                    }
                });
            }
            ring.get(0).send(0);
            driver.awaitIdle();
            assertThat(finished.tryReceive())
                    .as("trial %d: idle while the ring was running", trial)
                    .isNotNull();
        }
        Goroutines.assertAllEnded();
    }

    @Test
    void aGoroutineWaitingOnRealTimeIsNotBlocked() throws InterruptedException {
        Chan<Instant> slept = Chan.make(1);
        Chan<Void> release = Chan.make();
        Go.go(() -> {
            release.receive();
            Thread.sleep(1); // real time: not a wait the fake clock ends
            slept.send(clock.now());
        });
        Go.go(() -> clock.sleep(Duration.ofHours(1)));
        release.close();
        driver.runUntil(() -> slept.len() == 1);
        assertThat(slept.receive().value())
                .as("no fake time passed during the real sleep")
                .isEqualTo(t0);
        driver.advance(Duration.ofHours(1));
    }

    @Test
    void advanceRejectsANegativeDurationAndSaturatesAHugeOne() throws InterruptedException {
        assertThatThrownBy(() -> driver.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative advance: PT-1S");
        driver.advance(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(clock.now()).isEqualTo(Instant.MAX);
    }
}
