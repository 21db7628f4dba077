package io.github.chanflux.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Go's XTestCustomContextGoroutines, TestCustomContextCause and
 * TestWithCancelSimultaneouslyCanceledParent: parents of classes the package does not know.
 */
class ForeignContextTest {

    @Test
    void wrapperOfPackageContextIsLinkedWithoutGoroutine() {
        CancelContext inner = CancelContext.create(Context.background());
        CancelableContext child = Context.withCancel(new OtherContext(inner));
        assertThat(inner.childCount()).isEqualTo(1);
        assertThat(propagationGoroutines()).isZero();
        inner.cancel();
        assertThat(child.err()).isSameAs(Context.CANCELED);
    }

    @Test
    void contextWithOwnDoneIsWatchedByOneGoroutineThatEndsWithTheChild() throws InterruptedException {
        Custom parent = new Custom();
        CancelableContext child = Context.withCancel(parent);
        Thread watcher = Go.running().stream()
                .filter(t -> t.getName().equals("context.propagateCancel"))
                .findFirst()
                .orElseThrow();
        child.cancel();
        watcher.join();
        assertThat(parent.err()).isNull();
    }

    @Test
    void canceledForeignParentCancelsChildWithItsErrAsCause() throws InterruptedException {
        Custom parent = new Custom();
        CancelableContext child = Context.withCancel(parent);
        parent.cancel();
        child.done().receive();
        assertThat(child.err()).isSameAs(Context.CANCELED);
        assertThat(Context.cause(child)).isSameAs(Context.CANCELED);
        assertThat(Context.cause(parent)).isSameAs(Context.CANCELED);
    }

    @Test
    void childCauseDoesNotTouchForeignParent() {
        Custom parent = new Custom();
        CancelCauseContext child = Context.withCancelCause(parent);
        Exception cause = new Exception("TestCustomContextCause");
        child.cancel(cause);
        assertThat(Context.cause(child)).isSameAs(cause);
        assertThat(parent.err()).isNull();
        assertThat(Context.cause(parent)).isNull();
    }

    @Test
    void childOfParentCanceledConcurrentlyGetsParentsCause() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            CancelCauseContext parent = Context.withCancelCause(Context.background());
            Exception cause = new Exception("Because!");
            Thread canceler = Go.go(() -> parent.cancel(cause));
            CancelableContext c = Context.withCancel(parent);
            c.done().receive();
            assertThat(c.err()).isSameAs(Context.CANCELED);
            assertThat(Context.cause(c)).isSameAs(cause);
            canceler.join();
        }
    }

    private static long propagationGoroutines() {
        return Go.running().stream()
                .filter(t -> t.getName().equals("context.propagateCancel"))
                .count();
    }

    /** Go's customCauseContext: its own done channel and error, no values. */
    private static final class Custom implements Context {
        private final Chan<Void> done = Chan.make();
        private volatile Exception err;

        void cancel() {
            err = Context.CANCELED;
            done.close();
        }

        @Override
        public Optional<Instant> deadline() {
            return Optional.empty();
        }

        @Override
        public RecvChan<Void> done() {
            return done;
        }

        @Override
        public Exception err() {
            return err;
        }

        @Override
        public <T> Optional<T> value(Key<T> key) {
            return Optional.empty();
        }
    }
}
