package io.github.chanflux.context;

import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Context#afterFunc}: Go's {@code afterFuncCtx}, a hidden child of the context that
 * starts {@code f} on a goroutine when it is canceled. {@code once} settles the race between
 * the context being done and {@link Stop#stop()}: whichever claims it first wins.
 */
final class AfterFuncContext extends CancelContext {

    private final Runnable f;
    private final AtomicBoolean once = new AtomicBoolean();

    private AfterFuncContext(Context ctx, Runnable f) {
        super(ctx);
        this.f = f;
    }

    static Stop create(Context ctx, Runnable f) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(f, "f");
        AfterFuncContext a = new AfterFuncContext(ctx, f);
        a.propagateCancel();
        return a::stop;
    }

    @Override
    void onCancel() {
        if (once.compareAndSet(false, true)) {
            Go.go("context.AfterFunc", f::run);
        }
    }

    private boolean stop() {
        if (!once.compareAndSet(false, true)) {
            return false;
        }
        cancel(true, Context.CANCELED, null);
        return true;
    }
}
