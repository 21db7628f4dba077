package io.github.chanflux.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Replicated requests over goroutines: first answer wins, losers are canceled and have ended. */
class ReplicasTest {

    private final List<Integer> canceled = new CopyOnWriteArrayList<>();

    @Test
    void theFirstAnswerWinsAndEveryLoserIsCanceledAndHasEnded() throws Exception {
        Chan<Void> never = Chan.make();
        String answer = Replicas.first(Context.background(), 5, (ctx, id) -> {
            if (id != 3) {
                blockUntilCanceled(never, ctx, id);
            }
            return "replica " + id;
        });
        assertThat(answer).isEqualTo("replica 3");
        assertThat(canceled).as("first returns after wg.Wait()").containsExactlyInAnyOrder(0, 1, 2, 4);
    }

    @Test
    void aFailedReplicaLeavesTheOthersRunning() throws Exception {
        Chan<Void> firstFailed = Chan.make();
        String answer = Replicas.first(Context.background(), 2, (ctx, id) -> {
            if (id == 0) {
                firstFailed.close();
                throw new IOException("down");
            }
            firstFailed.receive();
            return "one";
        });
        assertThat(answer).isEqualTo("one");
    }

    @Test
    void whenAllFailTheErrorNamesEveryReplicasCause() {
        assertThatThrownBy(() -> Replicas.first(Context.background(), 3, (ctx, id) -> {
                    if (id == 1) {
                        return null;
                    }
                    throw new IOException("replica " + id + " down");
                }))
                .isInstanceOf(AllFailedException.class)
                .hasMessage("all 3 attempts failed: #0: java.io.IOException: replica 0 down; "
                        + "#1: java.lang.NullPointerException: attempt #1 answered null; "
                        + "#2: java.io.IOException: replica 2 down")
                .satisfies(e -> assertThat(((AllFailedException) e).causes()).hasSize(3));
    }

    @Test
    void theCallersCancelEndsTheWaitAndTheReplicas() throws Exception {
        Chan<Void> never = Chan.make();
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            ctx.cancel();
            assertThatThrownBy(() -> Replicas.first(ctx, 3, (c, id) -> never.receive()))
                    .isSameAs(Context.CANCELED);
        }
    }

    /** The cancel comes while the call waits, every replica blocked: it ends the wait and every replica. */
    @Test
    void aCancelWhileWaitingEndsTheWaitAndEveryReplica() throws Exception {
        Chan<Void> never = Chan.make();
        CountDownLatch started = new CountDownLatch(3);
        try (CancelableContext ctx = Context.withCancel(Context.background())) {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    Replicas.first(ctx, 3, (c, id) -> {
                        started.countDown();
                        blockUntilCanceled(never, c, id);
                        return "replica " + id;
                    });
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
            });
            started.await();
            ctx.cancel();
            caller.join();
            assertThat(thrown.join()).isSameAs(Context.CANCELED);
            assertThat(canceled).as("first returns after every replica ended").containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    /** An Error is not a failure another replica makes up for: it is thrown at once (the call used to wait forever). */
    @Test
    void anErrorInAReplicaIsThrownAndTheOthersAreCanceled() throws Exception {
        Chan<Void> never = Chan.make();
        assertThatThrownBy(() -> Replicas.first(Context.background(), 2, (ctx, id) -> {
                    if (id == 0) {
                        throw new AssertionError("replica 0 broke");
                    }
                    blockUntilCanceled(never, ctx, id);
                    return "replica " + id;
                }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("replica 0 broke");
        assertThat(canceled).containsExactly(1);
    }

    @Test
    void badArgumentsAreNamedAtTheCall() {
        assertThatThrownBy(() -> Replicas.first(Context.background(), 0, (ctx, id) -> id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas: n must be at least 1, got 0");
        assertThatThrownBy(() -> Replicas.first(Context.background(), 1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("replica");
        assertThatThrownBy(() -> Replicas.first(null, 1, (ctx, id) -> id))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("ctx");
    }

    /** A replica that waits on {@code never} until its context's cancel interrupts it, then records that it saw the cancel. */
    private void blockUntilCanceled(Chan<Void> never, Context ctx, int id) throws InterruptedException {
        try {
            never.receive();
        } finally {
            if (ctx.err() != null) {
                canceled.add(id);
            }
        }
    }
}
