package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.Heartbeats.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Heartbeat;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The channel form ({@link Heartbeat#interval}) and the Reactor form ({@link Heartbeats#heartbeat})
 * over the same random work, on fake and virtual time: the same values at the same instants,
 * then the same completion. (Their pulses differ by design: the channel worker pulses only while
 * it waits to receive or send, the operator whenever the stream is idle.)
 */
class HeartbeatEquivalenceTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int TRIALS = 20;

    /** One unit of work: {@code gap} of work, then {@code value}. */
    private record Unit(Duration gap, int value) {}

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    @Test
    void channelAndReactorFormsDeliverTheSameValuesAtTheSameTimesAndComplete() throws InterruptedException {
        Random random = new Random(53);
        for (int trial = 0; trial < TRIALS; trial++) {
            List<Unit> work = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                work.add(new Unit(Duration.ofMillis(100L * random.nextInt(30)), random.nextInt(100)));
            }
            assertThat(reactorForm(work)).as("trial %d: %s", trial, work).isEqualTo(channelForm(work));
        }
    }

    /** "millis:value" per value, then "complete at millis". */
    private static List<String> channelForm(List<Unit> work) throws InterruptedException {
        FakeClock clock = new FakeClock();
        Instant t0 = clock.now();
        FakeClockDriver driver = new FakeClockDriver(clock);
        Chan<Void> done = Chan.make();
        Heartbeat<Integer> hb = Heartbeat.interval(done, INTERVAL, clock, w -> {
            for (Unit u : work) {
                clock.sleep(u.gap());
                if (!w.send(u.value())) {
                    return;
                }
            }
        });
        List<String> seen = new ArrayList<>();
        Thread reader = Go.go(() -> {
            for (Received<Integer> r = hb.results().receive();
                    r.ok();
                    r = hb.results().receive()) {
                seen.add(Duration.between(t0, clock.now()).toMillis() + ":" + r.value());
            }
            seen.add("complete at " + Duration.between(t0, clock.now()).toMillis());
        });
        driver.runUntil(() -> !reader.isAlive());
        done.close();
        return seen;
    }

    private static List<String> reactorForm(List<Unit> work) {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        List<String> seen = new ArrayList<>();
        Duration total = work.stream().map(Unit::gap).reduce(Duration.ZERO, Duration::plus);
        StepVerifier.withVirtualTime(
                        () -> Flux.fromIterable(work)
                                .concatMap(u -> Mono.delay(u.gap(), vts).thenReturn(u.value()))
                                .transform(heartbeat(INTERVAL, vts))
                                .<Integer>handle((beat, sink) -> {
                                    if (beat instanceof Beat.Value<Integer>(Integer v)) {
                                        sink.next(v);
                                    }
                                })
                                .doOnNext(v -> seen.add(vts.now(TimeUnit.MILLISECONDS) + ":" + v))
                                .doOnComplete(() -> seen.add("complete at " + vts.now(TimeUnit.MILLISECONDS))),
                        () -> vts,
                        Long.MAX_VALUE)
                .thenAwait(total)
                .thenConsumeWhile(beat -> true)
                .verifyComplete();
        return seen;
    }
}
