package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.util.Objects;

/**
 * The book's tee (4.9), see {@link Patterns#tee}:
 * <pre>{@code
 * for val := range orDone(done, in) {
 *     var out1, out2 = out1, out2
 *     for i := 0; i < 2; i++ {
 *         select {
 *         case <-done:
 *         case out1 <- val: out1 = nil
 *         case out2 <- val: out2 = nil
 *         }
 *     }
 * }
 * }</pre>
 * Setting a local copy to the nil channel disables that case once its output took the value.
 */
final class TeeLoop {

    private static final int DONE = 0;
    private static final int FIRST = 1;
    private static final int SECOND = 2;

    private TeeLoop() {}

    static <T> Tee<T> tee(RecvChan<?> done, RecvChan<T> in) {
        Objects.requireNonNull(in, "in");
        RecvChan<T> values = Patterns.orDone(done, in);
        Chan<T> out1 = Chan.make();
        Chan<T> out2 = Chan.make();
        Go.go(() -> {
            try (out1;
                    out2) {
                for (Received<T> r = values.receive(); r.ok(); r = values.receive()) {
                    sendToBoth(done, out1, out2, r.value());
                }
            }
        });
        return new Tee<>(out1, out2);
    }

    private static <T> void sendToBoth(RecvChan<?> done, Chan<T> out1, Chan<T> out2, T val)
            throws InterruptedException {
        Chan<T> first = out1;
        Chan<T> second = out2;
        for (int i = 0; i < 2; i++) {
            int chosen = select(recv(done, r -> DONE), send(first, val, () -> FIRST), send(second, val, () -> SECOND));
            if (chosen == FIRST) {
                first = Chan.nil();
            } else if (chosen == SECOND) {
                second = Chan.nil();
            }
        }
    }
}
