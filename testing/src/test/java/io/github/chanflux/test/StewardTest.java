package io.github.chanflux.test;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;
import static io.github.chanflux.pattern.Steward.newSteward;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.pattern.StartGoroutineFn;
import io.github.chanflux.time.FakeClock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The steward of 5.6 on fake time: the book's two programs, and the loop's edge cases. */
class StewardTest {

    private static final Duration FOUR_SECONDS = Duration.ofSeconds(4);

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private final Chan<Void> done = Chan.make();

    @AfterEach
    void halt() {
        if (done.tryReceive() == null) {
            done.close();
        }
    }

    /** Go's {@code log.Println} with the fake time, in milliseconds since the start, as the timestamp. */
    private void log(String line) {
        log.add(Duration.between(t0, clock.now()).toMillis() + "ms " + line);
    }

    private List<String> lines() {
        return new ArrayList<>(log);
    }

    /** The book's irresponsible ward: says hello, never pulses, halts when told. */
    private RecvChan<?> irresponsible(RecvChan<?> wardDone, Duration pulseInterval) {
        log("ward: Hello, I'm irresponsible!");
        Go.go(() -> {
            wardDone.receive();
            log("ward: I am halting.");
        });
        return Chan.nil();
    }

    /**
     * A ward that pulses every {@code pulseInterval} until told to stop, on a heartbeat with a
     * buffer of one as in 5.3, so no pulse is lost while the steward is busy.
     */
    private RecvChan<?> responsible(RecvChan<?> wardDone, Duration pulseInterval) {
        log("ward: Hello, I'm responsible!");
        Chan<Instant> heartbeat = Chan.make(1);
        Go.go(() -> {
            try (Ticker pulse = clock.newTicker(pulseInterval)) {
                while (true) {
                    Selected s = select(recv(pulse.c()), recv(wardDone));
                    if (s.is(wardDone)) {
                        return;
                    }
                    heartbeat.trySend(s.received(pulse.c()).value());
                }
            }
        });
        return heartbeat;
    }

    /** Reads {@code heartbeat} until it closes (Go's {@code for range heartbeat {}}), then logs "Done". */
    private Thread rangeOver(RecvChan<?> heartbeat) {
        return Go.go(() -> {
            heartbeat.forEach(pulse -> {});
            log("Done");
        });
    }

    /**
     * The book's run: timeout 4 s, halted at 9 s. The steward restarts the ward at 4 s and 8 s;
     * each restart logs the steward's line first, then the new ward's hello and the old ward's
     * halt (these two race, in Go too); at 9 s main halts everything.
     */
    @Test
    void anIrresponsibleWardIsRestartedEveryTimeoutUntilTheStewardIsHalted() throws InterruptedException {
        StartGoroutineFn doWorkWithSteward = newSteward(FOUR_SECONDS, this::irresponsible, clock, this::log);
        clock.afterFunc(Duration.ofSeconds(9), () -> {
            log("main: halting steward and ward.");
            done.close();
        });
        Thread main = rangeOver(doWorkWithSteward.start(done, FOUR_SECONDS));
        driver.runUntil(() -> !main.isAlive() && log.size() == 10);

        List<String> lines = lines();
        assertThat(lines.get(0)).isEqualTo("0ms ward: Hello, I'm irresponsible!");
        for (int at : new int[] {4000, 8000}) {
            int first = at == 4000 ? 1 : 4;
            assertThat(lines.get(first)).isEqualTo(at + "ms steward: ward unhealthy; restarting");
            assertThat(lines.subList(first + 1, first + 3))
                    .containsExactlyInAnyOrder(
                            at + "ms ward: Hello, I'm irresponsible!", at + "ms ward: I am halting.");
        }
        assertThat(lines.get(7)).isEqualTo("9000ms main: halting steward and ward.");
        assertThat(lines.subList(8, 10)).containsExactlyInAnyOrder("9000ms ward: I am halting.", "9000ms Done");
    }

    @Test
    void aWardThatPulsesIsNeverRestarted() throws InterruptedException {
        StartGoroutineFn steward = newSteward(FOUR_SECONDS, this::responsible, clock, this::log);
        Thread main = rangeOver(steward.start(done, FOUR_SECONDS));
        driver.advance(Duration.ofSeconds(60));
        done.close();
        driver.runUntil(() -> !main.isAlive());
        assertThat(lines()).containsExactly("0ms ward: Hello, I'm responsible!", "60000ms Done");
    }

    /** A closed heartbeat means the ward has ended: restarted after the timeout, the loop never spins. */
    @Test
    void aWardWhoseHeartbeatClosesIsRestartedAfterTheTimeout() throws InterruptedException {
        StartGoroutineFn ended = (wardDone, pulseInterval) -> {
            log("ward: ended");
            Chan<Object> heartbeat = Chan.make();
            heartbeat.close();
            return heartbeat;
        };
        StartGoroutineFn steward = newSteward(FOUR_SECONDS, ended, clock, this::log);
        clock.afterFunc(Duration.ofSeconds(9), done::close);
        Thread main = rangeOver(steward.start(done, Duration.ofHours(1)));
        driver.runUntil(() -> !main.isAlive());
        assertThat(lines())
                .containsExactly(
                        "0ms ward: ended",
                        "4000ms steward: ward unhealthy; restarting",
                        "4000ms ward: ended",
                        "8000ms steward: ward unhealthy; restarting",
                        "8000ms ward: ended",
                        "9000ms Done");
    }

