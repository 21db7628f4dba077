package io.github.chanflux.context;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select;
import io.github.chanflux.go.Go;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Context#withCancel} and {@link Context#withCancelCause}: Go's {@code cancelCtx}, the
 * node of the cancellation tree that the timer and after-func contexts extend.
 *
 * <p>Design, as Go's: one lock per context guards its error, cause and set of cancelable
 * children. Cancelling sets the error, closes {@code done}, cancels the children while holding
 * the lock (so locks are always taken parent before child), then, outside the lock, removes
 * itself from its parent's set, so a long-lived parent does not keep finished children.
 * A parent of a foreign class is watched by a goroutine instead ({@link #propagateCancel}).
 */
class CancelContext implements CancelCauseContext {

    /** Finds the nearest cancel context up a tree: Go's {@code &cancelCtxKey}. */
    static final Key<CancelContext> KEY = Key.of("cancelCtxKey");

    final Context parent;
    final ReentrantLock lock = new ReentrantLock();
    private final Chan<Void> done = Chan.make();
    private Set<CancelContext> children;
    private Exception err;
    private Throwable cause;

    CancelContext(Context parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
    }

    static CancelContext create(Context parent) {
        CancelContext c = new CancelContext(parent);
        c.propagateCancel();
        return c;
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public RecvChan<Void> done() {
        return done;
    }

    @Override
    public Exception err() {
        lock.lock();
        try {
            return err;
        } finally {
            lock.unlock();
        }
    }

    /** The recorded cause, for {@link Context#cause}; null while not canceled. */
    Throwable cause() {
        lock.lock();
        try {
            return cause;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
        return Values.lookup(this, key);
    }

    @Override
    public void cancel(Throwable cause) {
        cancel(true, Context.CANCELED, cause);
    }

    /**
     * Go's {@code cancelCtx.cancel}: the first call closes {@code done}, records {@code err}
     * and {@code cause} (the error if null) and cancels the children; later calls do nothing.
     */
    void cancel(boolean removeFromParent, Exception err, Throwable cause) {
        lock.lock();
        try {
            if (this.err != null) {
                return;
            }
            this.err = err;
            this.cause = cause != null ? cause : err;
            done.close();
            if (children != null) {
                for (CancelContext child : children) {
                    child.cancel(false, err, this.cause);
                }
                children = null;
            }
        } finally {
            lock.unlock();
        }
        if (removeFromParent) {
            removeChild(parent, this);
        }
    }

    /** Whether this context has been canceled; call with {@link #lock} held. */
    boolean canceledLocked() {
        return err != null;
    }

    /**
     * Links this new context to its parent so the parent's cancellation reaches it: Go's
     * {@code propagateCancel}. A parent that is never canceled needs no link; one already done
     * cancels this at once; a package context adds this to its children; any other parent is
     * watched by a goroutine that ends when either is done.
     */
    final void propagateCancel() {
        RecvChan<Void> parentDone = parent.done();
        if (parentDone == Chan.<Void>nil()) {
            return;
        }
        if (parentDone.tryReceive() != null) {
            cancel(false, parentErr(), Context.cause(parent));
            return;
        }
        CancelContext p = parentCancelContext(parent);
        if (p != null) {
            p.lock.lock();
            try {
                if (p.err != null) {
                    cancel(false, p.err, p.cause);
                } else {
                    if (p.children == null) {
                        p.children = new HashSet<>();
                    }
                    p.children.add(this);
                }
            } finally {
                p.lock.unlock();
            }
            return;
        }
        Go.go("context.propagateCancel", () -> Select.<Void>select()
                .recv(parentDone, r -> {
                    cancel(false, parentErr(), Context.cause(parent));
                    return null;
                })
                .recv(done, r -> null)
                .run());
    }

    /** Removes {@code child} from the children of the context that links it: Go's {@code removeChild}. */
    static void removeChild(Context parent, CancelContext child) {
        CancelContext p = parentCancelContext(parent);
        if (p == null) {
            return;
        }
        p.lock.lock();
        try {
            if (p.children != null) {
                p.children.remove(child);
            }
        } finally {
            p.lock.unlock();
        }
    }

    /** How many canceled-with-me children are linked here; for the package's tests. */
    int childCount() {
        lock.lock();
        try {
            return children == null ? 0 : children.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return parent + ".WithCancel";
    }

    /** A foreign parent that broke the contract (done but no error) still cancels its children. */
    private Exception parentErr() {
        return Objects.requireNonNullElse(parent.err(), Context.CANCELED);
    }

    /**
     * The package context whose {@code done} is {@code parent.done()}, if any: Go's
     * {@code parentCancelCtx}. A foreign context wrapping a package context but replacing its
     * done channel does not count, as its cancellation is its own.
     */
    private static CancelContext parentCancelContext(Context parent) {
        RecvChan<Void> parentDone = parent.done();
        if (parentDone == Chan.<Void>nil()) {
            return null;
        }
        return parent.value(KEY).filter(p -> p.done == parentDone).orElse(null);
    }
}
