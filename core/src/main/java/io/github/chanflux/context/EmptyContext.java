package io.github.chanflux.context;

import java.util.Optional;

/** {@link Context#background()} and {@link Context#todo()}: Go's {@code emptyCtx}. */
final class EmptyContext extends NeverCanceled {

    static final EmptyContext BACKGROUND = new EmptyContext("context.Background");
    static final EmptyContext TODO = new EmptyContext("context.TODO");

    private final String name;

    private EmptyContext(String name) {
        this.name = name;
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
