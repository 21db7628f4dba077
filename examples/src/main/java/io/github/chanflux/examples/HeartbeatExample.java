package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Heartbeat;
import io.github.chanflux.reactor.Beat;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.reactor.Heartbeats;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Heartbeats, "Concurrency in Go" 5.3, the book's three programs:
 * <ul>
 * <li>interval heartbeats: {@code doWork(done, pulseInterval)} makes a result every two pulse
 *     intervals (from {@code workGen}) and pulses every second while it waits; {@code done}
 *     closes after 10 s; {@code main} prints {@code pulse} and {@code results <second>} lines
 *     and gives up after 2 s of silence;</li>
 * <li>the same worker "panicking" after two turns of its loop: its pulses stop and {@code main}
 *     prints {@code worker goroutine is not healthy!} 2 s after its last sign (the book's run:
 *     {@code pulse}, {@code pulse}, then that line);</li>
 * <li>work-unit heartbeats: a pulse at the start of each of ten random numbers.</li>
 * </ul>
 * Then the interval program with Reactor: {@code Heartbeats.heartbeat} merges pulses and values
 * into one stream and pulses only after a second without an element, so its pulses fall between
 * the results rather than on every second.
 */
public final class HeartbeatExample {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HeartbeatExample() {}

    /** The book's interval {@code doWork}: the time of each {@code workGen} tick, sent as a result. */
    static Heartbeat<Instant> doWork(Chan<Void> done, Duration pulseInterval, Clock clock) {
        return Heartbeat.interval(done, pulseInterval, clock, w -> {
            try (Ticker workGen = clock.newTicker(pulseInterval.multipliedBy(2))) {
                for (Received<Instant> r = w.receive(workGen.c()); r.ok(); r = w.receive(workGen.c())) {
                    if (!w.send(r.value())) {
                        return;
                    }
                }
            }
        });
    }

    /**
     * The book's worker that "panics": its loop over {@code select { done, pulse, workGen }} runs
     * only twice, then it returns without closing its channels, so its pulses stop. Written out as
     * the book's is, because {@link Heartbeat.Worker#receive} keeps pulsing until an input comes.
     * At 2 s a pulse and a {@code workGen} tick come together and the select takes either; the
     * book's run took the pulse, so it printed no result. On a {@code FakeClock} the tick of
     * {@code workGen}, armed at 0 s, fires before the pulse re-armed at 1 s and is handed straight
     * to the waiting select: there the worker always sends {@code results 2} (with, at random, one
     * more pulse from {@code sendResult} before it) and then stops. Unlike the book's
     * {@code time.Tick}s, the tickers are stopped when the worker returns.
     */
    static Heartbeat<Instant> doWorkThatPanics(Chan<Void> done, Duration pulseInterval, Clock clock) {
        Chan<Instant> heartbeat = Chan.make();
        Chan<Instant> results = Chan.make();
        Go.go(() -> {
            try (Ticker pulse = clock.newTicker(pulseInterval);
                    Ticker workGen = clock.newTicker(pulseInterval.multipliedBy(2))) {
                for (int i = 0; i < 2; i++) { // the simulated panic
                    Selected s = select(recv(done), recv(pulse.c()), recv(workGen.c()));
                    if (s.is(done)) {
                        return;
                    } else if (s.is(pulse.c())) {
                        heartbeat.trySend(clock.now()); // sendPulse
                    } else {
                        Instant r = s.received(workGen.c()).value(); // sendResult(r):
                        while (select(recv(pulse.c()), send(results, r)).is(pulse.c())) {
                            heartbeat.trySend(clock.now());
                        }
                    }
                }
            }
        });
        return new Heartbeat<>(heartbeat, results);
    }

    /** The book's {@code main}: prints pulses and results until a channel closes or 2 s pass in silence. */
    static void read(Heartbeat<Instant> hb, Clock clock, Consumer<String> out) throws InterruptedException {
        while (true) {
            Selected s = select(recv(hb.heartbeat()), recv(hb.results()), recv(clock.after(TIMEOUT)));
            if (s.is(hb.heartbeat())) {
                if (!s.received(hb.heartbeat()).ok()) {
                    return;
                }
                out.accept("pulse");
            } else if (s.is(hb.results())) {
                Received<Instant> r = s.received(hb.results());
                if (!r.ok()) {
                    return;
                }
                out.accept("results " + second(r.value()));
            } else {
                out.accept("worker goroutine is not healthy!");
                return;
            }
        }
    }

    private static int second(Instant t) {
        return t.atOffset(ZoneOffset.UTC).getSecond();
    }

    /** The interval program: {@code done} closes after 10 s. */
    static void interval(Consumer<String> out, Clock clock) throws InterruptedException {
        Chan<Void> done = Chan.make();
        clock.afterFunc(Duration.ofSeconds(10), done::close);
        read(doWork(done, TIMEOUT.dividedBy(2), clock), clock, out);
    }

    /** The worker that stops pulsing: noticed 2 s after its last sign. */
    static void unhealthy(Consumer<String> out, Clock clock) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {
            read(doWorkThatPanics(done, TIMEOUT.dividedBy(2), clock), clock, out);
        }
    }

    /** The work-unit program: a pulse before each of ten numbers of {@code rand}. */
    static void workUnits(Consumer<String> out, Clock clock, Random rand) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {
            Heartbeat<Integer> hb = Heartbeat.workUnits(done, clock, w -> {
                for (int i = 0; i < 10; i++) {
                    w.pulse();
                    if (!w.send(rand.nextInt(10))) {
                        return;
                    }
                }
            });
            while (true) {
                Selected s = select(recv(hb.heartbeat()), recv(hb.results()));
                if (s.is(hb.heartbeat())) {
                    if (!s.received(hb.heartbeat()).ok()) {
                        return;
                    }
                    out.accept("pulse");
                } else {
                    Received<Integer> r = s.received(hb.results());
                    if (!r.ok()) {
                        return;
                    }
                    out.accept("results " + r.value());
                }
            }
        }
    }

    /** The interval program with Reactor: a value every 2 s for 10 s, a pulse after each idle second. */
    static void intervalWithReactor(Consumer<String> out, Clock clock) {
        Scheduler scheduler = ClockScheduler.on(clock);
        Flux.interval(TIMEOUT, scheduler)
                .map(tick -> clock.now())
                .take(Duration.ofSeconds(10), scheduler)
                .transform(Heartbeats.heartbeat(TIMEOUT.dividedBy(2), scheduler))
                .doOnNext(beat -> out.accept(
                        switch (beat) {
                            case Beat.Pulse<Instant> p -> "pulse";
                            case Beat.Value<Instant>(Instant r) -> "results " + second(r);
                        }))
                .blockLast();
    }

    /** The three programs, then the interval one with Reactor, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        out.accept("-- interval heartbeats --");
        interval(out, clock);
        out.accept("-- a worker that stops --");
        unhealthy(out, clock);
        out.accept("-- work-unit heartbeats --");
        workUnits(out, clock, new Random());
        out.accept("-- interval heartbeats with Reactor --");
        intervalWithReactor(out, clock);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
