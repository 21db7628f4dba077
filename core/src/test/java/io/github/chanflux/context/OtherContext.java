package io.github.chanflux.context;

import io.github.chanflux.chan.RecvChan;
import java.time.Instant;
import java.util.Optional;

/**
 * A context of a class the package does not know, delegating everything: Go's test
 * {@code otherContext}, for the code paths that depend on the parent's class.
 */
record OtherContext(Context delegate) implements Context {

    @Override
    public Optional<Instant> deadline() {
        return delegate.deadline();
    }

    @Override
    public RecvChan<Void> done() {
        return delegate.done();
    }

    @Override
    public Exception err() {
        return delegate.err();
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
        return delegate.value(key);
    }
}
