package io.github.chanflux.pattern;

import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select;
import io.github.chanflux.chan.SendChan;

/**
 * The two steps every pattern's goroutine repeats, each a Go {@code select} with {@code done}:
 * sending a value and receiving one. Package-private plumbing of {@link Patterns}.
 */
final class Steps {

    private Steps() {
    }

    /**
     * {@code select { case <-done: return false; case out <- v: return true }}: whether {@code v}
     * was sent before {@code done} closed. When both are ready, Go chooses at random, and so
     * does this.
     */
    static <T> boolean send(RecvChan<?> done, SendChan<T> out, T v) throws InterruptedException {
        return Select.<Boolean>select()
                .recv(done, r -> false)
                .send(out, v, () -> true)
                .run();
    }

    /**
     * {@code select { case <-done: ...; case v, ok := <-in: ... }}: the next value of {@code in},
     * or a not-ok {@link Received} when {@code in} is closed or {@code done} closed first.
     */
    static <T> Received<T> receive(RecvChan<?> done, RecvChan<T> in) throws InterruptedException {
        return Select.<Received<T>>select()
                .recv(done, r -> Received.closed())
                .recv(in, r -> r)
                .run();
    }

    /**
     * {@code select { case <-done: return true; default: return false }}: whether {@code done}
     * has closed, without blocking. A done channel carries no values, only its close.
     */
    static boolean fired(RecvChan<?> done) {
        return done.tryReceive() != null;
    }
}
