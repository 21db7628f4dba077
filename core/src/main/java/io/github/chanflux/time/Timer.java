package io.github.chanflux.time;

/**
 * A single pending event of a {@link Clock}: Go's {@code *time.Timer} as returned by
 * {@code time.AfterFunc}.
 *
 * <p>Used in "Concurrency in Go" wherever a goroutine gives up after a while (4.12, 5.2).
 * A timer fires at most once. Stopping it is the only way to keep it from firing; it does
 * not wait for a callback that has already started.
 */
@FunctionalInterface
public interface Timer {

    /**
     * Prevents the timer from firing: Go's {@code Timer.Stop}. Returns true if this call
     * stopped it, false if it had already fired or been stopped. After {@code stop} returns
     * false for a fired timer, its callback may still be running.
     */
    boolean stop();
}
