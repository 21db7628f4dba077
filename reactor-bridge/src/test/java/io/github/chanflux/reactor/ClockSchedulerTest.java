package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** {@link ClockScheduler}: Reactor's timed operators on a fake clock moved by hand or by a driver. */
class ClockSchedulerTest {

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final ClockScheduler scheduler = ClockScheduler.on(clock);
    private final List<String> log = new CopyOnWriteArrayList<>();

    private long millis() {
        return Duration.between(t0, clock.now()).toMillis();
    }

    private Runnable logs(String name) {
        return () -> log.add(name + " at " + millis());
    }

    @Test
    void nowReadsTheClock() {
        clock.advance(Duration.ofMillis(1500));
        assertThat(scheduler.now(TimeUnit.MILLISECONDS)).isEqualTo(t0.toEpochMilli() + 1500);
        assertThat(scheduler.now(TimeUnit.NANOSECONDS)).isEqualTo(t0.toEpochMilli() * 1_000_000 + 1_500_000_000L);
    }

    @Test
    void delayEmitsWhenTheClockReachesIt() {
        Mono.delay(Duration.ofSeconds(3), scheduler)
                .subscribe(v -> logs("delay").run());
        clock.advance(Duration.ofMillis(2999));
        assertThat(log).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(log).containsExactly("delay at 3000");
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void intervalTicksAtAFixedRateOnAFakeClockDriver() throws InterruptedException {
        FakeClockDriver driver = new FakeClockDriver(clock);
        Chan<List<Long>> ticks = Chan.make(1);
        Go.go(() -> ticks.send(Flux.interval(Duration.ofSeconds(1), scheduler)
                .map(i -> millis())
                .take(3)
                .collectList()
                .block()));
        driver.runUntil(() -> ticks.len() == 1);
        assertThat(ticks.receive().value()).containsExactly(1000L, 2000L, 3000L);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void timeoutFailsASilentSourceAtTheDeadline() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Mono.never().timeout(Duration.ofSeconds(2), scheduler).subscribe(v -> {}, errors::add);
        clock.advance(Duration.ofMillis(1999));
        assertThat(errors).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(errors).singleElement().isInstanceOf(TimeoutException.class);
    }

    @Test
    void timeoutLetsAnAnswerInTimeThroughAndStopsItsTimer() {
        Mono.delay(Duration.ofSeconds(1), scheduler)
                .timeout(Duration.ofSeconds(2), scheduler)
                .subscribe(v -> logs("answer").run(), e -> logs("error").run());
        assertThat(clock.pendingTimers()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(log).containsExactly("answer at 1000");
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void disposingADelayedTaskStopsItsTimer() {
        Disposable task = scheduler.schedule(logs("task"), 1, TimeUnit.SECONDS);
        assertThat(clock.pendingTimers()).isEqualTo(1);
        task.dispose();
        assertThat(clock.pendingTimers()).isZero();
        assertThat(task.isDisposed()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(log).isEmpty();
    }

    @Test
    void disposingAPeriodicTaskStopsItsNextRun() {
        Disposable task = scheduler.schedulePeriodically(logs("tick"), 0, 1, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(log).containsExactly("tick at 0", "tick at 1000");
        task.dispose();
        assertThat(clock.pendingTimers()).isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(log).hasSize(2);
    }

    @Test
    void disposingAWorkerStopsItsPendingTasksAndRejectsNewOnes() {
        Scheduler.Worker worker = scheduler.createWorker();
        worker.schedule(logs("once"), 1, TimeUnit.SECONDS);
        worker.schedulePeriodically(logs("tick"), 1, 1, TimeUnit.SECONDS);
        assertThat(clock.pendingTimers()).isEqualTo(2);
        worker.dispose();
        assertThat(worker.isDisposed()).isTrue();
        assertThat(clock.pendingTimers()).isZero();
        assertThatThrownBy(() -> worker.schedule(logs("late"))).isInstanceOf(RejectedExecutionException.class);
        clock.advance(Duration.ofSeconds(5));
        assertThat(log).isEmpty();
    }

    @Test
    void disposingTheSchedulerStopsEveryTaskAndWorker() {
        Scheduler.Worker worker = scheduler.createWorker();
        worker.schedule(logs("worker"), 1, TimeUnit.SECONDS);
        scheduler.schedule(logs("direct"), 1, TimeUnit.SECONDS);
        Mono.delay(Duration.ofSeconds(1), scheduler).subscribe();
        assertThat(clock.pendingTimers()).isEqualTo(3);
        scheduler.dispose();
        assertThat(scheduler.isDisposed()).isTrue();
        assertThat(worker.isDisposed()).isTrue();
        assertThat(clock.pendingTimers()).isZero();
        assertThatThrownBy(() -> scheduler.schedule(logs("late"))).isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduler.createWorker().isDisposed()).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(log).isEmpty();
    }

    @Test
    void aWorkerRunsItsTasksInFiringOrder() {
        Scheduler.Worker worker = scheduler.createWorker();
        worker.schedule(logs("c"), 2, TimeUnit.SECONDS);
        worker.schedule(logs("a"), 1, TimeUnit.SECONDS);
        worker.schedule(logs("b"), 1000, TimeUnit.MILLISECONDS);
        clock.advance(Duration.ofSeconds(2));
        assertThat(log).containsExactly("a at 1000", "b at 1000", "c at 2000");
        worker.dispose();
    }

    /**
     * A task fired while another task of the same worker runs waits for it: the clock fires the
     * first on a goroutine that advances it, the second at once on this thread.
     */
    @Test
    void aWorkerNeverRunsTwoTasksAtOnce() throws InterruptedException {
        Scheduler.Worker worker = scheduler.createWorker();
        Chan<Boolean> running = Chan.make();
        Chan<Void> release = Chan.make();
        worker.schedule(
                () -> {
                    log.add("first started");
                    try {
                        running.send(true);
                        release.receive();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    log.add("first ended");
                },
                1,
                TimeUnit.SECONDS);
        Thread advancer = Go.go(() -> clock.advance(Duration.ofSeconds(1)));
        running.receive();
        worker.schedule(() -> log.add("second"));
        assertThat(log).containsExactly("first started");
        release.close();
        advancer.join();
        assertThat(log).containsExactly("first started", "first ended", "second");
        worker.dispose();
    }

    @Test
    void aPeriodicTaskThatThrowsIsNotRunAgain() throws InterruptedException {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread runner = Go.go(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            scheduler.schedulePeriodically(
                    () -> {
                        logs("tick").run();
                        throw new IllegalStateException("boom");
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
        });
        runner.join();
        assertThat(log).containsExactly("tick at 0");
        assertThat(uncaught).singleElement().satisfies(e -> assertThat(e).hasMessage("boom"));
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void badArgumentsAreRejectedNamingThem() {
        assertThatThrownBy(() -> ClockScheduler.on(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("clock");
        assertThatThrownBy(() -> scheduler.schedule(null)).hasMessage("task");
        assertThatThrownBy(() -> scheduler.schedule(() -> {}, 1, null)).hasMessage("unit");
        assertThatThrownBy(() -> scheduler.schedulePeriodically(() -> {}, 0, 0, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period must be positive, got PT0S");
        assertThatThrownBy(() -> scheduler.createWorker().schedulePeriodically(() -> {}, 0, -1, TimeUnit.MILLISECONDS))
                .hasMessage("period must be positive, got PT-0.001S");
        assertThat(clock.pendingTimers()).isZero();
    }
}
