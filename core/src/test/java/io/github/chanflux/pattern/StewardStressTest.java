package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.pattern.Steward.newSteward;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Restarts racing pulses on the system clock: a steward with a 1 ms timeout over wards that
 * pulse a random number of times and then go silent, halted after its third restart. Each
 * trial checks the steward's bookkeeping, not its timing.
 */
class StewardStressTest {

    private static final int TRIALS = 300;
    private static final int RESTARTS = 3;

    @Test
    void everyRestartStopsTheOldWardFirstAndNoWardOutlivesTheHalt() throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            failures.addAll(trial(trial));
        }
        assertThat(failures)
                .as(failures.size() + " failures of " + TRIALS + " trials")
                .isEmpty();
    }

    /** One steward run with random pulses (seeded by {@code seed}); the broken expectations. */
    private static List<String> trial(long seed) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> failures = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger halted = new AtomicInteger();
        AtomicInteger restarts = new AtomicInteger();
        List<RecvChan<?>> wardDones = new ArrayList<>();
        Chan<Void> enough = Chan.make();
        StartGoroutineFn ward = (wardDone, pulseInterval) -> {
            if (!wardDones.isEmpty() && wardDones.getLast().tryReceive() == null) {
                failures.add(
                        "seed " + seed + ": ward " + wardDones.size() + " started before its predecessor was stopped");
            }
            wardDones.add(wardDone);
            started.incrementAndGet();
            return pulseThenGoSilent(wardDone, pulseInterval, random.nextInt(4), halted);
        };
        StartGoroutineFn steward = newSteward(Duration.ofMillis(1), ward, Clock.system(), line -> {
            if (restarts.incrementAndGet() == RESTARTS) {
                enough.close();
            }
        });

        Chan<Void> done = Chan.make();
        RecvChan<?> heartbeat = steward.start(done, Duration.ofNanos(100_000 + random.nextInt(900_000)));
        enough.receive();
        done.close();
        heartbeat.forEach(pulse -> {});
        Goroutines.assertAllEnded();

        if (started.get() != restarts.get() + 1) {
            failures.add("seed " + seed + ": " + started + " wards started for " + restarts + " restarts");
        }
        if (halted.get() != started.get()) {
            failures.add("seed " + seed + ": " + halted + " of " + started + " wards halted");
        }
        return failures;
    }

    /** A ward that pulses {@code pulses} times, then stays silent until its done closes. */
    private static RecvChan<?> pulseThenGoSilent(
            RecvChan<?> done, Duration pulseInterval, int pulses, AtomicInteger halted) {
        Chan<Instant> heartbeat = Chan.make(1);
        Go.go(() -> {
            try (Ticker pulse = Clock.system().newTicker(pulseInterval)) {
                for (int i = 0;
                        i < pulses && !select(recv(pulse.c()), recv(done)).is(done);
                        i++) {
                    heartbeat.trySend(Instant.now());
                }
            }
            done.receive();
            halted.incrementAndGet();
        });
        return heartbeat;
    }
}
