package io.github.chanflux.context;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Context#withCancel} and {@link Context#withCancelCause}: Go's {@code cancelCtx}, the
 * node of the cancellation tree that the timer and after-func contexts extend.
 *
 * <p><b>Design.</b> Go guards a context's error, cause and children with one mutex and cancels
 * the children while holding it. Here no lock is taken at all, so a Reactor thread never parks
 * on a context (reads, links and cancels are a few compare-and-sets):
 * <ul>
 * <li>{@code state}, the error and cause together, is set once by the compare-and-set that
 *     wins the cancellation ({@link #claim}; before it, {@code state} may say the context is
 *     rooted, see "Links on demand"); it decides what this context and its descendants report. Whoever finds it set and {@code done} possibly open closes {@code done} before
 *     answering ({@link #settled}), so {@code err() != null} exactly when {@code done} is closed,
 *     and a losing {@code cancel()} returns with this context done, as in Go.
 * <li>{@code children} is a lock-free stack threaded through the children's own
 *     {@code sibling} fields (no node, no table: walking it is what a cancellation spends its
 *     time on). A child links by pushing itself, then re-reading the parent's {@code state}; a
 *     cancellation sets {@code state}, then takes the whole stack, leaving {@link #DEAD} on it
 *     so that nothing is pushed after (Go sets {@code children = nil}). By the order of
 *     volatile accesses one of them sees the other: either the walk finds the child or the
 *     linker sees the cancellation and cancels the child itself ({@link #link}). Every child
 *     linked before the cancellation is on the stack the walk takes.
 * <li>A cancellation walks the subtree in a loop with an explicit stack, depth first, so trees
 *     of any depth work: each child whose {@code state} it claims gets the same error and cause,
 *     has its {@code done} closed and its children walked; a child claimed by a racing cancel is
 *     left to that cancel, whose walk finishes it.
 * <li>A child canceled on its own leaves its parent's stack lazily, where Go deletes it from a
 *     map: it counts itself out ({@link #childLeft}), and once more children have left than
 *     were kept by the last sweep (at least {@value #SWEEP_AFTER}), the one that counts past that
 *     sweeps: it unlinks the canceled children below the top in place, one sweep at a time
 *     ({@link #sweep}). A sweep never holds the stack, so a walk running meanwhile sees every
 *     child still linked; the two only ever skip canceled children. So a long-lived parent
 *     holds about its live children plus at most {@code max(16, kept)} canceled ones (and the
 *     canceled top), and leaving costs one atomic add plus an amortized share of a sweep. A
 *     canceled child keeps its {@code sibling} link, since a walk may be standing on it.
 * </ul>
 * A parent of a foreign class is watched by a goroutine instead ({@link #propagateCancel}).
 *
 * <p><b>Links on demand.</b> Go links every child to its parent when it is made. Here a
 * {@code withCancel} child of a package cancel context ({@code up}) links only when something
 * first watches it ({@link #done()}, which a child of its own, {@code afterFunc} or a select
 * calls). Until it is rooted ({@code state} is {@link #ROOTED}: pushed onto {@code up}, and
 * {@code up} rooted, so every cancellation above now reaches it by walks), {@link #err()},
 * {@link Context#cause} and {@code cancel()} read a cancellation from the ancestors up to the
 * nearest rooted one on demand, taking it as their own exactly as the parent's walk would have;
 * a cancellation taken on demand is set only from null, so it never wins over the walk of a
 * context rooted meanwhile. The first
 * {@code done()} roots the chain top-down ({@link #root}): each link is claimed by one thread
 * ({@code linking}), and {@code done()} returns only once every link is made, waiting for one
 * another thread is making (a push: a few instructions). So a context that is made, checked and canceled
 * without being watched (the common short-lived case) costs no link and no channel, and what
 * every method reports is the same as in Go. Its {@code done} channel is made lazily too, as Go
 * makes it; a context canceled before anyone asked for it shares one closed channel (Go's
 * {@code closedchan}).
 *
 * <p>Two differences from Go remain. When cancels of one branch race, a {@code cancel()}
 * returns once its own context and the descendants it claimed are done; those claimed by the
 * racing cancel are done when that cancel's walk ends (Go's cancels wait for each other on the
 * locks instead). And when an ancestor's own cancel races one further up, a reader of a context
 * not yet rooted may take the one further up while the ancestor keeps its own (Go gives the two
 * the same). Without such a race every descendant is done when {@code cancel()}
 * returns, as in Go, whatever other children link or leave meanwhile. And a child canceled on
 * its own stays reachable from its parent until the next sweep (see above), where Go drops it
 * at once.
 */
class CancelContext implements CancelCauseContext, Ancestors.Layer {

    /** Finds the nearest cancel context up a tree: Go's {@code &cancelCtxKey}. */
    static final Key<CancelContext> KEY = Key.of("cancelCtxKey");

    private static final VarHandle STATE;
    private static final VarHandle CHILDREN;
    private static final VarHandle SIBLING;
    private static final VarHandle LEFT;
    private static final VarHandle SWEEPING;
    private static final VarHandle DONE;
    private static final VarHandle LINKING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CancelContext.class, "state", Object.class);
            CHILDREN = lookup.findVarHandle(CancelContext.class, "children", CancelContext.class);
            SIBLING = lookup.findVarHandle(CancelContext.class, "sibling", CancelContext.class);
            LEFT = lookup.findVarHandle(CancelContext.class, "left", int.class);
            SWEEPING = lookup.findVarHandle(CancelContext.class, "sweeping", boolean.class);
            DONE = lookup.findVarHandle(CancelContext.class, "done", Chan.class);
            LINKING = lookup.findVarHandle(CancelContext.class, "linking", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Why a context was canceled: Go's {@code err} and {@code cause}, shared down a walk. */
    private record Cancellation(Exception err, Throwable cause) {}

    /** {@code state} of a context rooted and not canceled. */
    private static final Object ROOTED = new Object();

    /** The done channel of every context canceled before its own was asked for: Go's closedchan. */
    private static final Chan<Void> CLOSED = closedChannel();

    final Context parent;
    /**
     * Made by the first {@link #done()}, or {@link #CLOSED} if canceled before; closed once,
     * after {@code state} is set; closing is idempotent ({@link #closeDone}).
     */
    private volatile Chan<Void> done;
    /**
     * The package cancel context this one derives from and links to on demand (see "Links on
     * demand"); null for a child of any other parent, linked when made.
     */
    private final CancelContext up;
    /** Whether a thread has claimed the link to {@code up}: one makes it, the others wait. */
    private volatile boolean linking;
    /**
     * Null; then {@link #ROOTED} once every cancellation above reaches this context by walks
     * (see "Links on demand"); then, from the first cancel's compare-and-set, the
     * {@link Cancellation}, which never changes. One word, so that a cancellation taken on demand
     * (from null only) cannot win over the walk of a context rooted meanwhile.
     */
    private volatile Object state;
    /** Whether {@code done} is known closed: spares readers the channel once it is. */
    private volatile boolean closed;
    /** Children may leave this many times before the stack is swept, or as many as were kept. */
    static final int SWEEP_AFTER = 16;

    /**
     * The bottom of the stack of a canceled context: a walk leaves it there, and a linker that
     * finds it pushes nothing (the parent is canceled; it cancels its child itself).
     */
    private static final CancelContext DEAD = new CancelContext(Context.background());

    /** The last child linked, the top of the stack of children to cancel with this one. */
    private volatile CancelContext children;
    /**
     * The next child down the stack of this one's parent: set before the push publishes it, then
     * changed only by a sweep, which bypasses canceled children ({@code SIBLING}, release and
     * acquire, so a walk reading it meanwhile sees either link, each a whole chain).
     */
    private CancelContext sibling;
    /** Children that left since the last sweep; a hint, so a lost count only delays a sweep. */
    private volatile int left;
    /** How many children the last sweep kept (a hint, like {@code left}). */
    private volatile int kept;
    /** Whether a sweep of this one's stack is running: one at a time. */
    private volatile boolean sweeping;

    /** A context linked when made: the caller runs {@link #propagateCancel} next. */
    CancelContext(Context parent) {
        this(parent, null);
    }

    private CancelContext(Context parent, CancelContext up) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.up = up;
    }

    /** {@code withCancel}: links to a package cancel context on demand, to any other at once. */
    static CancelContext create(Context parent) {
        if (parent instanceof CancelContext p) {
            return new CancelContext(parent, p);
        }
        CancelContext c = new CancelContext(parent);
        c.propagateCancel();
        return c;
    }

    @Override
    public Optional<Instant> deadline() {
        return Ancestors.deadline(parent);
    }

    /** Makes the channel on the first call, and roots this context if it is not yet. */
    @Override
    public RecvChan<Void> done() {
        Chan<Void> d = done;
        if (d != null && (state == ROOTED || closed)) {
            return d; // rooted, or canceled with its channel closed
        }
        if (d == null) {
            DONE.compareAndSet(this, null, Chan.<Void>make());
        }
        root();
        settled(); // a cancellation up the tree that happened before the link closes it now
        return done;
    }

    /** Never blocks: one volatile read while not canceled. */
    @Override
    public Exception err() {
        Cancellation s = settled();
        return s == null ? null : s.err;
    }

    /** The recorded cause, for {@link Context#cause}; null while not canceled. Never blocks. */
    Throwable cause() {
        Cancellation s = settled();
        return s == null ? null : s.cause;
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
     * Go's {@code cancelCtx.cancel}: the first call records {@code err} and {@code cause} (the
     * error if null), closes {@code done} and cancels the descendants; a later call only makes
     * sure {@code done} is closed before it returns.
     */
    void cancel(boolean removeFromParent, Exception err, Throwable cause) {
        Cancellation had = current(); // its own (then the claim fails) or one found above, already this one's
        Cancellation s = had != null ? had : new Cancellation(err, cause != null ? cause : err);
        if (!claim(s)) {
            settled();
            return;
        }
        cancelTree(s);
        if (!removeFromParent) {
            return;
        }
        if (up != null) {
            if (linking) { // pushed, or about to be: a push that finds it canceled counts it too
                up.childLeft();
            }
            return;
        }
        CancelContext p = parentCancelContext(parent, parent.done());
        if (p != null) {
            p.childLeft();
        }
    }

    /**
     * What a subclass does once, when this context is canceled: stop a timer, start a function.
     * Runs on the canceling thread after {@code done} is closed; must not block.
     */
    void onCancel() {}

    /** Whether this context has been canceled; {@code done} may be about to close. */
    final boolean isCanceled() {
        return current() != null;
    }

    /**
     * Links this new context to its parent so the parent's cancellation reaches it: Go's
     * {@code propagateCancel}. A parent that is never canceled needs no link; a package context
     * adds this to its children ({@link #link}); any other parent already done cancels this at
     * once, else is watched by a goroutine that ends when either is done. Then it is rooted.
     */
    final void propagateCancel() {
        try {
            watchParent();
        } finally {
            STATE.compareAndSet(this, null, ROOTED);
        }
    }

    private void watchParent() {
        RecvChan<Void> parentDone = parent.done();
        if (parentDone == Chan.<Void>nil()) {
            return;
        }
        CancelContext p = parentCancelContext(parent, parentDone);
        if (p != null) {
            p.link(this);
            return;
        }
        if (parentDone.tryReceive() != null) {
            cancel(false, parentErr(), Context.cause(parent));
            return;
        }
        RecvChan<Void> mine = done();
        Go.go(
                "context.propagateCancel",
                () -> select(
                        recv(parentDone, r -> {
                            cancel(false, parentErr(), Context.cause(parent));
                            return null;
                        }),
                        recv(mine, r -> null)));
    }

    /**
     * How many children not yet canceled are linked here; for the package's tests, read while
     * nothing links or cancels.
     */
    int childCount() {
        int n = 0;
        for (CancelContext c = children; c != null && c != DEAD; c = c.sibling) {
            n += c.cancellation() == null ? 1 : 0;
        }
        return n;
    }

    /** How many children the stack holds, canceled ones not yet swept included; for tests. */
    int heldCount() {
        int n = 0;
        for (CancelContext c = children; c != null && c != DEAD; c = c.sibling) {
            n++;
        }
        return n;
    }

    @Override
    public Context parent() {
        return parent;
    }

    @Override
    public String layer() {
        return ".WithCancel";
    }

    @Override
    public final String toString() {
        return Ancestors.describe(this);
    }

    /** Sets the cancellation, rooted or not; false if this context is canceled already. */
    private boolean claim(Cancellation s) {
        for (Object st = state; !(st instanceof Cancellation); st = state) {
            if (STATE.compareAndSet(this, st, s)) {
                return true;
            }
        }
        return false;
    }

    /** The cancellation; null while not canceled. */
    private Cancellation cancellation() {
        return state instanceof Cancellation c ? c : null;
    }

    /**
     * The cancellation, once {@code done} is closed (closing it if the canceler has not yet); a
     * cancellation found above ({@link #current}) is taken as this context's first, on demand:
     * set only from null, so never once this context is rooted (the walk under way brings it).
     */
    private Cancellation settled() {
        Cancellation s = current();
        if (s == null) {
            return null;
        }
        if (state == null && STATE.compareAndSet(this, null, s)) {
            cancelTree(s);
        }
        s = cancellation();
        if (s == null) {
            return null; // rooted meanwhile
        }
        closeDone();
        return s;
    }

    /** This context's cancellation: its own, else (while not rooted) one found above. */
    private Cancellation current() {
        Object st = state;
        if (st instanceof Cancellation c) {
            return c;
        }
        return st == ROOTED ? null : inherited();
    }

    /**
     * The cancellation of the nearest canceled ancestor up to the nearest rooted one, which a
     * walk may not have brought here; null if there is none. Once one is found, the levels below
     * it are read again until none has been canceled meanwhile: a nearer ancestor canceled first
     * gives its cause, as its walk would have.
     */
    private Cancellation inherited() {
        Cancellation found = null;
        CancelContext at = null;
        while (true) {
            Cancellation nearer = null;
            for (CancelContext p = up; p != null && p != at; p = p.up) {
                Object st = p.state;
                if (st instanceof Cancellation c) {
                    nearer = c;
                    at = p;
                    break;
                }
                if (st == ROOTED) {
                    break;
                }
            }
            if (nearer == null) {
                return found;
            }
            found = nearer;
        }
    }

    /**
     * Roots this context: links first the highest ancestor not rooted to its rooted {@code up},
     * then each below it in turn, down to this one. A loop, for chains of any length.
     */
    private void root() {
        if (state != null) {
            return; // rooted, or canceled: walks have nothing to bring it
        }
        CancelContext top = this;
        ArrayDeque<CancelContext> below = null;
        while (top.up != null && top.up.state == null) {
            below = below == null ? new ArrayDeque<>() : below;
            below.push(top);
            top = top.up;
        }
        for (CancelContext c = top; c != null; c = below == null ? null : below.poll()) {
            c.linkToUp();
        }
    }

    /**
     * Pushes this context onto its rooted {@code up} (which cancels it if {@code up} is
     * canceled), or waits while another thread does.
     */
    private void linkToUp() {
        if (state != null || up == null) {
            return; // rooted, or canceled: its stack takes no link
        }
        if (LINKING.compareAndSet(this, false, true)) {
            try {
                up.link(this);
            } finally {
                STATE.compareAndSet(this, null, ROOTED);
            }
            return;
        }
        for (int waits = 0; state == null; waits++) {
            if (waits < 64) {
                Thread.onSpinWait();
            } else if (waits < 128) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(10_000); // the linker may be parked on a channel lock while canceling
            }
        }
    }

    private void closeDone() {
        if (closed) {
            return;
        }
        if (done == null && DONE.compareAndSet(this, null, CLOSED)) {
            closed = true;
            return;
        }
        try {
            done.close();
        } catch (IllegalStateException alreadyClosed) {
            // a racing reader or canceler closed it first; closed is all that matters
        }
        closed = true;
    }

    private static Chan<Void> closedChannel() {
        Chan<Void> c = Chan.make();
        c.close();
        return c;
    }

    /**
     * Finishes this claimed context and every descendant it claims with {@code s}, depth first
     * with an explicit stack instead of recursion.
     */
    private void cancelTree(Cancellation s) {
        ArrayDeque<CancelContext> claimed = null;
        for (CancelContext n = this; n != null; n = claimed == null ? null : claimed.poll()) {
            n.closeDone();
            n.onCancel();
            // a context with no child yet needs no DEAD: a linker reads state before it pushes
            CancelContext child = n.children == null ? null : (CancelContext) CHILDREN.getAndSet(n, DEAD);
            for (; child != null && child != DEAD; child = next(child)) {
                if (child.claim(s)) {
                    claimed = claimed == null ? new ArrayDeque<>() : claimed;
                    claimed.push(child);
                }
            }
        }
    }

    private static CancelContext next(CancelContext c) {
        return (CancelContext) SIBLING.getAcquire(c);
    }

    /** Pushes {@code child}; false if this context's stack is {@link #DEAD} (it is canceled). */
    private boolean push(CancelContext child) {
        CancelContext top;
        do {
            top = children;
            if (top == DEAD) {
                return false;
            }
            child.sibling = top;
        } while (!CHILDREN.compareAndSet(this, top, child));
        return true;
    }

    /** A linked child was canceled on its own: Go's {@code removeChild}, done lazily (see Design). */
    private void childLeft() {
        LEFT.getAndAdd(this, 1);
        // again after a sweep: children that left while it ran found the flag taken
        while (left > Math.max(SWEEP_AFTER, kept) && SWEEPING.compareAndSet(this, false, true)) {
            try {
                sweep();
            } finally {
                sweeping = false;
            }
        }
    }

    /**
     * Unlinks the canceled children below the top of the stack, in place: only this sweep
     * changes links below the top, and only to bypass a canceled child, so pushes (at the top)
     * and a walk (which skips canceled children anyway) go on meanwhile.
     */
    private void sweep() {
        left = 0;
        CancelContext prev = children;
        if (prev == null || prev == DEAD) {
            return;
        }
        int n = prev.cancellation() == null ? 1 : 0;
        for (CancelContext c = next(prev); c != null && c != DEAD; c = next(c)) {
            if (c.cancellation() != null) {
                SIBLING.setRelease(prev, next(c));
            } else {
                prev = c;
                n++;
            }
        }
        kept = n;
    }

    /** Pushes {@code child} onto this context's children; if this one is canceled, cancels it. */
    private void link(CancelContext child) {
        Cancellation s = cancellation();
        if (s == null && push(child)) {
            s = cancellation(); // re-checked after pushing: a walk that missed the child is seen here
            if (s == null) {
                if (child.cancellation() != null) {
                    childLeft(); // canceled while linking: its own cancel may not have counted it
                }
                return;
            }
        }
        if (s == null) {
            s = cancellation(); // the stack was DEAD: the cancellation is set
        }
        child.cancel(false, s.err, s.cause);
    }

    /** A foreign parent that broke the contract (done but no error) still cancels its children. */
    private Exception parentErr() {
        return Objects.requireNonNullElse(parent.err(), Context.CANCELED);
    }

    /**
     * The package context whose {@code done} is {@code parentDone}, the parent's: Go's
     * {@code parentCancelCtx}. A foreign context wrapping a package context but replacing its
     * done channel does not count, as its cancellation is its own.
     */
    private static CancelContext parentCancelContext(Context parent, RecvChan<Void> parentDone) {
        if (parentDone == Chan.<Void>nil()) {
            return null;
        }
        return parent.value(KEY).filter(p -> p.done == parentDone).orElse(null);
    }
}
