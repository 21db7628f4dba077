package io.github.chanflux.context;

import static io.github.chanflux.context.Done.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Go's TestDeadline, TestTimeout and TestCanceledTimeout, on fake time. */
class DeadlineTest {

    private static final Duration SHORT = Duration.ofMillis(1);
    private static final Duration VERY_LONG = Duration.ofHours(1000);

    private final FakeClock clock = new FakeClock();
    private final Context root = Context.withClock(Context.background(), clock);

    @Test
    void withDeadlinePrintsDeadlineAndTimeLeft() {
        Instant d = clock.now().plusSeconds(90);
        try (CancelableContext c = Context.withDeadline(root, d)) {
            assertThat(c).hasToString(root + ".WithDeadline(" + d + " [PT1M30S])");
        }
    }

    @Test
    void withDeadlineIsDoneWithDeadlineExceededWhenDeadlinePasses() {
        CancelableContext c = Context.withDeadline(root, clock.now().plus(SHORT));
        clock.advance(SHORT.minusNanos(1));
        assertThat(isDone(c)).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(isDone(c)).isTrue();
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void foreignWrapperSeesDeadlineExceeded() {
        Context o = new OtherContext(Context.withDeadline(root, clock.now().plus(SHORT)));
        clock.advance(SHORT);
        assertThat(isDone(o)).isTrue();
        assertThat(o.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void parentsSoonerDeadlineGovernsThroughForeignContext() {
        Instant soon = clock.now().plus(SHORT);
        Context o = new OtherContext(Context.withDeadline(root, soon));
        CancelableContext c = Context.withDeadline(o, clock.now().plus(VERY_LONG));
        assertThat(c.deadline()).contains(soon);
        assertThat(c).hasToString(o + ".WithCancel");
        clock.advance(SHORT);
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void ownSoonerDeadlineGoverns() {
        Instant soon = clock.now().plus(SHORT);
        try (CancelableContext parent = Context.withTimeout(root, VERY_LONG)) {
            CancelableContext c = Context.withDeadline(parent, soon);
            assertThat(c.deadline()).contains(soon);
            clock.advance(SHORT);
            assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
            assertThat(parent.err()).isNull();
        }
    }

    @Test
    void deadlineInThePastIsDoneAtOnceWithoutTimer() {
        CancelableContext past = Context.withDeadline(root, clock.now().minus(SHORT));
        CancelableContext now = Context.withDeadline(root, clock.now());
        assertThat(past.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(now.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void withTimeoutIsWithDeadlineFromClockNow() {
        CancelableContext c = Context.withTimeout(root, SHORT);
        assertThat(c.deadline()).contains(clock.now().plus(SHORT));
        assertThat(c.toString()).startsWith(root + ".WithDeadline(");
        clock.advance(SHORT);
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void timeoutsLayeredThroughForeignContextFireAtSoonest() {
        Context o = new OtherContext(Context.withTimeout(root, SHORT));
        CancelableContext c = Context.withTimeout(o, VERY_LONG);
        clock.advance(SHORT);
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void cancelBeforeTimeoutGivesCanceled() {
        Context o = new OtherContext(Context.withTimeout(root, Duration.ofSeconds(1)));
        CancelableContext c = Context.withTimeout(o, VERY_LONG);
        c.cancel();
        assertThat(isDone(c)).isTrue();
        assertThat(c.err()).isSameAs(Context.CANCELED);
        clock.advance(VERY_LONG);
        assertThat(c.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void cancelStopsTheTimer() {
        CancelableContext c = Context.withTimeout(root, VERY_LONG);
        assertThat(clock.pendingTimers()).isEqualTo(1);
        c.cancel();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void parentCancelStopsChildTimers() {
        CancelableContext parent = Context.withCancel(root);
        Context.withTimeout(parent, VERY_LONG);
        Context.withTimeout(parent, VERY_LONG);
        parent.cancel();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void contextsWithoutClockUseSystemClock() {
        assertThat(Context.clock(Context.background())).isSameAs(Clock.system());
        assertThat(Context.clock(Context.withCancel(root))).isSameAs(clock);
        assertThat(root).hasToString("context.Background.WithClock(" + clock + ")");
    }

    @Test
    void systemClockDeadlineFires() throws InterruptedException {
        CancelableContext c = Context.withTimeout(Context.background(), SHORT);
        c.done().receive();
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    void hugeTimeoutSaturatesToEffectivelyNoDeadline() {
        for (Context parent : new Context[] {root, Context.background()}) {
            try (CancelableContext c = Context.withTimeout(parent, Duration.ofSeconds(Long.MAX_VALUE))) {
                assertThat(c.deadline()).contains(Instant.MAX);
                assertThat(isDone(c)).isFalse();
            }
        }
    }

    @Test
    void hugeNegativeTimeoutSaturatesToDoneAtOnce() {
        for (Context parent : new Context[] {root, Context.background()}) {
            CancelableContext c = Context.withTimeout(parent, Duration.ofSeconds(Long.MIN_VALUE / 2));
            assertThat(c.deadline()).contains(Instant.MIN);
            assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        }
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void deadlinesAtTheEndsOfTimeWork() {
        CancelableContext never = Context.withDeadline(root, Instant.MAX);
        CancelableContext past = Context.withDeadline(root, Instant.MIN);
        clock.advance(VERY_LONG);
        assertThat(isDone(never)).isFalse();
        assertThat(never.toString()).startsWith(root + ".WithDeadline(" + Instant.MAX);
        assertThat(past.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        assertThat(past.toString()).startsWith(root + ".WithDeadline(" + Instant.MIN);
        never.cancel();
        assertThat(clock.pendingTimers()).isZero();
    }
}
