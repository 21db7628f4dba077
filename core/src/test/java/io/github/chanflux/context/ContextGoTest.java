package io.github.chanflux.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import org.junit.jupiter.api.Test;

/** Goroutines bound to a context: stopped by its cancellation. */
class ContextGoTest {

    @Test
    void boundGoroutineReceivesItsContext() throws InterruptedException {
        Chan<Context> seen = Chan.make(1);
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            Thread g = Context.go(ctx, seen::send);
            assertThat(seen.receive().value()).isSameAs(ctx);
            g.join();
        }
    }

    @Test
    void cancelStopsBoundGoroutineBlockedOnAChannel() throws InterruptedException {
        Chan<Boolean> interrupted = Chan.make(1);
        CancelableContext ctx = Context.withCancel(Context.background());
        Thread g = Context.go(ctx, c -> {
            try {
                Chan.<String>nil().receive();
            } catch (InterruptedException e) {
                interrupted.send(true);
            }
        });
        ctx.cancel();
        assertThat(interrupted.receive().value()).isTrue();
        g.join();
    }

    @Test
    void cancelEndsBoundGoroutineRangingOverAChannel() throws InterruptedException {
        Chan<String> never = Chan.make();
        CancelableContext ctx = Context.withCancel(Context.background());
        Thread g = Context.go(ctx, c -> {
            for (String s : never) {
                throw new AssertionError("received " + s);
            }
        });
        ctx.cancel();
        g.join();
        assertThat(g.isAlive()).isFalse();
    }

    @Test
    void alreadyDoneContextStopsGoroutineAtItsFirstBlockingCall() throws InterruptedException {
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        Thread g = Context.go("bound", ctx, c -> Chan.<String>nil().receive());
        g.join();
        assertThat(g.getName()).isEqualTo("bound");
    }

    @Test
    void finishedGoroutineUnbindsFromContext() throws InterruptedException {
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            Thread g = Context.go(ctx, c -> {});
            g.join();
            assertThat(ctx.err()).isNull();
        }
        assertThat(Go.running()).noneMatch(t -> t.getName().equals("context.AfterFunc"));
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Context.go((Context) null, c -> {})).hasMessage("ctx");
        assertThatThrownBy(() -> Context.go(Context.background(), (Context.Task) null))
                .hasMessage("task");
    }
}
