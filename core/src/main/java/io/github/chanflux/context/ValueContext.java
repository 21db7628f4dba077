package io.github.chanflux.context;

import io.github.chanflux.chan.RecvChan;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link Context#withValue}: Go's {@code valueCtx}, one key-value pair over its parent. */
class ValueContext<T> implements Context {

    final Context parent;
    final Key<T> key;
    final T value;

    ValueContext(Context parent, Key<T> key, T value) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public RecvChan<Void> done() {
        return parent.done();
    }

    @Override
    public Exception err() {
        return parent.err();
    }

    @Override
    public <V> Optional<V> value(Key<V> k) {
        return Values.lookup(this, k);
    }

    @Override
    public String toString() {
        return parent + ".WithValue(" + key + ", " + value + ")";
    }
}
