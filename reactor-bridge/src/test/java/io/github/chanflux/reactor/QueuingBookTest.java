package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.goStage;
import static io.github.chanflux.reactor.GoFlux.queue;
import static io.github.chanflux.reactor.GoFlux.queueBatched;
import static io.github.chanflux.reactor.GoFlux.repeat;
import static io.github.chanflux.reactor.GoFlux.stage;
import static io.github.chanflux.reactor.GoFlux.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The book's queuing example (4.11) in the Reactor form, on fake time: three values through a
 * stage that sleeps 1 s, then one that sleeps 4 s. Go: the short stage ends (hands over its
 * last value) at 9 s unbuffered and at 3 s with a buffer of 2; the pipeline ends at 13 s in
 * both. Each run records when each stage's values were taken by the stage after it.
 */
class QueuingBookTest {

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final List<Long> shortSent = new CopyOnWriteArrayList<>();
    private final List<Long> longSent = new CopyOnWriteArrayList<>();

    /** The book's {@code sleep} stage's work: wait {@code d}, pass the value on. */
    private Result.Step<Integer, Integer> sleep(Duration d) {
        return v -> {
            clock.sleep(d);
            return v;
        };
    }

    private Function<Integer, Integer> sleepInMap(Duration d) {
        return v -> Result.of(() -> sleep(d).apply(v)).orElseThrow();
    }

    private long seconds() {
        return Duration.between(t0, clock.now()).toSeconds();
    }

    /** Runs zeros, the short stage, {@code between}, the long stage; subscribed on a goroutine. */
    private void run(
            Function<Flux<Integer>, Flux<Integer>> shortStage,
            Function<Flux<Integer>, Flux<Integer>> between,
            Function<Flux<Integer>, Flux<Integer>> longStage)
            throws InterruptedException {
        Flux<Integer> pipeline = repeat(0)
                .transform(take(3))
                .transform(shortStage)
                .doOnNext(v -> shortSent.add(seconds()))
                .transform(between)
                .transform(longStage)
                .doOnNext(v -> longSent.add(seconds()));
        Thread consumer = Go.go(pipeline::blockLast);
        driver.runUntil(() -> !consumer.isAlive());
    }

    @Test
    void unbufferedGoStagesOverlapAsGoroutines() throws InterruptedException {
        run(goStage(sleep(Duration.ofSeconds(1))), Function.identity(), goStage(sleep(Duration.ofSeconds(4))));
        assertThat(shortSent).containsExactly(1L, 5L, 9L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }

    @Test
    void aQueueOfTwoLetsTheShortStageEndAtThreeSeconds() throws InterruptedException {
        run(goStage(sleep(Duration.ofSeconds(1))), queue(2), goStage(sleep(Duration.ofSeconds(4))));
        assertThat(shortSent).containsExactly(1L, 2L, 3L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }

    @Test
    void aQueueOnGoroutinesThenABlockingMapGivesTheSameFigures() throws InterruptedException {
        Scheduler goroutines = Schedulers.fromExecutor(task -> Go.go(task::run), true);
        run(goStage(sleep(Duration.ofSeconds(1))), queue(2, goroutines), stage(sleepInMap(Duration.ofSeconds(4))));
        assertThat(shortSent).containsExactly(1L, 2L, 3L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }

    @Test
    void aBatchedQueueAdmitsTheThirdValueOnlyWhenBothSlotsFreed() throws InterruptedException {
        run(
                goStage(sleep(Duration.ofSeconds(1))),
                queueBatched(2, Schedulers.immediate()),
                goStage(sleep(Duration.ofSeconds(4))));
        assertThat(shortSent).containsExactly(1L, 2L, 5L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }

    @Test
    void aMapLastStageAfterAGoStageStillOverlaps() throws InterruptedException {
        run(goStage(sleep(Duration.ofSeconds(1))), Function.identity(), stage(sleepInMap(Duration.ofSeconds(4))));
        assertThat(shortSent).containsExactly(1L, 5L, 9L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }

    @Test
    void mapStagesRunOneAfterTheOther() throws InterruptedException {
        run(stage(sleepInMap(Duration.ofSeconds(1))), Function.identity(), stage(sleepInMap(Duration.ofSeconds(4))));
        assertThat(shortSent).containsExactly(1L, 6L, 11L);
        assertThat(longSent).containsExactly(5L, 10L, 15L);
    }
}
