package io.github.chanflux.test;

import io.github.chanflux.go.GoLeak;
import java.time.Duration;
import java.util.Set;

/** Assertions about the goroutines started through {@link io.github.chanflux.go.Go}. */
public final class Goroutines {

    /** How long a goroutine may take to notice that it should stop before it counts as leaked. */
    public static final Duration LIVENESS = Duration.ofSeconds(10);

    private Goroutines() {}

    /**
     * Waits up to {@link #LIVENESS} for every goroutine to end, then fails with the names and
     * stacks of those still running: the check to make after a test cancels a pipeline, a
     * bridge or a subscription and wants to know its goroutines are gone.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static void assertAllEnded() throws InterruptedException {
        GoLeak.verifyNone(Set.of(), LIVENESS);
    }
}
