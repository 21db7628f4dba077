package io.github.chanflux.pattern;

import io.github.chanflux.chan.RecvChan;
import java.util.Objects;

/**
 * The two outputs of {@link Patterns#tee}: Go's {@code out1, out2 := tee(done, in)}. Both see
 * every value of the input, in order; both close when the input closes or {@code done} closes.
 *
 * @param out1 the first output
 * @param out2 the second output
 * @param <T> the element type
 */
public record Tee<T>(RecvChan<T> out1, RecvChan<T> out2) {

    /** Checks that both outputs are present. */
    public Tee {
        Objects.requireNonNull(out1, "out1");
        Objects.requireNonNull(out2, "out2");
    }
}