    @Test
    void theStewardPulsesEveryPulseIntervalOnItsClock() throws InterruptedException {
        StartGoroutineFn steward = newSteward(FOUR_SECONDS, this::irresponsible, clock, line -> {});
        RecvChan<?> heartbeat = steward.start(done, Duration.ofSeconds(3));
        Chan<Long> pulsesAt = Chan.make(3);
        Go.go(() -> {
            for (int i = 0; i < 3; i++) {
                heartbeat.receive();
                pulsesAt.send(Duration.between(t0, clock.now()).toSeconds());
            }
        });
        driver.runUntil(() -> pulsesAt.len() == 3);
        assertThat(List.of(
                        pulsesAt.receive().value(),
                        pulsesAt.receive().value(),
                        pulsesAt.receive().value()))
                .containsExactly(3L, 6L, 9L);
    }

    /**
     * A steward is a {@link StartGoroutineFn}, so it can be a ward: the outer steward asks the
     * inner one to pulse every 5 s, so it never finds it unhealthy, while the inner one restarts
     * its irresponsible ward every 4 s.
     */
    @Test
    void stewardsNest() throws InterruptedException {
        List<String> outerLog = new ArrayList<>();
        StartGoroutineFn inner = newSteward(FOUR_SECONDS, this::irresponsible, clock, this::log);
        StartGoroutineFn outer = newSteward(Duration.ofSeconds(10), inner, clock, outerLog::add);
        Thread main = rangeOver(outer.start(done, Duration.ofHours(1)));
        driver.advance(Duration.ofSeconds(30));
        done.close();
        driver.runUntil(() -> !main.isAlive()
                && log.stream().filter(l -> l.contains("halting")).count() == 8);

        assertThat(outerLog).isEmpty();
        assertThat(lines().stream().filter(l -> l.contains("steward")))
                .containsExactly(
                        "4000ms steward: ward unhealthy; restarting",
                        "8000ms steward: ward unhealthy; restarting",
                        "12000ms steward: ward unhealthy; restarting",
                        "16000ms steward: ward unhealthy; restarting",
                        "20000ms steward: ward unhealthy; restarting",
                        "24000ms steward: ward unhealthy; restarting",
                        "28000ms steward: ward unhealthy; restarting");
        assertThat(lines().stream().filter(l -> l.contains("Hello"))).hasSize(8);
    }

    /** The book's {@code doWorkFn}: a ward factory and the bridged stream of all its wards' values. */
    private record WorkFn(StartGoroutineFn doWork, RecvChan<Integer> intStream) {}

    // spotless:off (the Go stays beside the Java it translates)
    /**
     * The book's {@code doWorkFn}, line by line: each ward sends its own stream on
     * {@code intChanStream}, then the values of {@code intList} over and over, pulsing while it
     * waits, and halts on a negative value; {@code bridge} joins the wards' streams into one.
     */
    private WorkFn doWorkFn(RecvChan<?> done, int... intList) {
        Chan<RecvChan<Integer>> intChanStream = Chan.make();
        RecvChan<Integer> intStream = Patterns.bridge(done, intChanStream);
        StartGoroutineFn doWork = (wardDone, pulseInterval) -> {
            Chan<Integer> ints = Chan.make();
            Chan<Instant> heartbeat = Chan.make();
            Go.go(() -> {
                try (ints) {                                                  // defer close(intStream)
                    if (!intChanStream.send(ints, wardDone)) {                // select { case intChanStream <- intStream: case <-done: return }
                        return;
                    }
                    try (Ticker pulse = clock.newTicker(pulseInterval)) {     // pulse := time.Tick(pulseInterval)
                        sendValues(wardDone, intList, ints, heartbeat, pulse);
                    }
                }
            });
            return heartbeat;
        };
        return new WorkFn(doWork, intStream);
    }

    /** The ward's {@code for { valueLoop: for _, intVal := range intList { … } }}. */
    private void sendValues(RecvChan<?> done, int[] intList, Chan<Integer> intStream, Chan<Instant> heartbeat,
                            Ticker pulse) throws InterruptedException {
        while (true) {
            valueLoop:
            for (int intVal : intList) {
                if (intVal < 0) {
                    log("negative value: " + intVal);
                    return;
                }
                while (true) {
                    Selected s = select(recv(pulse.c()), send(intStream, intVal), recv(done));
                    if (s.is(pulse.c())) {                                    // case <-pulse:
                        heartbeat.trySend(s.received(pulse.c()).value());     //     select { case heartbeat <- struct{}{}: default: }
                    } else if (s.is(intStream)) {                             // case intStream <- intVal:
                        continue valueLoop;                                   //     continue valueLoop
                    } else {                                                  // case <-done:
                        return;                                               //     return
                    }
                }
            }
        }
    }

    // spotless:on

    /**
     * The book's second program: wards emitting 1, 2, -1, 3, 4, 5 halt at -1; the steward
     * (timeout 1 ms) restarts each one, and the bridged stream reads 1, 2, 1, 2, 1, 2.
     */
    @Test
    void restartedWardsFeedOneBridgedStream() throws InterruptedException {
        WorkFn work = doWorkFn(done, 1, 2, -1, 3, 4, 5);
        StartGoroutineFn doWorkWithSteward = newSteward(Duration.ofMillis(1), work.doWork(), clock, this::log);
        doWorkWithSteward.start(done, Duration.ofHours(1));
        List<Integer> received = new ArrayList<>();
        Thread main = Go.go(() -> Patterns.take(done, work.intStream(), 6).forEach(received::add));
        driver.runUntil(() -> !main.isAlive());

        assertThat(received).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(lines())
                .containsExactly(
                        "0ms negative value: -1",
                        "1ms steward: ward unhealthy; restarting",
                        "1ms negative value: -1",
                        "2ms steward: ward unhealthy; restarting",
                        "2ms negative value: -1");
    }
}
