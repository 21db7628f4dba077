package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker goroutine that tells the world it is alive: the heartbeats of "Concurrency in Go"
 * 5.3, whose {@code doWork} returns {@code (heartbeat <-chan interface{}, results <-chan T)}.
 * This record is that pair; {@link #interval} and {@link #workUnits} start the worker.
 *
 * <p>The worker's body is a {@link Work} that talks to the world through a {@link Worker}:
 * {@link Worker#send} delivers a result, {@link Worker#receive} waits for input and
 * {@link Worker#pulse} sends a pulse. A pulse that nobody is ready to take is dropped, never
 * waited for (Go's {@code select { case heartbeat <- struct{}{}: default: }}), so a worker
 * never blocks on a reader that ignores its heartbeat. {@link #heartbeat()} has a buffer of
 * one, as in the book's tested {@code DoWork}: the latest pulse waits for a reader who comes
 * late, so a test can start with {@code heartbeat().receive()} ("the worker has begun").
 *
 * <p>Both channels close when the work returns, when it throws (the goroutine then ends with
 * that exception, reported as uncaught by {@link Go}), and when {@code done} closes and the work
 * returns because {@code send} or {@code receive} said so. A worker that hangs somewhere else
 * stops pulsing and keeps its channels open: a reader that selects on {@code heartbeat()} with
 * a timeout of about two intervals tells it is unhealthy (5.3, 5.6). Pulses carry the instant
 * they were sent on the worker's clock; only their arrival matters.
 *
 * @param heartbeat the pulses, capacity one; closed when the worker ends
 * @param results the work's results, unbuffered; closed when the worker ends
 * @param <T> the type of the results
 */
public record Heartbeat<T>(RecvChan<Instant> heartbeat, RecvChan<T> results) {

    /**
     * The heartbeat and results of a worker.
     *
     * @throws NullPointerException if a channel is null
     */
    public Heartbeat {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(results, "results");
    }

    /**
     * The body of a worker: runs on the worker's goroutine, and uses {@code worker} to receive,
     * send and pulse.
     *
     * @param <T> the type of the results
     */
    @FunctionalInterface
    public interface Work<T> {

        /**
         * Does the work, returning when it is over or when {@code worker}'s {@code send} or
         * {@code receive} says that {@code done} closed.
         *
         * @param worker the worker's channels
         * @throws Exception anything; it ends the goroutine and closes both channels
         */
        void run(Worker<T> worker) throws Exception;
    }

    /**
     * Starts a worker with interval heartbeats: the book's {@code doWork(done, pulseInterval)}.
     * While the work waits in {@link Worker#receive} or {@link Worker#send}, a pulse is sent at
     * every tick of a {@link Ticker} of {@code pulseInterval} on {@code clock} (and dropped if
     * nobody takes it); the work may also {@link Worker#pulse()} by itself. While it computes
     * elsewhere, it does not pulse, so a stuck computation shows as a silent heartbeat. The
     * ticker is stopped when the worker ends.
     *
     * @param done closing it asks the worker to stop
     * @param pulseInterval the time between pulses while waiting; Go's {@code pulseInterval}
     * @param clock the clock of the ticker and of the pulses' instants
     * @param work the worker's body
     * @param <T> the type of the results
     * @return the heartbeat and results channels of the worker just started
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code pulseInterval} is zero or negative
     */
    public static <T> Heartbeat<T> interval(RecvChan<?> done, Duration pulseInterval, Clock clock, Work<T> work) {
        Objects.requireNonNull(pulseInterval, "pulseInterval");
        if (!pulseInterval.isPositive()) {
            throw new IllegalArgumentException("heartbeat needs pulseInterval > 0, got " + pulseInterval);
        }
        return start(done, pulseInterval, clock, work);
    }

    /**
     * Starts a worker with work-unit heartbeats: the book's {@code doWork(done)} that pulses
     * "at the beginning of a unit of work". The work calls {@link Worker#pulse()} as it starts
     * each unit; nothing pulses by itself. A test waits for the first pulse, then reads the
     * results with no timeout at all: the worker is known to have begun (5.3, the good
     * {@code TestDoWork_GeneratesAllNumbers}).
     *
     * @param done closing it asks the worker to stop
     * @param clock the clock of the pulses' instants
     * @param work the worker's body
     * @param <T> the type of the results
     * @return the heartbeat and results channels of the worker just started
     * @throws NullPointerException if an argument is null
     */
    public static <T> Heartbeat<T> workUnits(RecvChan<?> done, Clock clock, Work<T> work) {
        return start(done, null, clock, work);
    }

    private static <T> Heartbeat<T> start(RecvChan<?> done, Duration pulseInterval, Clock clock, Work<T> work) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(work, "work");
        Chan<Instant> heartbeat = Chan.make(1);
        Chan<T> results = Chan.make();
        Go.go(() -> {
            try (heartbeat;
                    results;
                    Ticker ticker = pulseInterval == null ? null : clock.newTicker(pulseInterval)) {
                RecvChan<Instant> pulse = ticker == null ? Chan.nil() : ticker.c();
                work.run(new Worker<>(done, pulse, clock, heartbeat, results));
            }
        });
        return new Heartbeat<>(heartbeat, results);
    }

    /**
     * The worker's side of a {@link Heartbeat}: its {@code sendResult}, its input loop's
     * {@code select} and its {@code sendPulse}. Used by the worker's goroutine only.
     *
     * @param <T> the type of the results
     */
    public static final class Worker<T> {

        private final RecvChan<?> done;
        private final RecvChan<Instant> pulse;
        private final Clock clock;
        private final Chan<Instant> heartbeat;
        private final Chan<T> results;

        private Worker(
                RecvChan<?> done, RecvChan<Instant> pulse, Clock clock, Chan<Instant> heartbeat, Chan<T> results) {
            this.done = done;
            this.pulse = pulse;
            this.clock = clock;
            this.heartbeat = heartbeat;
            this.results = results;
        }

        /**
         * Sends a result, pulsing at every tick while the reader is not ready: the book's
         * {@code sendResult}.
         * <pre>{@code
         * for {
         *     select {
         *     case <-done: return
         *     case <-pulse: sendPulse()
         *     case results <- r: return
         *     }
         * }
         * }</pre>
         *
         * @param result the result
         * @return true if it was sent, false if {@code done} closed first (it was not sent)
         * @throws NullPointerException if {@code result} is null
         * @throws InterruptedException if interrupted while waiting
         */
        public boolean send(T result) throws InterruptedException {
            Objects.requireNonNull(result, "result");
            while (true) {
                Selected s = select(recv(done), recv(pulse), Select.send(results, result));
                if (s.is(done)) {
                    return false;
                }
                if (!s.is(pulse)) {
                    return true;
                }
                pulse();
            }
        }

        /**
         * Receives the next input, pulsing at every tick while none comes: the book's main loop,
         * {@code select { case <-done: return; case <-pulse: sendPulse(); case r := <-workGen: … }}.
         *
         * @param in the input
         * @param <U> the type of the input
         * @return the value with {@code ok == true}; {@link Received#closed()} if {@code in} is
         *     closed and drained or {@code done} closed first
         * @throws NullPointerException if {@code in} is null
         * @throws InterruptedException if interrupted while waiting; then no value was taken
         */
        public <U> Received<U> receive(RecvChan<U> in) throws InterruptedException {
            Objects.requireNonNull(in, "in");
            while (true) {
                Selected s = select(recv(done), recv(pulse), recv(in));
                if (s.is(done)) {
                    return Received.closed();
                }
                if (!s.is(pulse)) {
                    return s.received(in);
                }
                pulse();
            }
        }

        /**
         * Sends a pulse if the heartbeat has room, and drops it otherwise; never blocks: the
         * book's {@code sendPulse}, {@code select { case heartbeat <- struct{}{}: default: }}.
         */
        public void pulse() {
            heartbeat.trySend(clock.now());
        }
    }
}
