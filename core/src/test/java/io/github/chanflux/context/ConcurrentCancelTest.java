package io.github.chanflux.context;

import static io.github.chanflux.context.Done.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The races of a lock-free cancellation tree, each run over many trials and counted (0 of N):
 * a child linking while its parent cancels, readers racing the canceler, and cancels racing
 * down the same branch. Go closes them with the parent's lock; these check they stay closed.
 */
class ConcurrentCancelTest {

    private static final int TRIALS = 2_000;

    private final Context root = Context.background();

    @Test
    void aChildLinkingWhileItsParentCancelsIsCanceledWithTheParentsCause() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS; i++) {
            CancelCauseContext parent = Context.withCancelCause(root);
            RuntimeException why = new RuntimeException("why");
            Chan<Void> gate = Chan.make();
            Chan<Boolean> ran = Chan.make(1);
            CancelableContext[] child = new CancelableContext[1];
            Thread canceler = Go.go(() -> {
                gate.receive();
                parent.cancel(why);
            });
            Thread linker = Go.go(() -> {
                gate.receive();
                child[0] = Context.withCancel(Context.withValue(parent, Key.of("k"), "v"));
                Context.afterFunc(parent, () -> ran.trySend(true));
            });
            gate.close();
            canceler.join();
            linker.join();
            ran.receive();
            boolean ok = isDone(child[0])
                    && child[0].err() == Context.CANCELED
                    && Context.cause(child[0]) == why
                    && ((CancelContext) parent).childCount() == 0;
            failures += ok ? 0 : 1;
        }
        assertThat(failures).isZero();
    }

    @Test
    void watchingAnUnlinkedChainWhileItsTopCancelsAlwaysSeesTheCancel() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS; i++) {
            CancelCauseContext top = Context.withCancelCause(root);
            CancelableContext middle = Context.withCancel(top);
            CancelableContext[] leaves = {Context.withCancel(middle), Context.withCancel(middle)};
            RuntimeException why = new RuntimeException("why");
            Chan<Void> gate = Chan.make();
            Thread canceler = Go.go(() -> {
                gate.receive();
                top.cancel(why);
            });
            List<Thread> watchers = new ArrayList<>();
            for (CancelableContext leaf : leaves) {
                watchers.add(Go.go(() -> {
                    gate.receive();
                    leaf.done().receive(); // hangs (and the test times out) if the cancel is missed
                }));
            }
            gate.close();
            canceler.join();
            for (Thread w : watchers) {
                w.join();
            }
            for (CancelableContext leaf : leaves) {
                boolean ok = leaf.err() == Context.CANCELED && Context.cause(leaf) == why;
                failures += ok ? 0 : 1;
            }
        }
        assertThat(failures).isZero();
    }

    @Test
    void errAndDoneAgreeWhileACancelIsInFlight() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS; i++) {
            CancelableContext parent = Context.withCancel(root);
            CancelableContext c = Context.withCancel(parent);
            Thread canceler = Go.go(parent::cancel);
            boolean done = false;
            while (!done) {
                Exception err = c.err();
                boolean closed = isDone(c);
                failures += err != null && !closed ? 1 : 0; // err implies done
                done = isDone(c);
                failures += done && c.err() == null ? 1 : 0; // done implies err
            }
            canceler.join();
        }
        assertThat(failures).isZero();
    }

    @Test
    void racingCancelsGiveEveryDescendantTheCauseOfItsCanceledAncestor() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS; i++) {
            CancelCauseContext top = Context.withCancelCause(root);
            CancelCauseContext mid = Context.withCancelCause(top);
            CancelableContext leaf = Context.withCancel(mid);
            CancelableContext leaf2 = Context.withCancel(Context.withValue(leaf, Key.of("k"), "v"));
            RuntimeException topWhy = new RuntimeException("top");
            RuntimeException midWhy = new RuntimeException("mid");
            Chan<Void> gate = Chan.make();
            Thread a = Go.go(() -> {
                gate.receive();
                top.cancel(topWhy);
            });
            Thread b = Go.go(() -> {
                gate.receive();
                mid.cancel(midWhy);
            });
            gate.close();
            a.join();
            b.join();
            Throwable midCause = Context.cause(mid);
            boolean ok = Context.cause(top) == topWhy
                    && (midCause == topWhy || midCause == midWhy)
                    && Context.cause(leaf) == midCause
                    && Context.cause(leaf2) == midCause
                    && isDone(leaf2)
                    && ((CancelContext) top).childCount() == 0;
            failures += ok ? 0 : 1;
        }
        assertThat(failures).isZero();
    }

    @Test
    void aCancelThatLosesARaceStillReturnsWithItsContextDone() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS / 10; i++) {
            CancelableContext parent = Context.withCancel(root);
            List<CancelableContext> children = new ArrayList<>();
            for (int k = 0; k < 1_000; k++) {
                children.add(Context.withCancel(parent));
            }
            Chan<Void> gate = Chan.make();
            int[] notDone = new int[1];
            Thread canceler = Go.go(() -> {
                gate.receive();
                parent.cancel();
            });
            Thread childCanceler = Go.go(() -> {
                gate.receive();
                while (!((CancelContext) parent).isCanceled()) {
                    Thread.yield(); // until the walk has begun: then most children are claimed, few closed
                }
                for (CancelableContext c : children) {
                    c.cancel();
                    notDone[0] += isDone(c) && c.err() != null ? 0 : 1;
                }
            });
            gate.close();
            canceler.join();
            childCanceler.join();
            failures += notDone[0];
        }
        assertThat(failures).isZero();
    }

    @Test
    void childrenLinkingAndLeavingWhileTheParentCancelsAreNeverMissed() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS; i++) {
            CancelCauseContext parent = Context.withCancelCause(root);
            RuntimeException why = new RuntimeException("why");
            Chan<Void> gate = Chan.make();
            Chan<Void> midway = Chan.make();
            int cancelAt = i % 100; // the first churner's turn at which the cancel starts
            List<List<CancelableContext>> stayed = new ArrayList<>();
            List<Thread> churners = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                boolean signals = t == 0;
                List<CancelableContext> mine = new ArrayList<>();
                stayed.add(mine);
                churners.add(Go.go(() -> {
                    gate.receive();
                    for (int k = 0; k < 100; k++) {
                        if (signals && k == cancelAt) {
                            midway.close();
                        }
                        CancelableContext leaving = Context.withCancel(parent);
                        leaving.done(); // linked, then leaves: sweeps run while the parent cancels
                        leaving.cancel();
                        CancelableContext staying = Context.withCancel(parent);
                        staying.done();
                        mine.add(staying);
                    }
                }));
            }
            Thread canceler = Go.go(() -> {
                midway.receive();
                parent.cancel(why);
            });
            gate.close();
            canceler.join();
            for (Thread t : churners) {
                t.join();
            }
            for (List<CancelableContext> mine : stayed) {
                for (CancelableContext c : mine) {
                    failures += isDone(c) && c.err() == Context.CANCELED && Context.cause(c) == why ? 0 : 1;
                }
            }
            failures += ((CancelContext) parent).heldCount() == 0 ? 0 : 1;
        }
        assertThat(failures).isZero();
    }

    @Test
    void everyChildLinkedBeforeACancelIsDoneWhenItReturnsWhileSiblingsLinkAndLeave() throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS / 4; i++) {
            CancelCauseContext parent = Context.withCancelCause(root);
            List<CancelableContext> old = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                CancelableContext c = Context.withCancel(parent);
                c.done();
                old.add(c);
            }
            RuntimeException why = new RuntimeException("why");
            Chan<Void> midway = Chan.make();
            int cancelAt = 20 + i % 80; // after a sweep or two, while the next may be running
            List<Thread> churners = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                boolean signals = t == 0;
                // platform threads: a churner loops without blocking, and would keep a carrier from the canceler
                churners.add(Thread.ofPlatform().start(() -> {
                    for (int k = 0; parent.err() == null; k++) {
                        if (signals && k == cancelAt) {
                            midway.close();
                        }
                        CancelableContext leaving = Context.withCancel(parent);
                        leaving.done();
                        leaving.cancel();
                    }
                }));
            }
            int[] notDone = new int[1];
            Thread canceler = Go.go(() -> {
                midway.receive();
                parent.cancel(why);
                for (CancelableContext c : old) { // right as cancel returns, not after the others end
                    notDone[0] += c.err() == Context.CANCELED && Context.cause(c) == why ? 0 : 1;
                }
            });
            canceler.join();
            for (Thread t : churners) {
                t.join();
            }
            failures += notDone[0];
        }
        assertThat(failures).isZero();
    }

    @Test
    void aDescendantWatchedWhileAnotherLinksItsAncestorsIsCanceledWhenTheTopCancelReturns()
            throws InterruptedException {
        int failures = 0;
        for (int i = 0; i < TRIALS * 5; i++) {
            CancelableContext top = Context.withCancel(root);
            CancelableContext middle = Context.withCancel(top);
            CancelableContext leaf = Context.withCancel(middle);
            Chan<Void> gate = Chan.make();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    gate.receive();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                middle.done(); // links middle, racing the leaf's link below
            });
            gate.close();
            leaf.done();
            top.cancel();
            failures += leaf.err() == Context.CANCELED && isDone(leaf) ? 0 : 1; // as the cancel returns
            other.join();
        }
        assertThat(failures).isZero();
    }
}
