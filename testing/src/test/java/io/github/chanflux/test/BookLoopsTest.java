package io.github.chanflux.test;

import static io.github.chanflux.chan.Select.orElse;
import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The book's for-select loops written with {@code select} next to the Go they translate: the
 * or-done loop (4.8) and the steward's monitor loop with its labelled {@code continue} (5.6),
 * the latter on fake time.
 */
class BookLoopsTest {

    // spotless:off (the Go stays beside the Java it translates)
    /** The or-done loop, line by line. */
    static <T> RecvChan<T> orDone(RecvChan<?> done, RecvChan<T> c) {
        Chan<T> valStream = Chan.make();                        // valStream := make(chan interface{})
        Go.go(() -> {                                           // go func() {
            try (valStream) {                                   //     defer close(valStream)
                while (true) {                                  //     for {
                    Selected s = select(recv(done), recv(c));   //         select {
                    if (s.is(done)) {                           //         case <-done:
                        return;                                 //             return
                    }                                           //         case v, ok := <-c:
                    Received<T> v = s.received(c);
                    if (!v.ok()) {                              //             if ok == false {
                        return;                                 //                 return
                    }                                           //             }
                    select(send(valStream, v.value()), recv(done)); // select { case valStream <- v: case <-done: }
                }                                               //         }
            }                                                   //     }
        });                                                     // }()
        return valStream;
    }
    // spotless:on

    @Test
    void theOrDoneLoopPassesEveryValueUntilItsInputCloses() {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> values = orDone(done, Patterns.generator(done, 1, 2, 3));
        List<Integer> got = new ArrayList<>();
        values.forEach(got::add);
        assertThat(got).containsExactly(1, 2, 3);
        done.close();
    }

    @Test
    void theOrDoneLoopStopsWhenDoneCloses() throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> values = orDone(done, Patterns.repeat(done, 7));
        assertThat(values.receive().value()).isEqualTo(7);
        done.close();
        while (values.receive().ok()) {
            // at most the value already in flight
        }
        Goroutines.assertAllEnded();
    }

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    private void log(String line) {
        log.add(Duration.between(t0, clock.now()).toSeconds() + "s " + line);
    }

    /** The book's irresponsible ward: says hello, never pulses, halts when told. */
    private RecvChan<Object> irresponsibleWard(RecvChan<?> done) {
        log("ward: Hello, I'm irresponsible!");
        Go.go(() -> {
            done.receive();
            log("ward: I am halting.");
        });
        return Chan.nil();
    }

    // spotless:off (the Go stays beside the Java it translates)
    /** The steward's goroutine, the monitor loop line by line. */
    private void steward(RecvChan<?> done, Duration timeout, Duration pulseInterval, Chan<Object> heartbeat)
            throws InterruptedException {
        try (heartbeat) {                                                   // defer close(heartbeat)
            Chan<Void> wardDone = Chan.make();                              // startWard()
            RecvChan<Object> wardHeartbeat = irresponsibleWard(Patterns.or(wardDone, done));
            RecvChan<Instant> pulse = clock.tick(pulseInterval);            // pulse := time.Tick(pulseInterval)
            monitorLoop:
            while (true) {                                                  // monitorLoop: for {
                RecvChan<Instant> timeoutSignal = clock.after(timeout);     //     timeoutSignal := time.After(timeout)
                while (true) {                                              //     for {
                    Selected s = select(recv(pulse), recv(wardHeartbeat),  //         select {
                            recv(timeoutSignal), recv(done));
                    if (s.is(pulse)) {                                      //         case <-pulse:
                        select(send(heartbeat, "pulse"), orElse());         //             select { case heartbeat <- struct{}{}: default: }
                    } else if (s.is(wardHeartbeat)) {                       //         case <-wardHeartbeat:
                        continue monitorLoop;                               //             continue monitorLoop
                    } else if (s.is(timeoutSignal)) {                       //         case <-timeoutSignal:
                        log("steward: ward unhealthy; restarting");         //             log.Println(...)
                        wardDone.close();                                   //             close(wardDone)
                        wardDone = Chan.make();                             //             startWard()
                        wardHeartbeat = irresponsibleWard(Patterns.or(wardDone, done));
                        continue monitorLoop;                               //             continue monitorLoop
                    } else {                                                //         case <-done:
                        return;                                             //             return
                    }                                                       //         }
                }                                                           //     }
            }                                                               // }
        }
    }

    // spotless:on

    /** The book's run: timeout 4 s, halted at 9 s; restarts at 4 s and 8 s, on fake time. */
    @Test
    void theStewardRestartsAnIrresponsibleWardEveryTimeoutUntilHalted() throws InterruptedException {
        FakeClockDriver driver = new FakeClockDriver(clock);
        Chan<Void> done = Chan.make();
        clock.afterFunc(Duration.ofSeconds(9), done::close);
        Chan<Object> heartbeat = Chan.make();
        Thread steward = Go.go(() -> steward(done, Duration.ofSeconds(4), Duration.ofSeconds(4), heartbeat));
        Thread reader = Go.go(() -> heartbeat.forEach(pulse -> {})); // for range heartbeat {}
        driver.runUntil(() -> !steward.isAlive() && !reader.isAlive() && log.size() == 8);
        List<String> lines = new ArrayList<>(log);
        assertThat(lines.subList(0, 1)).containsExactly("0s ward: Hello, I'm irresponsible!");
        assertThat(lines.subList(1, 4)).first().isEqualTo("4s steward: ward unhealthy; restarting");
        assertThat(lines.subList(1, 4))
                .containsExactlyInAnyOrder(
                        "4s steward: ward unhealthy; restarting",
                        "4s ward: Hello, I'm irresponsible!",
                        "4s ward: I am halting.");
        assertThat(lines.subList(4, 7)).first().isEqualTo("8s steward: ward unhealthy; restarting");
        assertThat(lines.subList(4, 7))
                .containsExactlyInAnyOrder(
                        "8s steward: ward unhealthy; restarting",
                        "8s ward: Hello, I'm irresponsible!",
                        "8s ward: I am halting.");
        assertThat(lines.get(7)).isEqualTo("9s ward: I am halting.");
    }
}
