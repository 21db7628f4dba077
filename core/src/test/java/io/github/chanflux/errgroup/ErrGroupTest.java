package io.github.chanflux.errgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** errgroup's TestZeroGroup, TestWithContext, TestTryGo, TestGoLimit and TestCancelCause. */
class ErrGroupTest {

    private static final Exception ERR1 = new Exception("errgroup_test: 1");
    private static final Exception ERR2 = new Exception("errgroup_test: 2");
    private static final Exception DOOM = new Exception("group_test: doomed");

    static Stream<Arguments> zeroGroupCases() {
        return Stream.of(
                Arguments.of((Object) new Exception[] {}),
                Arguments.of((Object) new Exception[] {null}),
                Arguments.of((Object) new Exception[] {ERR1}),
                Arguments.of((Object) new Exception[] {ERR1, null, ERR2}));
    }

    @ParameterizedTest
    @MethodSource("zeroGroupCases")
    void zeroGroupAwaitReturnsFirstError(Exception[] errs) throws Exception {
        ErrGroup g = new ErrGroup();
        Exception first = null;
        for (Exception e : errs) {
            g.go(() -> fail(e));
            if (first == null && e != null) {
                first = e;
            }
            assertThat(firstError(g)).as("after %s", Arrays.toString(errs)).isSameAs(first);
        }
    }

    static Stream<Arguments> contextCases() {
        return Stream.of(
                Arguments.of(List.of(), null),
                Arguments.of(Arrays.asList((Exception) null), null),
                Arguments.of(List.of(DOOM), DOOM),
                Arguments.of(Arrays.asList(DOOM, null), DOOM));
    }

    @ParameterizedTest
    @MethodSource("contextCases")
    void withContextIsCanceledAfterAwait(List<Exception> errs, Exception want) throws Exception {
        ErrGroup g = ErrGroup.withContext(Context.background());
        for (Exception e : errs) {
            g.go(() -> fail(e));
        }
        assertThat(firstError(g)).isSameAs(want);
        assertThat(g.context().done().tryReceive()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("contextCases")
    void contextCauseIsFirstErrorOrCanceled(List<Exception> errs, Exception want) throws Exception {
        ErrGroup g = ErrGroup.withContext(Context.background());
        for (Exception e : errs) {
            assertThat(g.tryGo(() -> fail(e))).isTrue();
        }
        assertThat(firstError(g)).isSameAs(want);
        assertThat(Context.cause(g.context())).isSameAs(want == null ? Context.CANCELED : want);
    }

    @Test
    void firstErrorCancelsContextBeforeAwait() throws Exception {
        ErrGroup g = ErrGroup.withContext(Context.background());
        g.go(() -> fail(DOOM));
        g.go(() -> g.context().done().receive());
        assertThat(firstError(g)).isSameAs(DOOM);
    }

    @Test
    void tryGoRespectsLimit() throws Exception {
        ErrGroup g = new ErrGroup();
        int n = 42;
        g.setLimit(n);
        Chan<Boolean> ch = Chan.make();
        Go.Task fn = () -> ch.send(true);
        for (int i = 0; i < n; i++) {
            assertThat(g.tryGo(fn)).as("call %d", i).isTrue();
        }
        assertThat(g.tryGo(fn)).isFalse();
        drain(ch, n);
        g.await();
        assertThat(g.tryGo(fn)).isTrue();
        drain(ch, 1);
        g.await();

        g.setLimit(1);
        assertThat(g.tryGo(fn)).isTrue();
        assertThat(g.tryGo(fn)).isFalse();
        drain(ch, 1);
        g.await();

        g.setLimit(0);
        for (int i = 0; i < 1 << 10; i++) {
            assertThat(g.tryGo(fn)).isFalse();
        }
        g.await();
    }

    /** A limit is a counter, not a buffer of its size (reliability item 16). */
    @Test
    void theLargestLimitCostsNothing() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(Integer.MAX_VALUE);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            assertThat(g.tryGo(ran::incrementAndGet)).isTrue();
            g.go(ran::incrementAndGet);
        }
        assertThat(firstError(g)).isNull();
        assertThat(ran).hasValue(200);
    }

    @Test
    void goNeverExceedsLimit() throws Exception {
        int limit = 10;
        ErrGroup g = new ErrGroup();
        g.setLimit(limit);
        AtomicInteger active = new AtomicInteger();
        for (int i = 0; i <= 1 << 10; i++) {
            g.go(() -> {
                int n = active.incrementAndGet();
                if (n > limit) {
                    throw new IllegalStateException("saw " + n + " active goroutines; want <= " + limit);
                }
                Thread.yield(); // give the others a chance to increment active
                active.decrementAndGet();
            });
        }
        assertThat(firstError(g)).isNull();
    }

    @Test
    void goBlocksAtLimitUntilATaskEnds() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(1);
        Chan<Boolean> release = Chan.make();
        Chan<String> order = Chan.make(2);
        g.go(() -> {
            release.receive();
            order.send("first ended");
        });
        Thread starter = Go.go(() -> g.go(() -> order.send("second started")));
        release.send(true);
        assertThat(order.receive().value()).isEqualTo("first ended");
        assertThat(order.receive().value()).isEqualTo("second started");
        starter.join();
        g.await();
    }

    @Test
    void setLimitWhileActiveFailsNamingCount() throws Exception {
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        Chan<Boolean> release = Chan.make();
        g.go(release::receive);
        assertThatThrownBy(() -> g.setLimit(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("errgroup: modify limit while 1 goroutines in the group are still active");
        release.close();
        g.await();
    }

    @Test
    void zeroGroupHasNoContext() {
        assertThatThrownBy(() -> new ErrGroup().context()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ErrGroup.withContext(null)).hasMessage("parent");
    }

    @Test
    void awaitWaitsForEveryTask() throws Exception {
        ErrGroup g = new ErrGroup();
        List<Integer> done = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            int n = i;
            g.go(() -> done.add(n));
        }
        g.await();
        assertThat(done).hasSize(100);
    }

    private static void fail(Exception e) throws Exception {
        if (e != null) {
            throw e;
        }
    }

    private static void drain(Chan<Boolean> ch, int n) throws Exception {
        Thread drainer = Go.go(() -> {
            for (int i = 0; i < n; i++) {
                ch.receive();
            }
        });
        drainer.join();
    }

    /** What Go's {@code g.Wait()} returns: the first error (the cause {@code await} throws), or null. */
    private static Throwable firstError(ErrGroup g) throws InterruptedException {
        try {
            g.await();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
