package io.github.chanflux.context;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.Instant;
import java.util.Optional;

/** {@link Context#background()} and {@link Context#todo()}: Go's {@code emptyCtx}. */
final class EmptyContext implements Context {

    static final EmptyContext BACKGROUND = new EmptyContext("context.Background");
    static final EmptyContext TODO = new EmptyContext("context.TODO");

    private final String name;

    private EmptyContext(String name) {
        this.name = name;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public RecvChan<Void> done() {
        return Chan.nil();
    }

    @Override
    public Exception err() {
        return null;
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
