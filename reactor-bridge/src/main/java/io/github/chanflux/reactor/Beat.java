package io.github.chanflux.reactor;

import java.util.Objects;

/**
 * An element of a stream with heartbeats ({@link Heartbeats#heartbeat}): either a
 * {@link Value} of the source or a {@link Pulse} that says the stream is alive while the source
 * is idle. It merges the two channels of Go's heartbeat, {@code heartbeat} and {@code results}
 * ("Concurrency in Go" 5.3), into one stream, since a Reactor subscriber has one
 * {@code onNext}. Read it with a {@code switch}:
 * <pre>{@code
 * switch (beat) {
 *     case Beat.Pulse<Order> p -> lastSeenAlive = now();
 *     case Beat.Value<Order>(Order o) -> handle(o);
 * }
 * }</pre>
 *
 * @param <T> the type of the source's values
 */
public sealed interface Beat<T> permits Beat.Pulse, Beat.Value {

    /**
     * A pulse: Go's {@code heartbeat <- struct{}{}}. All pulses are equal.
     *
     * @param <T> the type of the source's values
     */
    record Pulse<T>() implements Beat<T> {}

    /**
     * A value of the source: Go's {@code results <- r}.
     *
     * @param value the value, never null
     * @param <T> the type of the value
     */
    record Value<T>(T value) implements Beat<T> {

        /**
         * A value of the source.
         *
         * @throws NullPointerException if {@code value} is null
         */
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A pulse.
     *
     * @param <T> the type of the source's values
     * @return a pulse
     */
    static <T> Beat<T> pulse() {
        return new Pulse<>();
    }

    /**
     * A value of the source.
     *
     * @param value the value
     * @param <T> the type of the value
     * @return the value as a beat
     * @throws NullPointerException if {@code value} is null
     */
    static <T> Beat<T> value(T value) {
        return new Value<>(value);
    }
}
