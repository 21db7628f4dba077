package io.github.chanflux.equivalence;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.test.Goroutines;
import java.util.ArrayList;
import java.util.List;

/** Helpers for running the channel form of a pattern to completion in a property. */
final class Channels {

    private Channels() {}

    /** Go's {@code for v := range c}, collected. */
    static <T> List<T> drain(RecvChan<T> c) {
        List<T> values = new ArrayList<>();
        c.forEach(values::add);
        return values;
    }

    /** A generator of {@code values} that ends when {@code done} closes. */
    @SuppressWarnings("unchecked")
    static <T> RecvChan<T> generate(RecvChan<?> done, List<T> values) {
        return Patterns.generator(done, (T[]) values.toArray());
    }

    /** Closes {@code done} if it is open. */
    static void close(Chan<?> done) {
        if (done.tryReceive() == null) {
            done.close();
        }
    }

    /** Joins every running goroutine and asserts that none is left. */
    static void assertAllEnded() throws InterruptedException {
        Goroutines.assertAllEnded();
    }
}
