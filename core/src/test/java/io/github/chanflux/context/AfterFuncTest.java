package io.github.chanflux.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's TestAfterFunc… family and the afterFunc half of XTestCancelRemoves. */
class AfterFuncTest {

    private final Chan<Boolean> called = Chan.make(1);
    private final Runnable f = () -> called.trySend(true);

    @Test
    void calledAfterCancel() throws InterruptedException {
        CancelableContext ctx = Context.withCancel(Context.background());
        Stop stop = Context.afterFunc(ctx, f);
        assertThat(called.tryReceive()).isNull();
        ctx.cancel();
        assertThat(called.receive().ok()).isTrue();
        assertThat(stop.stop()).isFalse();
    }

    @Test
    void calledAfterTimeout() throws InterruptedException {
        FakeClock clock = new FakeClock();
        try (CancelableContext ctx =
                Context.withTimeout(Context.withClock(Context.background(), clock), Duration.ofMillis(1))) {
            Context.afterFunc(ctx, f);
            clock.advance(Duration.ofMillis(1));
            assertThat(called.receive().ok()).isTrue();
        }
    }

    @Test
    void calledImmediatelyWhenAlreadyDone() throws InterruptedException {
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        Context.afterFunc(ctx, f);
        assertThat(called.receive().ok()).isTrue();
    }

    @Test
    void notCalledAfterStop() throws InterruptedException {
        CancelableContext ctx = Context.withCancel(Context.background());
        Stop stop = Context.afterFunc(ctx, f);
        assertThat(stop.stop()).isTrue();
        ctx.cancel();
        joinAfterFuncGoroutines();
        assertThat(called.tryReceive()).isNull();
        assertThat(stop.stop()).isFalse();
    }

    @Test
    void cancelDoesNotWaitForTheFunction() throws InterruptedException {
        Chan<Boolean> handoff = Chan.make();
        CancelableContext ctx = Context.withCancel(Context.background());
        Stop stop = Context.afterFunc(ctx, () -> {
            try {
                handoff.send(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctx.cancel();
        assertThat(handoff.receive().ok()).isTrue();
        stop.stop();
    }

    @Test
    void runsOnAGoroutineOfItsOwn() throws InterruptedException {
        Chan<Thread> ranOn = Chan.make(1);
        CancelableContext ctx = Context.withCancel(Context.background());
        Context.afterFunc(ctx, () -> ranOn.trySend(Thread.currentThread()));
        ctx.cancel();
        Thread t = ranOn.receive().value();
        assertThat(t).isNotSameAs(Thread.currentThread());
        assertThat(t.isVirtual()).isTrue();
        t.join();
    }

    @Test
    void eachRegisteredFunctionRunsOnce() throws InterruptedException {
        Chan<Integer> runs = Chan.make(3);
        CancelableContext ctx = Context.withCancel(Context.background());
        for (int i = 0; i < 3; i++) {
            int n = i;
            Context.afterFunc(ctx, () -> runs.trySend(n));
        }
        ctx.cancel();
        ctx.cancel();
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += runs.receive().value();
        }
        joinAfterFuncGoroutines();
        assertThat(sum).isEqualTo(0 + 1 + 2);
        assertThat(runs.len()).isZero();
    }

    @Test
    void neverCanceledContextNeverCallsAndStopSucceeds() {
        Stop stop = Context.afterFunc(Context.background(), f);
        assertThat(stop.stop()).isTrue();
        assertThat(called.tryReceive()).isNull();
    }

    @Test
    void stopRemovesTheLinkFromParent() {
        CancelContext ctx = CancelContext.create(Context.background());
        Stop stop = Context.afterFunc(ctx, f);
        assertThat(ctx.childCount()).isEqualTo(1);
        stop.stop();
        assertThat(ctx.childCount()).isZero();
        for (int i = 0; i < CancelContext.SWEEP_AFTER; i++) {
            assertThat(Context.afterFunc(ctx, f).stop()).isTrue();
        }
        assertThat(ctx.heldCount()).isLessThanOrEqualTo(1); // counted out, then swept but for the top
        ctx.cancel();
    }

    /** f is started inside cancel(), so once these are joined, every started f has finished. */
    private static void joinAfterFuncGoroutines() throws InterruptedException {
        for (Thread t : Go.running()) {
            if (t.getName().equals("context.AfterFunc")) {
                t.join();
            }
        }
    }
}
