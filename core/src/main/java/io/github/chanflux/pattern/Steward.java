package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Ticker;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The steward of "Concurrency in Go" 5.6, healing unhealthy goroutines: Go's
 * {@code newSteward(timeout, startGoroutine) startGoroutineFn}. A steward starts a goroutine
 * (its ward), watches the ward's heartbeat, and restarts the ward when no pulse arrives within
 * {@code timeout}. The steward is itself a {@link StartGoroutineFn}, so a steward can be the
 * ward of another steward.
 *
 * <p>Started with {@code start(done, pulseInterval)}, the steward runs the book's monitor loop
 * on a goroutine of its own:
 * <ul>
 * <li>It starts the ward with {@code start(wardDone, timeout / 2)}: the ward is asked to pulse
 *     twice per timeout, and ends when its {@code wardDone} closes.</li>
 * <li>Every pulse of the ward restarts the timeout. When the timeout expires, the steward logs
 *     {@code "steward: ward unhealthy; restarting"}, stops the ward (closes its
 *     {@code wardDone}) and then starts a new one. It does not wait for the old ward to end: a
 *     ward that ignores its {@code done} leaks, as in Go (4.3).</li>
 * <li>The steward's own heartbeat (the returned channel) receives the tick's {@link Instant}
 *     every {@code pulseInterval}; a pulse is skipped while the previous one is still
 *     unread.</li>
 * <li>When {@code done} closes, the steward stops the ward (closes its {@code wardDone}), closes
 *     its heartbeat and ends.</li>
 * </ul>
 *
 * <p>Where it differs from the book's code, and why:
 * <ul>
 * <li>Time is on a {@link Clock} (the book's {@code time.Tick} and {@code time.After}), so it runs
 *     on fake time; the pulse ticker is stopped and the pending timeout cancelled when the loop
 *     ends or moves on, where Go's {@code time.Tick} and {@code time.After} stay armed.</li>
 * <li>The heartbeat has a buffer of one, as the heartbeats of 5.3, so a pulse is not lost when
 *     its reader (an outer steward, say) is busy for a moment as it comes. The book's steward
 *     sends on an unbuffered channel with {@code default}, which drops every pulse its reader is
 *     not waiting for at that instant; one dropped pulse leaves the next one tied with the
 *     timeout (it comes two pulse intervals after the last), and a healthy ward may be
 *     restarted.</li>
 * <li>The ward's {@code done} is one channel that the steward closes, on a restart and when
 *     {@code done} closes. The book passes {@code or(wardDone, done)}, whose goroutine closes it
 *     a moment after {@code close(wardDone)}; here the old ward's {@code done} has closed before
 *     the new ward starts, with no goroutine per ward. The difference shows only if the
 *     steward's goroutine is held up (in {@code startGoroutine} or the log): the ward then sees
 *     {@code done} once the steward gets to it.</li>
 * <li>A ward whose heartbeat channel closes has ended: the steward stops listening to it and
 *     restarts the ward when the timeout expires, as for a silent one. (The book's loop would
 *     receive from the closed channel over and over, resetting the timeout forever.)</li>
 * <li>Log lines go to a {@code Consumer<String>} (the book's {@code log.Println}); by default to
 *     the {@link System.Logger} named after this class, at {@code WARNING}.</li>
 * <li>If starting the ward throws, or returns null instead of a channel, the steward stops the
 *     ward it has, closes its heartbeat and ends; the exception goes to the goroutine's
 *     uncaught-exception handler ({@link Go}), where Go would panic.</li>
 * </ul>
 * Go:
 * <pre>{@code
 * doWorkWithSteward := newSteward(4*time.Second, doWork)
 * for range doWorkWithSteward(done, 4*time.Second) {}
 * }</pre>
 * chanflux:
 * <pre>{@code
 * StartGoroutineFn doWorkWithSteward = newSteward(Duration.ofSeconds(4), this::doWork);
 * for (Object pulse : doWorkWithSteward.start(done, Duration.ofSeconds(4))) { }
 * }</pre>
 */
public final class Steward {

    private static final System.Logger LOGGER = System.getLogger(Steward.class.getName());

    private final Duration timeout;
    private final StartGoroutineFn startGoroutine;
    private final Clock clock;
    private final Consumer<String> log;

    private Steward(Duration timeout, StartGoroutineFn startGoroutine, Clock clock, Consumer<String> log) {
        this.timeout = checkPositive(timeout, "timeout");
        this.startGoroutine = Objects.requireNonNull(startGoroutine, "startGoroutine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * A steward on the system clock that logs to the {@link System.Logger} named after this
     * class: Go's {@code newSteward(timeout, startGoroutine)}.
     *
     * @param timeout how long the ward may go without a pulse before it is restarted
     * @param startGoroutine starts the ward
     * @return the steward, which starts its monitor loop when called
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if an argument is null
     */
    public static StartGoroutineFn newSteward(Duration timeout, StartGoroutineFn startGoroutine) {
        return newSteward(
                timeout, startGoroutine, Clock.system(), line -> LOGGER.log(System.Logger.Level.WARNING, line));
    }

    /**
     * A steward whose time is on {@code clock} and whose log lines go to {@code log}.
     *
     * @param timeout how long the ward may go without a pulse before it is restarted
     * @param startGoroutine starts the ward
     * @param clock the clock of the pulses and the timeout
     * @param log receives the steward's log lines, on the steward's goroutine
     * @return the steward, which starts its monitor loop when called
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException if an argument is null
     */
    public static StartGoroutineFn newSteward(
            Duration timeout, StartGoroutineFn startGoroutine, Clock clock, Consumer<String> log) {
        Steward steward = new Steward(timeout, startGoroutine, clock, log);
        return steward::start;
    }

    /** The steward as a {@link StartGoroutineFn}: checks the arguments, starts the monitor loop. */
    private RecvChan<Instant> start(RecvChan<?> done, Duration pulseInterval) {
        Objects.requireNonNull(done, "done");
        checkPositive(pulseInterval, "pulseInterval");
        Chan<Instant> heartbeat = Chan.make(1);
        Go.go(() -> new Monitor(done, heartbeat).run(pulseInterval));
        return heartbeat;
    }

    private static Duration checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (!d.isPositive()) {
            throw new IllegalArgumentException("steward " + name + " must be positive, got " + d);
        }
        return d;
    }

    /** The state of one run of the monitor loop; touched by the steward's goroutine only. */
    private final class Monitor {
        private final RecvChan<?> done;
        private final Chan<Instant> heartbeat;
        private Chan<Void> wardDone;
        private RecvChan<?> wardHeartbeat;
        private Chan<Instant> timeoutSignal;
        private Timer timeoutTimer;

        Monitor(RecvChan<?> done, Chan<Instant> heartbeat) {
            this.done = done;
            this.heartbeat = heartbeat;
        }

        /** The book's {@code monitorLoop}. */
        void run(Duration pulseInterval) throws InterruptedException {
            try (heartbeat;
                    Ticker pulse = clock.newTicker(pulseInterval)) {
                try {
                    startWard();
                    while (true) {
                        Selected s = select(recv(pulse.c()), recv(wardHeartbeat), recv(timeoutSignal), recv(done));
                        if (s.is(pulse.c())) {
                            heartbeat.trySend(s.received(pulse.c()).value());
                        } else if (s.is(wardHeartbeat)) {
                            wardPulsed(s.received(wardHeartbeat).ok());
                        } else if (s.is(timeoutSignal)) {
                            log.accept("steward: ward unhealthy; restarting");
                            stopWard();
                            startWard();
                        } else {
                            return;
                        }
                    }
                } finally {
                    stopWard();
                }
            }
        }

        /** The book's {@code startWard}, plus arming the timeout. */
        private void startWard() {
            wardDone = Chan.make();
            RecvChan<?> pulses = startGoroutine.start(wardDone, wardPulseInterval());
            wardHeartbeat = Objects.requireNonNull(
                    pulses, "startGoroutine returned null; a ward that never pulses returns Chan.nil()");
            armTimeout();
        }

        /** Tells the ward to stop and disarms its timeout; the ward ends on its own time. */
        private void stopWard() {
            if (timeoutTimer != null) {
                timeoutTimer.stop();
            }
            wardDone.close();
        }

        /** A pulse restarts the timeout; a closed heartbeat means the ward has ended. */
        private void wardPulsed(boolean ok) {
            if (ok) {
                timeoutTimer.stop();
                armTimeout();
            } else {
                wardHeartbeat = Chan.nil();
            }
        }

        /** A fresh channel per timeout, so a timer that fired as it was stopped is never seen. */
        private void armTimeout() {
            Chan<Instant> signal = Chan.make(1);
            timeoutSignal = signal;
            timeoutTimer = clock.afterFunc(timeout, () -> signal.trySend(clock.now()));
        }

        /** Go's {@code timeout/2}, at least a nanosecond so a ward's ticker accepts it. */
        private Duration wardPulseInterval() {
            Duration half = timeout.dividedBy(2);
            return half.isPositive() ? half : timeout;
        }
    }
}
