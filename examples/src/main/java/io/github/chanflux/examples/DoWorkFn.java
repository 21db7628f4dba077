package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;
import static io.github.chanflux.pattern.Patterns.bridge;
import static io.github.chanflux.pattern.Patterns.take;
import static io.github.chanflux.pattern.Steward.newSteward;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.StartGoroutineFn;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.reactor.Supervisor;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * The book's {@code doWorkFn}, "Concurrency in Go" 5.6: a ward factory whose wards send the
 * values of {@code intList} over and over and halt on a negative one, each on a stream of its
 * own that {@code bridge} joins into one. Under a steward with a 1 ms timeout, each halted ward
 * is restarted, so the joined stream goes on:
 *
 * <pre>{@code
 * doWork, intStream := doWorkFn(done, 1, 2, -1, 3, 4, 5)
 * doWorkWithSteward := newSteward(1*time.Millisecond, doWork)
 * doWorkWithSteward(done, 1*time.Hour)
 * for intVal := range take(done, intStream, 6) {
 *     fmt.Printf("Received: %v\n", intVal)
 * }
 * }</pre>
 *
 * prints {@code Received: 1}, {@code 2}, {@code 1}, {@code 2}, {@code 1}, {@code 2}, with the
 * wards' {@code negative value: -1} log lines (time of day in UTC) between them.
 *
 * <p>Then the same with Reactor: each ward a flux of the values up to the negative one, silent
 * after it, under a {@link Supervisor} with a 1 ms heartbeat timeout; the supervised flux is the
 * bridged stream, read through {@code take(6)}.
 */
public final class DoWorkFn {

    private final StartGoroutineFn doWork;
    private final RecvChan<Integer> intStream;

    // spotless:off (the Go stays beside the Java it translates)
    /** The book's {@code doWorkFn(done, intList...)}: the ward factory and the bridged stream of its wards. */
    DoWorkFn(RecvChan<?> done, Clock clock, Consumer<String> log, int... intList) {
        Chan<RecvChan<Integer>> intChanStream = Chan.make();
        this.intStream = bridge(done, intChanStream);
        this.doWork = (wardDone, pulseInterval) -> {
            Chan<Integer> ints = Chan.make();
            Chan<Instant> heartbeat = Chan.make();
            Go.go(() -> {
                try (ints) {                                                  // defer close(intStream)
                    if (!intChanStream.send(ints, wardDone)) {                // select { case intChanStream <- intStream: case <-done: return }
                        return;
                    }
                    try (Ticker pulse = clock.newTicker(pulseInterval)) {     // pulse := time.Tick(pulseInterval)
                        sendValues(wardDone, intList, ints, heartbeat, pulse, log);
                    }
                }
            });
            return heartbeat;
        };
    }

    /** The ward's {@code for { valueLoop: for _, intVal := range intList { … } }}. */
    private static void sendValues(RecvChan<?> done, int[] intList, Chan<Integer> intStream, Chan<Instant> heartbeat,
                                   Ticker pulse, Consumer<String> log) throws InterruptedException {
        while (true) {
            valueLoop:
            for (int intVal : intList) {
                if (intVal < 0) {
                    log.accept("negative value: " + intVal);                  // log.Printf("negative value: %v\n", intVal)
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

    /** The book's program on {@code clock}: six values of restarted wards, through one stream. */
    static void overChannels(Consumer<String> out, Clock clock) throws InterruptedException {
        Consumer<String> log = StewardExample.log(out, clock);
        Chan<Void> done = Chan.make();
        try (done) {
            DoWorkFn fn = new DoWorkFn(done, clock, log, 1, 2, -1, 3, 4, 5);
            StartGoroutineFn doWorkWithSteward = newSteward(Duration.ofMillis(1), fn.doWork, clock, log);
            doWorkWithSteward.start(done, Duration.ofHours(1));
            for (int intVal : take(done, fn.intStream, 6)) {
                out.accept("Received: " + intVal);
            }
        }
    }

    /** The same with Reactor, the supervisor's timers on {@code clock}. */
    static void withReactor(Consumer<String> out, Clock clock) {
        Consumer<String> log = StewardExample.log(out, clock);
        Flux<Integer> ward = Flux.fromIterable(List.of(1, 2, -1, 3, 4, 5))
                .<Integer>handle((intVal, sink) -> {
                    if (intVal < 0) {
                        log.accept("negative value: " + intVal);
                        sink.complete();
                    } else {
                        sink.next(intVal);
                    }
                })
                .concatWith(Flux.never()); // a halted ward goes silent, so the heartbeat timeout restarts it
        Supervisor.withHeartbeatTimeout(Duration.ofMillis(1))
                .maxRestarts(Integer.MAX_VALUE, Duration.ofSeconds(1)) // the book's steward never gives up
                .scheduler(ClockScheduler.on(clock))
                .supervise(() -> ward)
                .take(6)
                .doOnNext(intVal -> out.accept("Received: " + intVal))
                .blockLast();
    }

    /** Both forms, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        overChannels(out, clock);
        out.accept("-- the same with Reactor --");
        withReactor(out, clock);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
