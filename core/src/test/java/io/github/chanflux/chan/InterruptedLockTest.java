package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread whose interrupt status is set never spins on a channel lock without giving up its
 * carrier (reliability issue, item 1: such spinners starved the lock holder and stopped every
 * virtual thread in the JVM). Run in a child JVM with two carriers, so that a regression fails
 * this test instead of hanging the suite.
 */
class InterruptedLockTest {

    @Test
    void interruptedThreadsContendingForAChannelLockLetTheHolderRun() throws Exception {
        String out = ChildJvm.run(
                InterruptedLockStorm.class,
                Duration.ofMinutes(2),
                List.of("-Djdk.virtualThreadScheduler.parallelism=2", "-Djdk.virtualThreadScheduler.maxPoolSize=2"),
                "200",
                "4");
        assertThat(out).contains("ok: 200 rounds of 4 interrupted threads");
    }
}
