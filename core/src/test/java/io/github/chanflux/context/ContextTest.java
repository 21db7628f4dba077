package io.github.chanflux.context;

import static io.github.chanflux.context.Done.isDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Go's TestBackground, TestTODO, TestWithCancel, TestValues, TestWithoutCancel and the argument checks. */
class ContextTest {

    private static final Key<String> K1 = Key.of("k1");
    private static final Key<String> K2 = Key.of("k2");
    private static final Key<String> K3 = Key.of("k2");

    @Test
    void backgroundIsNeverDoneAndPrintsGoName() {
        Context c = Context.background();
        assertThat(c.done()).isSameAs(Chan.nil());
        assertThat(c.done().tryReceive()).isNull();
        assertThat(c.err()).isNull();
        assertThat(c.deadline()).isEmpty();
        assertThat(c.value(K1)).isEmpty();
        assertThat(c).hasToString("context.Background");
    }

    @Test
    void todoIsNeverDoneAndPrintsGoName() {
        Context c = Context.todo();
        assertThat(c.done().tryReceive()).isNull();
        assertThat(c.err()).isNull();
        assertThat(c).hasToString("context.TODO");
    }

    @Test
    void withCancelPrintsGoForm() {
        try (CancelableContext c = Context.withCancel(Context.background())) {
            assertThat(c).hasToString("context.Background.WithCancel");
        }
    }

    @Test
    void cancelPropagatesSynchronouslyThroughForeignContexts() {
        CancelableContext c1 = Context.withCancel(Context.background());
        Context o = new OtherContext(c1);
        CancelableContext c2 = Context.withCancel(o);
        List<Context> contexts = List.of(c1, o, c2);
        for (Context c : contexts) {
            assertThat(c.done()).isNotSameAs(Chan.nil());
            assertThat(c.err()).isNull();
            assertThat(isDone(c)).isFalse();
        }
        c1.cancel();
        for (Context c : contexts) {
            assertThat(isDone(c)).isTrue();
            assertThat(c.err()).isSameAs(Context.CANCELED);
        }
    }

    @Test
    void closeCancels() {
        CancelableContext c;
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            c = ctx;
            assertThat(isDone(c)).isFalse();
        }
        assertThat(c.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void cancellingTwiceIsHarmless() {
        CancelableContext c = Context.withCancel(Context.background());
        c.cancel();
        c.cancel();
        assertThat(c.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void cancellingChildLeavesParentRunning() {
        try (CancelableContext parent = Context.withCancel(Context.background())) {
            CancelableContext child = Context.withCancel(parent);
            child.cancel();
            assertThat(isDone(parent)).isFalse();
            assertThat(parent.err()).isNull();
        }
    }

    @Test
    void withCancelOfCanceledParentIsDoneAtOnceWithParentsCause() {
        CancelCauseContext parent = Context.withCancelCause(Context.background());
        Exception because = new Exception("Because!");
        parent.cancel(because);
        CancelableContext c = Context.withCancel(parent);
        assertThat(isDone(c)).isTrue();
        assertThat(c.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(c)).isSameAs(because);
    }

    @Test
    void valuesNearestWins() {
        Context c0 = Context.background();
        checkValues(c0, null, null, null);
        Context c1 = Context.withValue(c0, K1, "c1k1");
        checkValues(c1, "c1k1", null, null);
        assertThat(c1).hasToString("context.Background.WithValue(k1, c1k1)");
        Context c2 = Context.withValue(c1, K2, "c2k2");
        checkValues(c2, "c1k1", "c2k2", null);
        assertThat(c2).hasToString("context.Background.WithValue(k1, c1k1).WithValue(k2, c2k2)");
        Context c3 = Context.withValue(c2, K3, "c3k3");
        checkValues(c3, "c1k1", "c2k2", "c3k3");
        Context c4 = Context.withValue(c3, K1, "c4k1");
        checkValues(c4, "c4k1", "c2k2", "c3k3");
    }

    @Test
    void valuesPassThroughForeignAndCancelContexts() {
        Context o1 = new OtherContext(Context.withValue(Context.background(), K1, "c1k1"));
        checkValues(o1, "c1k1", null, null);
        Context o2 = Context.withValue(o1, K2, "o2k2");
        checkValues(o2, "c1k1", "o2k2", null);
        try (CancelableContext c = Context.withCancel(o2)) {
            checkValues(new OtherContext(c), "c1k1", "o2k2", null);
        }
    }

    @Test
    void keysWithSameNameAreDistinct() {
        Context c = Context.withValue(Context.background(), K2, "v");
        assertThat(c.value(K3)).isEmpty();
    }

    @Test
    void withoutCancelKeepsValuesOnly() {
        Context root = Context.withClock(Context.background(), new FakeClock());
        CancelableContext parent = Context.withTimeout(Context.withValue(root, K1, "value"), Duration.ofHours(1));
        Context c = Context.withoutCancel(parent);
        parent.cancel();
        assertThat(c.deadline()).isEmpty();
        assertThat(c.done()).isSameAs(Chan.nil());
        assertThat(c.err()).isNull();
        assertThat(c.value(K1)).contains("value");
        assertThat(c).hasToString(parent + ".WithoutCancel");
    }

    @Test
    void deadlineExceededReadsAsTimeout() {
        assertThat(Context.DEADLINE_EXCEEDED)
                .isInstanceOf(TimeoutException.class)
                .hasMessage("context deadline exceeded");
        assertThat(Context.DEADLINE_EXCEEDED.timeout()).isTrue();
        assertThat(Context.CANCELED).hasMessage("context canceled");
    }

    @Test
    void sentinelErrorsAreStackless() {
        assertThat(Context.CANCELED.getStackTrace()).isEmpty();
        assertThat(Context.DEADLINE_EXCEEDED.getStackTrace()).isEmpty();
    }

    @Test
    void withValueRejectsNullKeyNamingIt() {
        assertThatThrownBy(() -> Context.withValue(Context.background(), null, "bar"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> Context.withValue(Context.background(), K1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
    }

    @Test
    void derivingFromNullParentFailsNamingIt() {
        Context nil = null;
        List<Runnable> derivations = List.of(
                () -> Context.withCancel(nil),
                () -> Context.withCancelCause(nil),
                () -> Context.withDeadline(nil, Instant.now()),
                () -> Context.withDeadlineCause(nil, Instant.now(), null),
                () -> Context.withTimeout(nil, Duration.ZERO),
                () -> Context.withTimeoutCause(nil, Duration.ZERO, null),
                () -> Context.withValue(nil, K1, "bar"),
                () -> Context.withoutCancel(nil),
                () -> Context.withClock(nil, Clock.system()));
        for (Runnable derive : derivations) {
            assertThatThrownBy(derive::run)
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("parent");
        }
        assertThatThrownBy(() -> Context.afterFunc(nil, () -> {})).hasMessage("ctx");
        assertThatThrownBy(() -> Context.cause(nil)).hasMessage("ctx");
        assertThatThrownBy(() -> Context.withDeadline(Context.background(), null))
                .hasMessage("deadline");
        assertThatThrownBy(() -> Context.withTimeout(Context.background(), null))
                .hasMessage("timeout");
    }

    private static void checkValues(Context c, String v1, String v2, String v3) {
        assertThat(c.value(K1).orElse(null)).isEqualTo(v1);
        assertThat(c.value(K2).orElse(null)).isEqualTo(v2);
        assertThat(c.value(K3).orElse(null)).isEqualTo(v3);
    }
}
