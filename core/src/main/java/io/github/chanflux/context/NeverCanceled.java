package io.github.chanflux.context;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.Instant;
import java.util.Optional;

/** A context that is never canceled and has no deadline: Go's {@code emptyCtx} methods. */
abstract class NeverCanceled implements Context {

    @Override
    public final Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public final RecvChan<Void> done() {
        return Chan.nil();
    }

    @Override
    public final Exception err() {
        return null;
    }
}
