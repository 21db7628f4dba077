package io.github.chanflux.pattern;

import io.github.chanflux.chan.RecvChan;
import java.time.Duration;

/**
 * Starts a goroutine that can be monitored: Go's
 * {@code type startGoroutineFn func(done <-chan interface{}, pulseInterval time.Duration) (heartbeat <-chan interface{})}
 * ("Concurrency in Go" 5.6, healing unhealthy goroutines). A {@link Steward} takes one (its
 * ward) and is one, so stewards nest.
 *
 * <p>The contract, as in the book: {@code start} starts the goroutine and returns at once; the
 * goroutine sends on the returned channel about every {@code pulseInterval} while it is healthy
 * (a send that nobody takes is skipped, Go's {@code select} with {@code default}) and ends when
 * {@code done} closes. The values sent are only pulses: their content carries no meaning. A
 * goroutine that never pulses returns the {@linkplain io.github.chanflux.chan.Chan#nil() nil
 * channel} (the book's irresponsible ward returns Go's {@code nil}), never null.
 */
@FunctionalInterface
public interface StartGoroutineFn {

    /**
     * Starts the goroutine.
     *
     * @param done closes when the goroutine must end
     * @param pulseInterval how often the goroutine should pulse on the returned channel
     * @return the heartbeat: receives a pulse about every {@code pulseInterval}
     */
    RecvChan<?> start(RecvChan<?> done, Duration pulseInterval);
}
