package io.github.chanflux.pattern;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select;
import io.github.chanflux.go.Go;

import java.util.Arrays;
import java.util.Objects;

/** The book's recursive or-channel (4.4); see {@link Patterns#or}. */
final class OrChannel {

    private OrChannel() {
    }

    static RecvChan<?> or(RecvChan<?>... channels) {
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
        Select<Void> select = Select.select();
        for (int i = 0; i < Math.min(3, channels.length); i++) {
            select.recv(channels[i], r -> null);
        }
        if (channels.length > 2) {
            RecvChan<?>[] rest = Arrays.copyOfRange(channels, 3, channels.length + 1);
            rest[rest.length - 1] = orDone;
            select.recv(or(rest), r -> null);
        }
        select.run();
    }
}
