package io.github.chanflux.context;

import static io.github.chanflux.context.Done.isDone;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trees far deeper than a thread's stack: Go handles any depth, so every walk (cancellation,
 * deadline, done, err, value, toString) must be a loop, never a recursion.
 */
class DeepTreeTest {

    private static final int DEPTH = 100_000;

    private final FakeClock clock = new FakeClock();
    private final Context root = Context.withClock(Context.background(), clock);

    @Test
    void cancellingTheRootCancelsEveryLevelOfADeepChainWithItsCause() {
        CancelCauseContext top = Context.withCancelCause(root);
        List<CancelableContext> chain = cancelChain(top);
        RuntimeException why = new RuntimeException("why");
        top.cancel(why);
        assertThat(failures(chain, Context.CANCELED, why)).isZero();
        assertThat(((CancelContext) top).childCount()).isZero();
    }

    @Test
    void aPassingDeadlineCancelsEveryLevelOfADeepChain() {
        CancelableContext top = Context.withTimeout(root, Duration.ofSeconds(1));
        List<CancelableContext> chain = cancelChain(top);
        clock.advance(Duration.ofSeconds(1));
        assertThat(failures(chain, Context.DEADLINE_EXCEEDED, Context.DEADLINE_EXCEEDED))
                .isZero();
    }

    @Test
    void cancellingTheRootCancelsEveryLevelOfADeepMixedChain() {
        CancelableContext top = Context.withCancel(root);
        List<CancelableContext> chain = new ArrayList<>();
        Context c = top;
        for (int i = 0; i < DEPTH; i++) {
            c = Context.withValue(c, Key.of("k" + i), i);
            CancelableContext next = i % 1000 == 999
                    ? Context.withTimeout(c, Duration.ofHours(1).minusNanos(i)) // sooner: a timer each
                    : Context.withCancel(c);
            chain.add(next);
            c = next;
        }
        assertThat(clock.pendingTimers()).isEqualTo(DEPTH / 1000);
        top.cancel();
        assertThat(failures(chain, Context.CANCELED, Context.CANCELED)).isZero();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void everyQueryAnswersThroughADeepValueChain() {
        CancelableContext top = Context.withTimeout(root, Duration.ofSeconds(1));
        Key<String> first = Key.of("first");
        Context c = Context.withValue(top, first, "v0");
        for (int i = 1; i < DEPTH; i++) {
            c = Context.withValue(c, Key.of("k"), "v" + i);
        }
        assertThat(c.deadline()).isEqualTo(top.deadline());
        assertThat(c.done()).isSameAs(top.done());
        assertThat(c.err()).isNull();
        assertThat(c.value(first)).contains("v0");
        assertThat(c.toString())
                .startsWith(top + ".WithValue(first, v0).WithValue(k, v1)")
                .endsWith(".WithValue(k, v" + (DEPTH - 1) + ")");
        top.cancel();
        assertThat(c.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(c)).isSameAs(Context.CANCELED);
    }

    @Test
    void deadlineAndToStringAnswerThroughADeepCancelChain() {
        CancelableContext top = Context.withTimeout(root, Duration.ofSeconds(1));
        List<CancelableContext> chain = cancelChain(top);
        CancelableContext bottom = chain.get(DEPTH - 1);
        assertThat(bottom.deadline()).isEqualTo(top.deadline());
        assertThat(bottom.toString()).startsWith(top + ".WithCancel").endsWith(".WithCancel.WithCancel");
        top.cancel();
    }

    @Test
    void deepWithoutCancelChainPrintsAndFindsValues() {
        Key<String> k = Key.of("k");
        Context c = Context.withValue(root, k, "v");
        for (int i = 0; i < DEPTH; i++) {
            c = Context.withoutCancel(c);
        }
        assertThat(c.value(k)).contains("v");
        assertThat(c.toString())
                .startsWith(root + ".WithValue(k, v).WithoutCancel")
                .endsWith(".WithoutCancel");
    }

    private static List<CancelableContext> cancelChain(Context top) {
        List<CancelableContext> chain = new ArrayList<>(DEPTH);
        Context c = top;
        for (int i = 0; i < DEPTH; i++) {
            CancelableContext next = Context.withCancel(c);
            chain.add(next);
            c = next;
        }
        return chain;
    }

    /** How many levels are not done with {@code err} and {@code cause}, or still link children. */
    private static long failures(List<CancelableContext> chain, Exception err, Throwable cause) {
        return chain.stream()
                .filter(c -> !isDone(c)
                        || c.err() != err
                        || Context.cause(c) != cause
                        || ((CancelContext) c).childCount() != 0)
                .count();
    }
}
