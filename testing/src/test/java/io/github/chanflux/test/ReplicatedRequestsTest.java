package io.github.chanflux.test;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Replicas;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The book's replicated-requests program (5.4) on fake time: 10 handlers with a random simulated
 * load, the first answer is taken, the others see their context done and end.
 */
class ReplicatedRequestsTest {

    private static final int HANDLERS = 10;

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);

    @Test
    void theFastestHandlerWinsAndTheOthersSeeTheirContextDone() throws InterruptedException {
        Random rand = new Random(5_4);
        Duration[] load = new Duration[HANDLERS];
        Arrays.setAll(load, i -> Duration.ofMillis(1000 + rand.nextInt(4000))); // 1+rand.Intn(5) seconds, finer
        Map<Integer, Duration> took = new ConcurrentHashMap<>();
        Set<Integer> sawDone = ConcurrentHashMap.newKeySet();
        Chan<Integer> firstReturned = Chan.make(1);
        Go.go(() -> firstReturned.send(Replicas.first(
                Context.withClock(Context.background(), clock), HANDLERS, (ctx, id) -> {
                    Instant started = clock.now();
                    try {
                        select(recv(ctx.done()), recv(clock.after(load[id]))); // simulate random load
                    } finally {
                        took.put(id, Duration.between(started, clock.now()));
                        if (ctx.err() != null) {
                            sawDone.add(id);
                        }
                    }
                    return id;
                })));
        driver.runUntil(() -> firstReturned.len() == 1);
        int winner = firstReturned.receive().value();

        Duration fastest = Arrays.stream(load).min(Duration::compareTo).orElseThrow();
        assertThat(load[winner]).isEqualTo(fastest);
        assertThat(clock.now()).isEqualTo(t0.plus(fastest));
        assertThat(took).as("every handler ended before first returned").hasSize(HANDLERS);
        for (int id = 0; id < HANDLERS; id++) {
            if (load[id].compareTo(fastest) > 0) {
                assertThat(sawDone).as("handler %d, load %s", id, load[id]).contains(id);
                assertThat(took.get(id)).isEqualTo(fastest);
            }
        }
        assertThat(sawDone).doesNotContain(winner);
        Goroutines.assertAllEnded();
    }
}
