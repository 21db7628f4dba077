package io.github.chanflux.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: drain a channel, and check that every goroutine a test started has ended. */
public final class Goroutines {

    /** How long a goroutine may take to notice its done channel before it counts as leaked. */
    private static final Duration LIVENESS = Duration.ofSeconds(10);

    private Goroutines() {}

    /** Joins every running goroutine and asserts that none is left. */
    public static void assertAllEnded() throws InterruptedException {
        for (Thread t : Go.running()) {
            t.join(LIVENESS);
        }
        assertThat(Go.running()).as("goroutines still running").isEmpty();
    }

    /** Every value of {@code c} until it closes: Go's {@code for v := range c}. */
    public static <T> List<T> drain(RecvChan<T> c) {
        List<T> values = new ArrayList<>();
        c.forEach(values::add);
        return values;
    }
}
