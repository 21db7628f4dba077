package io.github.chanflux.examples;

import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Runs a timed program on a fake clock driven by a {@link FakeClockDriver}, collecting what it prints. */
final class TimedRun {

    final FakeClock clock = new FakeClock();
    final FakeClockDriver driver = new FakeClockDriver(clock);
    final List<String> out = new CopyOnWriteArrayList<>();

    /** A timed program: prints through {@code out}, waits on {@code clock}. */
    @FunctionalInterface
    interface Program {
        void run(Consumer<String> out, Clock clock) throws Exception;
    }

    /** Runs {@code program} as a goroutine until it returns; its goroutines may still be ending. */
    List<String> run(Program program) throws InterruptedException {
        Thread main = Go.go(() -> program.run(out::add, clock));
        driver.runUntil(() -> !main.isAlive());
        return out;
    }
}
