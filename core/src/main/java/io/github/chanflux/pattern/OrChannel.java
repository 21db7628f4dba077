package io.github.chanflux.pattern;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select;
import io.github.chanflux.go.Go;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The book's recursive or-channel (4.4); see {@link Patterns#or}. */
final class OrChannel {

    private OrChannel() {}

    static RecvChan<?> or(RecvChan<?>... given) {
        RecvChan<?>[] channels = given.clone(); // the goroutine reads them later: not the caller's array
        for (RecvChan<?> c : channels) {
            Objects.requireNonNull(c, "or: a channel is null");
        }
        switch (channels.length) {
            case 0:
                return Chan.nil();
            case 1:
                return channels[0];
            default:
                Chan<Void> orDone = Chan.make();
                Go.go(() -> {
                    try (orDone) {
                        awaitAny(channels, orDone);
                    }
                });
                return orDone;
        }
    }

    /**
     * {@code select { case <-channels[0]: case <-channels[1]: case <-channels[2]:
     * case <-or(append(channels[3:], orDone)...): }}; only the first two for two channels.
     */
    private static void awaitAny(RecvChan<?>[] channels, RecvChan<?> orDone) throws InterruptedException {
        List<Select.Case<Select.Selected, RuntimeException>> cases = new ArrayList<>(4);
        for (int i = 0; i < Math.min(3, channels.length); i++) {
            cases.add(Select.recv(channels[i]));
        }
        if (channels.length > 2) {
            RecvChan<?>[] rest = Arrays.copyOfRange(channels, 3, channels.length + 1);
            rest[rest.length - 1] = orDone;
            cases.add(Select.recv(or(rest)));
        }
        Select.select(cases);
    }
}
