package io.github.chanflux.context;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link Context#withoutCancel}: Go's {@code withoutCancelCtx}, the parent's values only. */
final class WithoutCancelContext implements Context {

    final Context parent;

    WithoutCancelContext(Context parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
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
        return Values.lookup(this, key);
    }

    @Override
    public String toString() {
        return parent + ".WithoutCancel";
    }
}
