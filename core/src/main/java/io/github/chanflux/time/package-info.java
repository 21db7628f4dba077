/**
 * Go's {@code time} essentials behind an injectable {@link io.github.chanflux.time.Clock}:
 * {@code time.Now}, {@code time.AfterFunc} with a stoppable {@link io.github.chanflux.time.Timer},
 * and {@code time.After}.
 *
 * <p>Production code takes a {@code Clock} and defaults to
 * {@link io.github.chanflux.time.Clock#system()}; tests pass a
 * {@link io.github.chanflux.time.FakeClock} and move time by hand, so they never sleep.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock();
 * RecvChan<Instant> tick = clock.after(Duration.ofMinutes(1));
 * clock.advance(Duration.ofMinutes(1));        // fires the timer
 * tick.receive();                              // at once: the value is already there
 * }</pre>
 */
package io.github.chanflux.time;
