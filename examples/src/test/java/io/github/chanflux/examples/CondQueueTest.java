package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CondQueue} on fake time: Go's {@code sync.Cond} as a lock and its condition, "Concurrency in Go" 3. */
class CondQueueTest {

    private static final String ADD = "Adding to queue";
    private static final String REMOVE = "Removed from queue";

    @Test
    void tenItemsPassThroughAQueueOfAtMostTwo() throws InterruptedException {
        TimedRun run = new TimedRun();
        List<String> out = List.copyOf(run.run(CondQueue::run));
        assertThat(out).hasSize(20).containsOnly(ADD, REMOVE);
        assertThat(out.subList(0, 2)).as("two adds before the first removal").containsExactly(ADD, ADD);
        assertThat(out.get(19)).isEqualTo(REMOVE);
        int size = 0;
        for (String line : out) {
            size += line.equals(ADD) ? 1 : -1;
            assertThat(size).as("items in the queue").isBetween(0, 2);
        }
        assertThat(size).isZero();
    }

    @Test
    void removalsTakeASecondSoTenItemsTakeFiveSeconds() throws InterruptedException {
        TimedRun run = new TimedRun();
        run.run(CondQueue::run);
        assertThat(Duration.between(FakeClock.EPOCH, run.clock.now())).isEqualTo(Duration.ofSeconds(5));
    }
}
