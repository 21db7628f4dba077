package io.github.chanflux.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's TestCause table, TestCauseRace and TestCustomContextPropagation. */
class CauseTest {

    private static final Duration FOREVER = Duration.ofSeconds(1_000_000);
    private static final Exception PARENT_CAUSE = new Exception("parentCause");
    private static final Exception CHILD_CAUSE = new Exception("childCause");
    private static final Exception TOO_SLOW = new Exception("tooSlow");
    private static final Exception FINISHED_EARLY = new Exception("finishedEarly");
    private static final Exception CANCELED = Context.CANCELED;
    private static final Exception EXCEEDED = Context.DEADLINE_EXCEEDED;

    private static Context root() {
        return Context.withClock(Context.background(), new FakeClock());
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("Background", Context::background, null, null),
                row("TODO", Context::todo, null, null),
                row(
                        "WithCancel",
                        () -> {
                            CancelableContext c = Context.withCancel(root());
                            c.cancel();
                            return c;
                        },
                        CANCELED,
                        CANCELED),
                row(
                        "WithCancelCause",
                        () -> {
                            CancelCauseContext c = Context.withCancelCause(root());
                            c.cancel(PARENT_CAUSE);
                            return c;
                        },
                        CANCELED,
                        PARENT_CAUSE),
                row(
                        "WithCancelCause nil",
                        () -> {
                            CancelCauseContext c = Context.withCancelCause(root());
                            c.cancel(null);
                            return c;
                        },
                        CANCELED,
                        CANCELED),
                row(
                        "WithCancelCause: parent cause before child",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            CancelCauseContext child = Context.withCancelCause(parent);
                            parent.cancel(PARENT_CAUSE);
                            child.cancel(CHILD_CAUSE);
                            return child;
                        },
                        CANCELED,
                        PARENT_CAUSE),
                row(
                        "WithCancelCause: parent cause after child",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            CancelCauseContext child = Context.withCancelCause(parent);
                            child.cancel(CHILD_CAUSE);
                            parent.cancel(PARENT_CAUSE);
                            return child;
                        },
                        CANCELED,
                        CHILD_CAUSE),
                row(
                        "WithCancelCause: parent cause before nil",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            CancelableContext child = Context.withCancel(parent);
                            parent.cancel(PARENT_CAUSE);
                            child.cancel();
                            return child;
                        },
                        CANCELED,
                        PARENT_CAUSE),
                row(
                        "WithCancelCause: parent cause after nil",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            CancelableContext child = Context.withCancel(parent);
                            child.cancel();
                            parent.cancel(PARENT_CAUSE);
                            return child;
                        },
                        CANCELED,
                        CANCELED),
                row(
                        "WithCancelCause: child cause after nil",
                        () -> {
                            CancelableContext parent = Context.withCancel(root());
                            CancelCauseContext child = Context.withCancelCause(parent);
                            parent.cancel();
                            child.cancel(CHILD_CAUSE);
                            return child;
                        },
                        CANCELED,
                        CANCELED),
                row(
                        "WithCancelCause: child cause before nil",
                        () -> {
                            CancelableContext parent = Context.withCancel(root());
                            CancelCauseContext child = Context.withCancelCause(parent);
                            child.cancel(CHILD_CAUSE);
                            parent.cancel();
                            return child;
                        },
                        CANCELED,
                        CHILD_CAUSE),
                row(
                        "WithTimeout",
                        () -> {
                            CancelableContext c = Context.withTimeout(root(), Duration.ZERO);
                            c.cancel();
                            return c;
                        },
                        EXCEEDED,
                        EXCEEDED),
                row(
                        "WithTimeout canceled",
                        () -> {
                            CancelableContext c = Context.withTimeout(root(), FOREVER);
                            c.cancel();
                            return c;
                        },
                        CANCELED,
                        CANCELED),
                row(
                        "WithTimeoutCause",
                        () -> {
                            CancelableContext c = Context.withTimeoutCause(root(), Duration.ZERO, TOO_SLOW);
                            c.cancel();
                            return c;
                        },
                        EXCEEDED,
                        TOO_SLOW),
                row(
                        "WithTimeoutCause canceled",
                        () -> {
                            CancelableContext c = Context.withTimeoutCause(root(), FOREVER, TOO_SLOW);
                            c.cancel();
                            return c;
                        },
                        CANCELED,
                        CANCELED),
                row(
                        "WithTimeoutCause stacked",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            CancelableContext c = Context.withTimeoutCause(parent, Duration.ZERO, TOO_SLOW);
                            parent.cancel(FINISHED_EARLY);
                            return c;
                        },
                        EXCEEDED,
                        TOO_SLOW),
                row(
                        "WithTimeoutCause stacked canceled",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            CancelableContext c = Context.withTimeoutCause(parent, FOREVER, TOO_SLOW);
                            parent.cancel(FINISHED_EARLY);
                            return c;
                        },
                        CANCELED,
                        FINISHED_EARLY),
                row("WithoutCancel", () -> Context.withoutCancel(root()), null, null),
                row(
                        "WithoutCancel canceled",
                        () -> {
                            CancelCauseContext parent = Context.withCancelCause(root());
                            Context c = Context.withoutCancel(parent);
                            parent.cancel(FINISHED_EARLY);
                            return c;
                        },
                        null,
                        null),
                row(
                        "WithoutCancel timeout",
                        () -> {
                            CancelableContext parent = Context.withTimeoutCause(root(), Duration.ZERO, TOO_SLOW);
                            Context c = Context.withoutCancel(parent);
                            parent.cancel();
                            return c;
                        },
                        null,
                        null));
    }

    private static Arguments row(String name, Supplier<Context> ctx, Exception err, Exception cause) {
        return Arguments.of(name, ctx, err, cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void errAndCauseMatchGo(String name, Supplier<Context> make, Exception err, Exception cause) {
        Context ctx = make.get();
        assertThat(ctx.err()).isSameAs(err);
        assertThat(Context.cause(ctx)).isSameAs(cause);
    }

    @Test
    void timeoutCauseIsSetOnlyWhenTimerFires() {
        FakeClock clock = new FakeClock();
        CancelableContext c = Context.withTimeoutCause(
                Context.withClock(Context.background(), clock), Duration.ofSeconds(1), TOO_SLOW);
        assertThat(Context.cause(c)).isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.err()).isSameAs(EXCEEDED);
        assertThat(Context.cause(c)).isSameAs(TOO_SLOW);
    }

    @Test
    void causeIsPublishedSafelyToPollers() throws InterruptedException {
        Exception cause = new Exception("TestCauseRace");
        CancelCauseContext ctx = Context.withCancelCause(Context.background());
        Thread canceler = Go.go(() -> ctx.cancel(cause));
        Throwable seen;
        while ((seen = Context.cause(ctx)) == null) {
            Thread.onSpinWait();
        }
        assertThat(seen).isSameAs(cause);
        canceler.join();
    }

    @Test
    void childOfForeignContextWithOwnDoneLearnsCauseFromGoroutine() throws InterruptedException {
        Exception cause = new Exception("TestCustomContextPropagation");
        Chan<Void> donec = Chan.make();
        CancelCauseContext ctx1 = Context.withCancelCause(Context.background());
        Context ctx2 = new CustomDone(ctx1, donec);
        try (CancelableContext ctx3 = Context.withCancel(ctx2)) {
            ctx1.cancel(cause);
            donec.close();
            ctx3.done().receive();
            assertThat(ctx3.err()).isSameAs(CANCELED);
            assertThat(Context.cause(ctx3)).isSameAs(cause);
        }
    }

    /**
     * A foreign context done on its own (its own done and err) over a chanflux context that is
     * not canceled: its cause is its err, as Go's Cause gives since golang/go#73258, not null.
     */
    @Test
    void aForeignContextDoneOnItsOwnHasItsErrAsCause() {
        CancelCauseContext base = Context.withCancelCause(Context.background());
        Chan<Void> donec = Chan.make();
        donec.close();
        Context own = new CustomDone(base, donec, true);
        assertThat(base.err()).isNull();
        assertThat(Context.cause(own)).isSameAs(CANCELED);
        base.cancel();
    }

    /** The shared errors' cause cannot be set: it would be every context's. */
    @Test
    void theSharedErrorsCauseCannotBeSet() {
        assertThatThrownBy(() -> CANCELED.initCause(new RuntimeException())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Context.DEADLINE_EXCEEDED.initCause(new RuntimeException()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(CANCELED.getCause()).isNull();
        assertThat(Context.DEADLINE_EXCEEDED.getCause()).isNull();
    }

    /**
     * Go's customDoneContext: delegates all but done(); with {@code ownErr}, err() too, which is
     * then {@code CANCELED} once {@code donec} is closed.
     */
    private record CustomDone(Context delegate, Chan<Void> donec, boolean ownErr) implements Context {
        CustomDone(Context delegate, Chan<Void> donec) {
            this(delegate, donec, false);
        }

        @Override
        public Optional<Instant> deadline() {
            return delegate.deadline();
        }

        @Override
        public RecvChan<Void> done() {
            return donec;
        }

        @Override
        public Exception err() {
            if (ownErr) {
                return donec.tryReceive() != null ? CANCELED : null;
            }
            return delegate.err();
        }

        @Override
        public <T> Optional<T> value(Key<T> key) {
            return delegate.value(key);
        }
    }
}
