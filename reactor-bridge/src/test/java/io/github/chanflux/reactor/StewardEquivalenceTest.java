package io.github.chanflux.reactor;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.StartGoroutineFn;
import io.github.chanflux.pattern.Steward;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The channel form ({@link Steward}, goroutines on a fake clock) and the Reactor form
 * ({@link Supervisor}, on virtual time) over the same random wards (book 5.6): each ward pulses
 * a few times every half timeout, then goes silent; both restart it at the same instants until
 * halted.
 */
class StewardEquivalenceTest {

    private static final int TRIALS = 20;

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    @Test
    void channelAndReactorFormsRestartASilentWardAtTheSameInstants() throws InterruptedException {
        Random random = new Random(56);
        for (int trial = 0; trial < TRIALS; trial++) {
            Duration timeout = Duration.ofSeconds(1 + random.nextInt(4));
            int pulses = random.nextInt(4);
            Duration halt = Duration.ofMillis(1_000L * (5 + random.nextInt(15)) + 250);
            List<Long> channel = channelForm(timeout, pulses, halt);
            String trialName = "trial " + trial + ": timeout " + timeout + ", " + pulses + " pulses, halt at " + halt;
            assertThat(channel).as(trialName).isEqualTo(expected(timeout, pulses, halt));
            assertThat(reactorForm(timeout, pulses, halt)).as(trialName).isEqualTo(channel);
        }
    }

    /**
     * Every ward lives {@code pulses} half-timeouts, then one silent timeout: a restart every
     * {@code pulses * timeout / 2 + timeout}, until the halt.
     */
    private static List<Long> expected(Duration timeout, int pulses, Duration halt) {
        long period = timeout.dividedBy(2).multipliedBy(pulses).plus(timeout).toMillis();
        List<Long> restarts = new ArrayList<>();
        for (long t = period; t < halt.toMillis(); t += period) {
            restarts.add(t);
        }
        return restarts;
    }

    /** The instants, in milliseconds, at which the steward found its ward unhealthy. */
    private static List<Long> channelForm(Duration timeout, int pulses, Duration halt) throws InterruptedException {
        FakeClock clock = new FakeClock();
        Instant t0 = clock.now();
        FakeClockDriver driver = new FakeClockDriver(clock);
        List<Long> restarts = Collections.synchronizedList(new ArrayList<>());
        StartGoroutineFn ward = (wardDone, pulseInterval) -> pulseThenGoSilent(clock, wardDone, pulseInterval, pulses);
        StartGoroutineFn steward = Steward.newSteward(
                timeout,
                ward,
                clock,
                line -> restarts.add(Duration.between(t0, clock.now()).toMillis()));
        Chan<Void> done = Chan.make();
        clock.afterFunc(halt, done::close);
        RecvChan<?> heartbeat = steward.start(done, timeout);
        Thread reader = Go.go(() -> heartbeat.forEach(pulse -> {}));
        driver.runUntil(() -> !reader.isAlive());
        return List.copyOf(restarts);
    }

    private static RecvChan<?> pulseThenGoSilent(
            FakeClock clock, RecvChan<?> wardDone, Duration pulseInterval, int pulses) {
        Chan<Instant> heartbeat = Chan.make(1);
        Go.go(() -> {
            try (heartbeat;
                    Ticker ticker = clock.newTicker(pulseInterval)) {
                for (int i = 0; i < pulses; i++) {
                    if (select(recv(ticker.c()), recv(wardDone)).is(wardDone)) {
                        return;
                    }
                    heartbeat.trySend(clock.now());
                }
                wardDone.receive();
            }
        });
        return heartbeat;
    }

    private static List<Long> reactorForm(Duration timeout, int pulses, Duration halt) {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        List<Long> restarts = Collections.synchronizedList(new ArrayList<>());
        Disposable supervised = Supervisor.withHeartbeatTimeout(timeout)
                .maxRestarts(1_000, Duration.ofSeconds(1))
                .scheduler(vts)
                .onEvent(event -> {
                    if (event instanceof SupervisorEvent.Unhealthy) {
                        restarts.add(vts.now(TimeUnit.MILLISECONDS));
                    }
                })
                .supervise(() ->
                        Flux.interval(timeout.dividedBy(2), vts).take(pulses).concatWith(Flux.never()))
                .subscribe();
        vts.advanceTimeBy(halt);
        supervised.dispose();
        return List.copyOf(restarts);
    }
}
