package io.github.chanflux.context;

import io.github.chanflux.chan.RecvChan;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Context#withValue}: Go's {@code valueCtx}, one key-value pair over its parent. Every
 * query walks up past the value layers in a loop ({@link Ancestors}), so chains of any depth work.
 */
class ValueContext<T> implements Context, Ancestors.Layer {

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
        return Ancestors.deadline(parent);
    }

    @Override
    public RecvChan<Void> done() {
        return Ancestors.skipValues(parent).done();
    }

    @Override
    public Exception err() {
        return Ancestors.skipValues(parent).err();
    }

    @Override
    public <V> Optional<V> value(Key<V> k) {
        return Values.lookup(this, k);
    }

    @Override
    public Context parent() {
        return parent;
    }

    @Override
    public String layer() {
        return ".WithValue(" + key + ", " + value + ")";
    }

    @Override
    public final String toString() {
        return Ancestors.describe(this);
    }
}
