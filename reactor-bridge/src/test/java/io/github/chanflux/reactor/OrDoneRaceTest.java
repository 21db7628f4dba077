package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.orDone;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** or-done under real concurrency: {@code done} fires on one thread while values flow on another. */
class OrDoneRaceTest {

    private static final int TRIALS = 2_000;
    private static final int ELEMENTS = 1_000;

    /**
     * Every trial must see an unbroken prefix of the source, each value once and in order, then
     * exactly one end signal (completion, or {@code done}'s error when it fails), and nothing
     * after it; the source is cancelled unless it completed first.
     */
    @Test
    void doneRacingValuesEndsOnceAfterAnUnbrokenPrefix() throws InterruptedException {
        int failures = 0;
        int cut = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            boolean fail = trial % 2 == 1;
            Sinks.Empty<Void> done = Sinks.empty();
            AtomicInteger cancelled = new AtomicInteger();
            SignalCounter<Integer> collector = new SignalCounter<>();
            CountDownLatch flowing = new CountDownLatch(1);
            Flux.range(0, ELEMENTS)
                    .doOnNext(v -> flowing.countDown())
                    .doOnCancel(cancelled::incrementAndGet)
                    .subscribeOn(Schedulers.single())
                    .transform(orDone(done.asMono()))
                    .subscribe(collector);
            flowing.await();
            if (fail) {
                done.tryEmitError(new IllegalStateException("done failed"));
            } else {
                done.tryEmitEmpty();
            }
            assertThat(collector.ended.await(1, TimeUnit.MINUTES))
                    .as("trial %d ended", trial)
                    .isTrue();
            int n = collector.values.size();
            boolean prefix =
                    collector.values.equals(IntStream.range(0, n).boxed().toList());
            boolean rightEnd = n == ELEMENTS
                    || (fail ? collector.error instanceof IllegalStateException : collector.error == null);
            boolean endedRight = collector.ends() == 1 && collector.valuesAfterEnd.get() == 0 && rightEnd;
            boolean sourceStopped = n == ELEMENTS || cancelled.get() == 1;
            failures += prefix && endedRight && sourceStopped ? 0 : 1;
            cut += n < ELEMENTS ? 1 : 0;
        }
        assertThat(failures).as("failed trials of %d", TRIALS).isZero();
        assertThat(cut).as("trials where done cut the source short").isPositive();
    }
}
