package io.github.chanflux.context;

import io.github.chanflux.time.Clock;
import java.util.Objects;

/** {@link Context#withClock}: a value context holding the clock, under a private key. */
final class ClockContext extends ValueContext<Clock> {

    static final Key<Clock> KEY = Key.of("clock");

    ClockContext(Context parent, Clock clock) {
        super(Objects.requireNonNull(parent, "parent"), KEY, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String layer() {
        return ".WithClock(" + value + ")";
    }
}
