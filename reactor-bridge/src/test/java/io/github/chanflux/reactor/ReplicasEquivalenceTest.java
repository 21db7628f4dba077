package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The channel form ({@link io.github.chanflux.pattern.Replicas#first}, goroutines on a fake clock)
 * and the Reactor form ({@link Replicas#first}, on virtual time) over the same random loads (book
 * 5.4): the same replica wins, at the same instant, and every other replica is canceled.
 */
class ReplicasEquivalenceTest {

    private static final int TRIALS = 30;

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    @Test
    void channelAndReactorFormsPickTheSameWinnerAtTheSameTimeAndCancelTheRest() throws InterruptedException {
        Random random = new Random(54);
        for (int trial = 0; trial < TRIALS; trial++) {
            List<Duration> loads = distinctLoads(random, 1 + random.nextInt(10));
            assertThat(reactorForm(loads)).as("trial %d: %s", trial, loads).isEqualTo(channelForm(loads));
        }
    }

    /** Loads of 1 to 10 s in whole milliseconds, all different, so exactly one replica is fastest. */
    private static List<Duration> distinctLoads(Random random, int n) {
        List<Duration> loads = new ArrayList<>();
        while (loads.size() < n) {
            Duration d = Duration.ofMillis(1_000 + random.nextInt(9_000));
            if (!loads.contains(d)) {
                loads.add(d);
            }
        }
        return loads;
    }

    /** "#winner at millis, canceled k". */
    private static String channelForm(List<Duration> loads) throws InterruptedException {
        FakeClock clock = new FakeClock();
        Instant t0 = clock.now();
        Context ctx = Context.withClock(Context.background(), clock);
        FakeClockDriver driver = new FakeClockDriver(clock);
        AtomicInteger canceled = new AtomicInteger();
        Chan<String> result = Chan.make(1);
        Go.go(() -> {
            int winner = io.github.chanflux.pattern.Replicas.first(ctx, loads.size(), (c, id) -> {
                try {
                    clock.sleep(loads.get(id));
                } catch (InterruptedException e) {
                    canceled.incrementAndGet();
                    throw e;
                }
                return id;
            });
            result.send(
                    "#" + winner + " at " + Duration.between(t0, clock.now()).toMillis());
        });
        driver.runUntil(() -> result.len() == 1);
        return result.receive().value() + ", canceled " + canceled.get();
    }

    private static String reactorForm(List<Duration> loads) {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        AtomicInteger canceled = new AtomicInteger();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        StepVerifier.withVirtualTime(
                        () -> Replicas.first(
                                        loads.size(),
                                        id -> Mono.delay(loads.get(id), vts)
                                                .thenReturn(id)
                                                .doOnCancel(canceled::incrementAndGet))
                                .doOnNext(winner -> seen.add("#" + winner + " at " + vts.now(TimeUnit.MILLISECONDS))),
                        () -> vts,
                        Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(1)
                .verifyComplete();
        return seen.getFirst() + ", canceled " + canceled.get();
    }
}
