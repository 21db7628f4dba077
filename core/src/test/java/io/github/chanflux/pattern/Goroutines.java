package io.github.chanflux.pattern;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.GoLeak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test helpers: drain a channel, and check that every goroutine a test started has ended. */
public final class Goroutines {

    /** How long a goroutine may take to notice its done channel before it counts as leaked. */
    private static final Duration LIVENESS = Duration.ofSeconds(10);

    private Goroutines() {}

    /**
     * Waits (bounded) for every goroutine to end, those started meanwhile included (a timer may
     * fire one after the others ended), and fails naming any left.
     */
    public static void assertAllEnded() throws InterruptedException {
        GoLeak.verifyNone(Set.of(), LIVENESS);
    }

    /** Every value of {@code c} until it closes: Go's {@code for v := range c}. */
    public static <T> List<T> drain(RecvChan<T> c) {
        List<T> values = new ArrayList<>();
        c.forEach(values::add);
        return values;
    }
}
