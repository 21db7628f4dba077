package io.github.chanflux.context;

import java.util.Objects;
import java.util.Optional;

/** {@link Context#withoutCancel}: Go's {@code withoutCancelCtx}, the parent's values only. */
final class WithoutCancelContext extends NeverCanceled implements Ancestors.Layer {

    final Context parent;

    WithoutCancelContext(Context parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
        return Values.lookup(this, key);
    }

    @Override
    public Context parent() {
        return parent;
    }

    @Override
    public String layer() {
        return ".WithoutCancel";
    }

    @Override
    public String toString() {
        return Ancestors.describe(this);
    }
}
