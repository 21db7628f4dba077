package io.github.chanflux.test;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Heartbeat;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat scenarios of "Concurrency in Go" 5.3 with {@link Heartbeat}, on fake time: the
 * book's runs, its bad test (times out when the worker is slow to start), its good tests (wait
 * for the first pulse) and the detection of a worker whose pulses stop. Nothing sleeps; the
 * {@link FakeClockDriver} moves time only when every goroutine is blocked.
 */
class HeartbeatBookTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final List<Integer> INT_SLICE = List.of(0, 1, 2, 3, 5);

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final Chan<Void> done = Chan.make();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    @AfterEach
    void closeDone() {
        if (done.tryReceive() == null) {
            done.close();
        }
    }

    private long seconds() {
        return Duration.between(t0, clock.now()).toSeconds();
    }

    private void log(String line) {
        log.add(seconds() + "s " + line);
    }

    /** The book's interval {@code doWork}: a result every two pulse intervals, from {@code workGen}. */
    private Heartbeat<Instant> doWork(Duration pulseInterval) {
        return Heartbeat.interval(done, pulseInterval, clock, w -> {
            RecvChan<Instant> workGen = clock.tick(pulseInterval.multipliedBy(2));
            for (Received<Instant> r = w.receive(workGen); r.ok(); r = w.receive(workGen)) {
                if (!w.send(r.value())) {
                    return;
                }
            }
        });
    }

    /** The book's reader: prints pulses and results, gives up after {@code TIMEOUT} of silence. */
    private void read(Heartbeat<Instant> hb) throws InterruptedException {
        while (true) {
            Selected s = select(recv(hb.heartbeat()), recv(hb.results()), recv(clock.after(TIMEOUT)));
            if (s.is(hb.heartbeat())) {
                if (!s.received(hb.heartbeat()).ok()) {
                    log("heartbeat closed");
                    return;
                }
                log("pulse");
            } else if (s.is(hb.results())) {
                Received<Instant> r = s.received(hb.results());
                if (!r.ok()) {
                    log("results closed");
                    return;
                }
                log("results " + Duration.between(t0, r.value()).toSeconds());
            } else {
                log("worker goroutine is not healthy!");
                return;
            }
        }
    }

    /** Before the 10 s deadline: a pulse every second, a result every two, in either order within a second. */
    @Test
    void intervalHeartbeatsPulseEverySecondWhileWaitingAndSending() throws InterruptedException {
        clock.afterFunc(Duration.ofSeconds(10), done::close);
        Heartbeat<Instant> hb = doWork(TIMEOUT.dividedBy(2));
        Thread reader = Go.go(() -> read(hb));
        driver.runUntil(() -> !reader.isAlive());
        List<String> expected = new ArrayList<>();
        for (int s = 1; s < 10; s++) {
            expected.add(s + "s pulse");
            if (s % 2 == 0) {
                expected.add(s + "s results " + s);
            }
        }
        assertThat(log).filteredOn(line -> !line.startsWith("10s")).containsExactlyInAnyOrderElementsOf(expected);
        for (int s = 1; s < 10; s++) {
            String prefix = s + "s ";
            assertThat(log)
                    .as("the lines of second " + s + " come together")
                    .filteredOn(line -> line.startsWith(prefix))
                    .hasSize(s % 2 == 0 ? 2 : 1);
        }
        assertThat(new ArrayList<>(log)).last().asString().matches("10s (heartbeat|results) closed");
    }

    /** The book's worker that "panics" after its first result: pulses stop, the reader notices 2 s later. */
    @Test
    void aWorkerWhosePulsesStopIsDetectedOneTimeoutAfterItsLastSign() throws InterruptedException {
        Heartbeat<Instant> hb = Heartbeat.interval(done, TIMEOUT.dividedBy(2), clock, w -> {
            RecvChan<Instant> workGen = clock.tick(TIMEOUT);
            w.send(w.receive(workGen).value());
            done.receive(); // stuck: no pulses, channels left open
        });
        Thread reader = Go.go(() -> read(hb));
        driver.runUntil(() -> !reader.isAlive());
        List<String> lines = new ArrayList<>(log);
        assertThat(lines).first().isEqualTo("1s pulse");
        assertThat(lines).contains("2s results 2");
        assertThat(lines).last().isEqualTo("4s worker goroutine is not healthy!");
        assertThat(lines.subList(1, lines.size() - 1)).allMatch(line -> line.startsWith("2s "));
    }

    /** The book's {@code DoWork(done, nums...)}: sleeps 2 s before its first unit, pulses at each unit. */
    private Heartbeat<Integer> slowToStartWorker() {
        return Heartbeat.workUnits(done, clock, w -> {
            clock.sleep(Duration.ofSeconds(2));
            for (int n : INT_SLICE) {
                w.pulse();
                if (!w.send(n)) {
                    return;
                }
            }
        });
    }

    /** The bad test: a 1 s timeout per value fails, always, because the worker starts after 2 s. */
    @Test
    void theBadTestTimesOutWhenTheWorkerIsSlowToStart() throws InterruptedException {
        Heartbeat<Integer> hb = slowToStartWorker();
        Chan<String> verdict = Chan.make(1);
        Go.go(() -> {
            for (int i = 0; i < INT_SLICE.size(); i++) {
                int index = i;
                String failure = select(
                        recv(
                                hb.results(),
                                r -> r.value().equals(INT_SLICE.get(index))
                                        ? null
                                        : "index " + index + ": expected " + INT_SLICE.get(index) + ", but received "
                                                + r.value()),
                        recv(clock.after(Duration.ofSeconds(1)), r -> seconds() + "s test timed out"));
                if (failure != null) {
                    verdict.send(failure);
                    return;
                }
            }
            verdict.send("ok");
        });
        driver.runUntil(() -> verdict.len() == 1);
        assertThat(verdict.receive().value()).isEqualTo("1s test timed out");
        done.close(); // Go's defer close(done); the worker wakes at 2 s and ends
        driver.advance(Duration.ofSeconds(1));
        assertThat(hb.results().receive().ok()).isFalse();
    }

    /** The good test: wait for the first pulse, then read every value with no timeout at all. */
    @Test
    void theGoodTestWaitsForTheFirstPulseThenReadsAllValues() throws InterruptedException {
        Heartbeat<Integer> hb = slowToStartWorker();
        Chan<List<Integer>> got = Chan.make(1);
        Chan<Long> firstPulse = Chan.make(1);
        Go.go(() -> {
            hb.heartbeat().receive();
            firstPulse.send(seconds());
            List<Integer> values = new ArrayList<>();
            hb.results().forEach(values::add);
            got.send(values);
        });
        driver.runUntil(() -> got.len() == 1);
        assertThat(firstPulse.receive().value()).isEqualTo(2);
        assertThat(got.receive().value()).isEqualTo(INT_SLICE);
    }

    /**
     * The good test of the interval {@code DoWork}: the worker sleeps 2 s, then pulses every
     * second while sending; the test waits for a pulse, then reads with a 2 s timeout that
     * never fires.
     */
    @Test
    void theGoodIntervalTestReadsAllValuesWithoutTimingOut() throws InterruptedException {
        Heartbeat<Integer> hb = Heartbeat.interval(done, TIMEOUT.dividedBy(2), clock, w -> {
            clock.sleep(Duration.ofSeconds(2));
            for (int n : INT_SLICE) {
                if (!w.send(n)) {
                    return;
                }
            }
        });
        Chan<String> verdict = Chan.make(1);
        Go.go(() -> {
            hb.heartbeat().receive();
            List<Integer> values = new ArrayList<>();
            while (true) {
                Selected s = select(recv(hb.results()), recv(hb.heartbeat()), recv(clock.after(TIMEOUT)));
                if (s.is(hb.results())) {
                    Received<Integer> r = s.received(hb.results());
                    if (!r.ok()) {
                        verdict.send(values.toString());
                        return;
                    }
                    values.add(r.value());
                } else if (!s.is(hb.heartbeat())) {
                    verdict.send("test timed out");
                    return;
                }
            }
        });
        driver.runUntil(() -> verdict.len() == 1);
        assertThat(verdict.receive().value()).isEqualTo(INT_SLICE.toString());
    }

    /** Pulses nobody reads are dropped: the heartbeat keeps the first, and the worker never blocks on it. */
    @Test
    void aWaitingWorkerPulsesEveryIntervalAndDropsUnreadPulses() throws InterruptedException {
        Heartbeat<Integer> hb = Heartbeat.interval(done, Duration.ofSeconds(1), clock, w -> w.receive(Chan.nil()));
        driver.advance(Duration.ofSeconds(3));
        assertThat(hb.heartbeat().tryReceive()).isEqualTo(Received.of(t0.plusSeconds(1)));
        assertThat(hb.heartbeat().tryReceive()).isNull();
        driver.advance(Duration.ofSeconds(1));
        assertThat(hb.heartbeat().tryReceive()).isEqualTo(Received.of(t0.plusSeconds(4)));
    }
}
