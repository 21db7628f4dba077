package io.github.chanflux.context;

import static io.github.chanflux.context.Done.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Go's XTestParentFinishesChild, XTestChildFinishesFirst, XTestCancelRemoves,
 * TestSimultaneousCancels, TestInterlockedCancels, TestLayersCancel and TestLayersTimeout.
 */
class CancelTreeTest {

    private static final Duration VERY_LONG = Duration.ofHours(1000);

    private final FakeClock clock = new FakeClock();
    private final Context root = Context.withClock(Context.background(), clock);

    @Test
    void parentCancelFinishesEveryKindOfChild() {
        CancelContext parent = CancelContext.create(root);
        CancelableContext cancelChild = Context.withCancel(parent);
        CancelableContext valueChild = Context.withCancel(Context.withValue(parent, Key.of("k"), "v"));
        CancelableContext timerChild = Context.withTimeout(valueChild, VERY_LONG);
        cancelChild.done(); // a withCancel child links when first watched
        assertThat(parent.childCount()).isEqualTo(2);
        assertThat(((CancelContext) valueChild).childCount()).isEqualTo(1);
        parent.cancel();
        for (Context c : List.of(parent, cancelChild, valueChild, timerChild)) {
            assertThat(isDone(c)).isTrue();
            assertThat(c.err()).isSameAs(Context.CANCELED);
        }
        assertThat(parent.childCount()).isZero();
        assertThat(((CancelContext) valueChild).childCount()).isZero();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void withCancelChildLinksOnlyWhenWatchedAndStillFollowsItsParent() throws InterruptedException {
        CancelContext parent = CancelContext.create(root);
        CancelContext child = CancelContext.create(parent);
        CancelContext grandchild = CancelContext.create(child);
        assertThat(parent.childCount()).isZero();
        assertThat(child.childCount()).isZero();
        parent.cancel(new IllegalStateException("why"));
        assertThat(grandchild.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(grandchild)).hasMessage("why");
        assertThat(grandchild.done().tryReceive()).isNotNull();
        grandchild.cancel(new IllegalStateException("later"));
        assertThat(Context.cause(grandchild)).hasMessage("why");
        assertThat(child.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(child)).hasMessage("why");
    }

    @Test
    void watchingLinksTheWholeUnlinkedChainSoACancelClosesDone() throws InterruptedException {
        CancelContext parent = CancelContext.create(root);
        CancelContext child = CancelContext.create(parent);
        CancelContext grandchild = CancelContext.create(child);
        RecvChan<Void> done = grandchild.done();
        assertThat(parent.childCount()).isEqualTo(1);
        assertThat(child.childCount()).isEqualTo(1);
        assertThat(done.tryReceive()).isNull();
        parent.cancel();
        assertThat(done.tryReceive()).isNotNull();
        assertThat(grandchild.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void childFinishingFirstUnlinksAndLeavesParentRunning() {
        CancelContext parent = CancelContext.create(root);
        CancelableContext child = Context.withCancel(parent);
        child.done();
        assertThat(parent.childCount()).isEqualTo(1);
        child.cancel();
        assertThat(parent.childCount()).isZero();
        assertThat(isDone(parent)).isFalse();
        assertThat(child.err()).isSameAs(Context.CANCELED);
        parent.cancel();
    }

    @Test
    void cancelRemovesChildFromParent() {
        CancelContext parent = CancelContext.create(root);
        CancelableContext c = Context.withCancel(parent);
        c.done();
        assertThat(parent.childCount()).isEqualTo(1);
        c.cancel();
        assertThat(parent.childCount()).isZero();
        CancelableContext t = Context.withTimeout(parent, VERY_LONG);
        assertThat(parent.childCount()).isEqualTo(1);
        t.cancel();
        assertThat(parent.childCount()).isZero();
        // removal is lazy: once more than SWEEP_AFTER children have left (c and t, and these), they are swept
        for (int i = 0; i < CancelContext.SWEEP_AFTER - 1; i++) {
            CancelableContext w = Context.withCancel(parent);
            w.done();
            w.cancel();
        }
        assertThat(parent.heldCount()).isLessThanOrEqualTo(1); // at most the top, which a sweep keeps
        for (int i = 0; i <= CancelContext.SWEEP_AFTER; i++) {
            Context.withTimeout(parent, VERY_LONG).cancel();
        }
        assertThat(parent.heldCount()).isLessThanOrEqualTo(1);
        parent.cancel();
        assertThat(parent.heldCount()).isZero();
    }

    @Test
    void aContextCanceledBeforeItWasLinkedIsCountedOutWhenADescendantLinksIt() {
        CancelContext parent = CancelContext.create(root);
        for (int i = 0; i < 10_000; i++) {
            CancelableContext c = Context.withCancel(parent);
            CancelableContext g = Context.withCancel(c);
            c.cancel(); // unlinked: nothing to count out yet
            g.done(); // links g to c, which is canceled: c is not linked to the parent for it
            assertThat(g.err()).isSameAs(Context.CANCELED);
        }
        assertThat(parent.heldCount()).isLessThanOrEqualTo(CancelContext.SWEEP_AFTER + 1);
        parent.cancel();
    }

    @Test
    void childrenThatLeaveAreSweptSoALongLivedParentHoldsAboutItsLiveChildren() {
        CancelContext parent = CancelContext.create(root);
        List<CancelableContext> live = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CancelableContext c = Context.withCancel(parent);
            c.done();
            live.add(c);
        }
        for (int i = 0; i < 10_000; i++) {
            CancelableContext c = Context.withCancel(parent);
            c.done();
            c.cancel();
            assertThat(parent.heldCount()).isLessThanOrEqualTo(2 * live.size() + CancelContext.SWEEP_AFTER + 1);
        }
        assertThat(parent.childCount()).isEqualTo(live.size());
        live.subList(0, 99).forEach(CancelableContext::cancel);
        for (int i = 0; i < 10_000; i++) {
            Context.withTimeout(parent, VERY_LONG).cancel();
        }
        assertThat(parent.heldCount()).isLessThanOrEqualTo(1 + CancelContext.SWEEP_AFTER + 1);
        parent.cancel();
        assertThat(live.get(99).err()).isSameAs(Context.CANCELED);
        assertThat(parent.heldCount()).isZero();
    }

    @Test
    void firedDeadlineRemovesChildFromParent() {
        CancelContext parent = CancelContext.create(root);
        for (int i = 0; i <= CancelContext.SWEEP_AFTER; i++) {
            Context.withTimeout(parent, Duration.ofSeconds(1));
        }
        assertThat(parent.childCount()).isEqualTo(CancelContext.SWEEP_AFTER + 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(parent.childCount()).isZero();
        assertThat(parent.heldCount()).isLessThanOrEqualTo(1); // counted out and swept
        parent.cancel();
    }

    @Test
    void neverCanceledParentKeepsNoLinks() {
        CancelableContext c = Context.withCancel(Context.withoutCancel(root));
        c.cancel();
        assertThat(Go.running()).noneMatch(t -> t.getName().equals("context.propagateCancel"));
    }

    @Test
    void simultaneousCancelsAllFinish() throws InterruptedException {
        CancelableContext rootCtx = Context.withCancel(root);
        List<CancelableContext> all = new ArrayList<>(List.of(rootCtx));
        Deque<CancelableContext> queue = new ArrayDeque<>(all);
        while (!queue.isEmpty() && all.size() < 100) {
            CancelableContext parent = queue.poll();
            for (int i = 0; i < 4; i++) {
                CancelableContext c = Context.withCancel(parent);
                all.add(c);
                queue.add(c);
            }
        }
        List<CancelableContext> order = new ArrayList<>(all);
        Collections.shuffle(order, new Random(1));
        List<Thread> cancelers = new ArrayList<>();
        for (CancelableContext c : order) {
            cancelers.add(Go.go(c::cancel));
        }
        Collections.shuffle(order, new Random(2));
        for (CancelableContext c : order) {
            c.done().receive();
        }
        for (Thread t : cancelers) {
            t.join();
        }
        assertThat(all).allSatisfy(c -> assertThat(c.err()).isSameAs(Context.CANCELED));
    }

    @Test
    void cancelFromGoroutineWatchingParentDoesNotDeadlock() throws InterruptedException {
        CancelableContext parent = Context.withCancel(root);
        CancelableContext child = Context.withCancel(parent);
        Thread g = Go.go(() -> {
            parent.done().receive();
            child.cancel();
        });
        parent.cancel();
        child.done().receive();
        g.join();
        assertThat(child.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void layersCancelKeepValuesAndFinishBelowAnyCancel() {
        for (long seed = 0; seed < 20; seed++) {
            Layers layers = new Layers(new Random(seed), VERY_LONG);
            assertThat(isDone(layers.ctx)).as("seed %d", seed).isFalse();
            assertThat(layers.ctx.toString()).startsWith(root.toString() + ".");
            layers.checkValues(seed);
            layers.cancels.get(layers.random.nextInt(layers.cancels.size())).cancel();
            assertThat(isDone(layers.ctx)).as("seed %d", seed).isTrue();
            layers.checkValues(seed);
            layers.cancels.forEach(CancelableContext::cancel);
        }
    }

    @Test
    void layersTimeoutKeepValuesAndFinishWhenAnyTimerFires() {
        for (long seed = 0; seed < 20; seed++) {
            Layers layers = new Layers(new Random(seed), Duration.ofMillis(1));
            layers.checkValues(seed);
            clock.advance(Duration.ofMillis(1));
            assertThat(isDone(layers.ctx)).as("seed %d", seed).isTrue();
            assertThat(layers.ctx.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            layers.checkValues(seed);
            layers.cancels.forEach(CancelableContext::cancel);
        }
        assertThat(clock.pendingTimers()).isZero();
    }

    /** Go's testLayers: a random stack of value, cancel and timeout contexts. */
    private final class Layers {
        final Random random;
        final List<Key<Object>> keys = new ArrayList<>();
        final List<CancelableContext> cancels = new ArrayList<>();
        Context ctx = root;

        Layers(Random random, Duration timeout) {
            this.random = random;
            int timers = 0;
            for (int i = 0; i < 30 || timers == 0 || cancels.isEmpty() || keys.isEmpty(); i++) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        Key<Object> k = Key.of("v" + i);
                        ctx = Context.withValue(ctx, k, k);
                        keys.add(k);
                    }
                    case 1 -> add(Context.withCancel(ctx));
                    default -> {
                        add(Context.withTimeout(ctx, timeout));
                        timers++;
                    }
                }
            }
        }

        private void add(CancelableContext c) {
            ctx = c;
            cancels.add(c);
        }

        void checkValues(long seed) {
            for (Key<Object> k : keys) {
                assertThat(ctx.value(k)).as("seed %d", seed).containsSame(k);
            }
        }
    }
}
