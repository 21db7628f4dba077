package io.github.chanflux.pattern;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The patterns of chapter 4 of "Concurrency in Go" over {@link Chan channels}: generators,
 * pipeline stages, or-channel, or-done, tee, bridge, fan-out/fan-in and queuing. A static import
 * of this class gives the whole vocabulary.
 *
 * <p>Every function follows the book's shape: it makes an output channel, starts one goroutine
 * ({@link Go#go}) that owns, writes and closes it, and returns only its receive side. Every
 * goroutine ends when its input closes or when {@code done} closes, so closing {@code done}
 * tears a whole pipeline down (4.3, 4.6.1). {@code done} is any {@code RecvChan}: a
 * {@code Chan<Void>} closed by its owner, or a context's done channel. Output channels are
 * unbuffered, as in the book, unless stated otherwise: a stage reads its next input only when
 * the previous output was taken. Values are never null.
 */
public final class Patterns {

    private Patterns() {}

    /**
     * The values, in order, then closes (4.6.1, "generator"):
     * <pre>{@code
     * for _, i := range integers {
     *     select {
     *     case <-done: return
     *     case intStream <- i:
     *     }
     * }
     * }</pre>
     *
     * @throws NullPointerException if a value is null
     */
    @SafeVarargs
    public static <T> RecvChan<T> generator(RecvChan<?> done, T... values) {
        List<T> copy = listOf("values", values);
        return start(done, out -> {
            for (T v : copy) {
                if (!out.send(v, done)) {
                    return;
                }
            }
        });
    }

    /**
     * The values over and over until {@code done} closes (4.6.2, {@code repeat}). Go's
     * {@code repeat} with no values spins forever; here that is an error.
     *
     * @throws IllegalArgumentException if there are no values
     * @throws NullPointerException if a value is null
     */
    @SafeVarargs
    public static <T> RecvChan<T> repeat(RecvChan<?> done, T... values) {
        List<T> copy = listOf("values", values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("repeat needs at least one value, got 0");
        }
        return start(done, out -> {
            while (true) {
                for (T v : copy) {
                    if (!out.send(v, done)) {
                        return;
                    }
                }
            }
        });
    }

    /**
     * {@code fn()} over and over until {@code done} closes (4.6.2, {@code repeatFn}): the
     * book's source of random numbers for the prime finder. {@code fn} runs on the goroutine,
     * one call ahead of the reader. If {@code fn} returns null or throws, the goroutine ends
     * with that exception (reported as uncaught) and the channel closes; to deliver failures as
     * values instead, repeat a {@code Result}: {@code repeatFn(done, () -> Result.of(fn))}.
     */
    public static <T> RecvChan<T> repeatFn(RecvChan<?> done, Supplier<? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        return start(done, out -> {
            while (true) {
                if (!out.send(Objects.requireNonNull(fn.get(), "repeatFn value"), done)) {
                    return;
                }
            }
        });
    }

    /**
     * The first {@code num} values of {@code in}, then closes (4.6.2, {@code take}):
     * <pre>{@code
     * for i := 0; i < num; i++ {
     *     select {
     *     case <-done: return
     *     case takeStream <- <-valueStream:
     *     }
     * }
     * }</pre>
     * Two differences, both so that it cannot hang or invent values: it also stops waiting on
     * {@code in} when {@code done} closes (Go's {@code <-valueStream} inside the case blocks
     * regardless), and it closes early when {@code in} closes (Go would send zero values).
     * {@code take} reads exactly the values it passes on; it never reads value {@code num + 1}.
     *
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static <T> RecvChan<T> take(RecvChan<?> done, RecvChan<T> in, int num) {
        Objects.requireNonNull(in, "in");
        if (num < 0) {
            throw new IllegalArgumentException("take needs num >= 0, got " + num);
        }
        return start(done, out -> {
            for (int i = 0; i < num; i++) {
                Received<T> r = in.receive(done);
                if (!r.ok() || !out.send(r.value(), done)) {
                    return;
                }
            }
        });
    }

    /**
     * A pipeline stage: {@code fn} applied to each value of {@code in}, in order (4.6.1, the
     * book's {@code multiply} and {@code add} are {@code stage(done, in, i -> i * 2)} and
     * {@code stage(done, in, i -> i + 1)}; its {@code toString} stage is
     * {@code stage(done, in, Object::toString)}):
     * <pre>{@code
     * for i := range intStream {
     *     select {
     *     case <-done: return
     *     case multipliedStream <- i*multiplier:
     *     }
     * }
     * }</pre>
     * It also stops waiting on {@code in} when {@code done} closes. If {@code fn} throws or
     * returns null, the goroutine ends with that exception and the output closes, which a reader
     * cannot tell from the end of the input; to deliver each failure as a value and go on
     * (4.5), lift the function: {@code stage(done, in, Result.lift(fn))} gives a
     * {@code Result} per value.
     */
    public static <T, R> RecvChan<R> stage(RecvChan<?> done, RecvChan<T> in, Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        return start(done, out -> {
            for (Received<T> r = in.receive(done); r.ok(); r = in.receive(done)) {
                R v = Objects.requireNonNull(fn.apply(r.value()), "stage value");
                if (!out.send(v, done)) {
                    return;
                }
            }
        });
    }

    /**
     * A filtering stage: the values of {@code in} for which {@code keep} is true, in order (the
     * prime finder of 4.7 keeps the primes of a stream of random numbers this way):
     * <pre>{@code
     * for i := range intStream {
     *     if !keep(i) { continue }
     *     select {
     *     case <-done: return
     *     case filtered <- i:
     *     }
     * }
     * }</pre>
     * It also stops waiting on {@code in} when {@code done} closes. If {@code keep} throws, the
     * goroutine ends with that exception and the output closes.
     */
    public static <T> RecvChan<T> filter(RecvChan<?> done, RecvChan<T> in, Predicate<? super T> keep) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(keep, "keep");
        return start(done, out -> {
            for (Received<T> r = in.receive(done); r.ok(); r = in.receive(done)) {
                if (keep.test(r.value()) && !out.send(r.value(), done)) {
                    return;
                }
            }
        });
    }

    /**
     * A typed stage (4.6.2, {@code toInt}/{@code toString} with Go's type assertion
     * {@code v.(int)}): each value of {@code in} cast to {@code type}. A value of another type
     * ends the goroutine with {@link ClassCastException} (Go panics) and closes the output.
     */
    public static <T> RecvChan<T> cast(RecvChan<?> done, RecvChan<?> in, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return stage(done, in, type::cast);
    }

    /**
     * The or-channel (4.4): a channel that closes as soon as any of {@code channels} closes.
     * With no channel, Go's nil channel (never closes); with one, that channel. Otherwise the
     * book's recursion: one goroutine selects on the first three channels and on
     * {@code or(rest..., orDone)}, so the goroutines of the whole tree end once any input closes.
     * If none ever closes, they never end: close one (4.3). Go:
     * <pre>{@code
     * <-or(sig(2*time.Hour), sig(5*time.Minute), sig(1*time.Second), sig(1*time.Hour), sig(1*time.Minute))
     * }</pre>
     */
    public static RecvChan<?> or(RecvChan<?>... channels) {
        return OrChannel.or(channels);
    }

    /**
     * Reads {@code c} until it closes or {@code done} closes (4.8, or-done):
     * <pre>{@code
     * for {
     *     select {
     *     case <-done: return
     *     case v, ok := <-c:
     *         if ok == false { return }
     *         select {
     *         case valStream <- v:
     *         case <-done:
     *         }
     *     }
     * }
     * }</pre>
     * One strengthening: before each receive it checks {@code done} first, so a {@code done}
     * that has closed passes no further value even when {@code c} has one ready (Go's select
     * would pick at random and could pass several). A value already being offered when
     * {@code done} closes may still be taken; then the output closes.
     */
    public static <T> RecvChan<T> orDone(RecvChan<?> done, RecvChan<T> c) {
        Objects.requireNonNull(c, "c");
        return start(done, out -> {
            while (done.tryReceive() == null) {
                Received<T> r = c.receive(done);
                if (!r.ok() || !out.send(r.value(), done)) {
                    return;
                }
            }
        });
    }

    /**
     * Splits {@code in} into two outputs that both see every value (4.9, tee). A value is read
     * from {@code in} only once both outputs have taken the previous one (lockstep), so the
     * slower reader sets the pace; a reader that stops reading stalls the other until
     * {@code done} closes. See {@link Tee}. Go:
     * <pre>{@code
     * out1, out2 := tee(done, take(done, repeat(done, 1, 2), 4))
     * for val1 := range out1 { fmt.Printf("out1: %v, out2: %v\n", val1, <-out2) }
     * }</pre>
     */
    public static <T> Tee<T> tee(RecvChan<?> done, RecvChan<T> in) {
        return TeeLoop.tee(done, in);
    }

    /**
     * Flattens a channel of channels (4.10, bridge): every value of the first inner channel,
     * until it closes, then of the next, and so on, until {@code chanStream} closes or
     * {@code done} closes:
     * <pre>{@code
     * for {
     *     select {
     *     case maybeStream, ok := <-chanStream: if !ok { return }; stream = maybeStream
     *     case <-done: return
     *     }
     *     for val := range orDone(done, stream) {
     *         select { case valStream <- val: case <-done: }
     *     }
     * }
     * }</pre>
     * The next inner channel is read from {@code chanStream} only when the current one is
     * exhausted. The inner loop reads directly instead of starting an {@link #orDone}
     * goroutine per inner channel; the effect is the same.
     */
    public static <T> RecvChan<T> bridge(RecvChan<?> done, RecvChan<? extends RecvChan<T>> chanStream) {
        return FanIn.bridge(done, chanStream);
    }

    /**
     * Fan-in (4.7): every value of every channel on one output, in no particular order,
     * closing once all inputs have closed or {@code done} closed. One goroutine per input
     * ({@code multiplex}); the last one to end closes the output (the book uses a
     * {@code WaitGroup} and one more goroutine). Values of one input keep their order. It also
     * stops waiting on an input when {@code done} closes (the book's {@code range c} does not).
     * Go:
     * <pre>{@code
     * multiplex := func(c <-chan interface{}) {
     *     defer wg.Done()
     *     for i := range c {
     *         select { case <-done: return; case multiplexedStream <- i: }
     *     }
     * }
     * }</pre>
     */
    @SafeVarargs
    public static <T> RecvChan<T> fanIn(RecvChan<?> done, RecvChan<? extends T>... channels) {
        return FanIn.fanIn(done, listOf("channels", channels));
    }

    /** {@code values} as an unmodifiable list; a null array, or element, named ({@code values[2]}). */
    private static <T> List<T> listOf(String name, T[] values) {
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.length; i++) {
            Objects.requireNonNull(values[i], name + "[" + i + "]");
        }
        return List.of(values);
    }

    /**
     * Fan-out then fan-in (4.7, the prime finder's {@code finders}): {@code workers} copies of
     * {@code stage(done, in, fn)} all reading {@code in}, merged by {@link #fanIn}. Results come
     * in completion order, not input order. If {@code fn} throws or returns null, that worker
     * ends with the exception; the others go on. {@code fanOut(done, in, n, Result.lift(fn))}
     * delivers each failure as a value instead and keeps every worker.
     *
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <T, R> RecvChan<R> fanOut(
            RecvChan<?> done, RecvChan<T> in, int workers, Function<? super T, ? extends R> fn) {
        return FanIn.fanOut(done, in, workers, fn);
    }

    /**
     * Fan-out then fan-in keeping input order (the book notes naive fan-in loses it). A
     * dispatcher reads {@code in} and, for each value, makes a one-slot result channel, hands
     * the value to one of {@code workers} goroutines running {@code fn}, and queues the result
     * channel; the output is {@link #bridge} over the queue, so results leave in input order. At
     * most {@code workers} values are in flight; a slow value holds back the ones after it. If
     * {@code fn} throws or returns null, that value's result is missing from the output and its
     * worker ends with the exception; once every worker has ended so, the output closes (the
     * values not yet handed out are dropped), as {@link #fanOut}'s does. With
     * {@code Result.lift(fn)} a failure is an error value in its place and no worker ends.
     *
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <T, R> RecvChan<R> fanOutOrdered(
            RecvChan<?> done, RecvChan<T> in, int workers, Function<? super T, ? extends R> fn) {
        return OrderedFanOut.fanOutOrdered(done, in, workers, fn);
    }

    /**
     * Queuing (4.11): a stage with a buffer of {@code capacity}, so the stage before it can run
     * up to {@code capacity} values ahead of the stage after it. It decouples the stages' timing;
     * by Little's law it does not shorten the pipeline ({@link StageMeter}). Go: a stage whose
     * output is {@code make(chan interface{}, capacity)}.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> RecvChan<T> queue(RecvChan<?> done, RecvChan<T> in, int capacity) {
        Objects.requireNonNull(in, "in");
        return start(done, capacity, out -> {
            for (Received<T> r = in.receive(done); r.ok(); r = in.receive(done)) {
                if (!out.send(r.value(), done)) {
                    return;
                }
            }
        });
    }

    /**
     * {@code stage} with {@code meter} recording an arrival when a value enters it (is read from
     * {@code in}) and a departure when a result leaves it (is read from the stage's output).
     * Meant for stages that give one result per value, in order.
     */
    public static <T, R> RecvChan<R> measured(
            RecvChan<?> done, RecvChan<T> in, StageMeter meter, Function<RecvChan<T>, RecvChan<R>> stage) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(stage, "stage");
        RecvChan<T> arriving = stage(done, in, v -> {
            meter.arrive();
            return v;
        });
        return stage(done, stage.apply(arriving), v -> {
            meter.depart();
            return v;
        });
    }

    /** The loop of a goroutine that owns {@code out}: Go's {@code go func() { defer close(out) ... }}. */
    @FunctionalInterface
    interface Loop<T> {
        void run(Chan<T> out) throws InterruptedException;
    }

    static <T> RecvChan<T> start(RecvChan<?> done, Loop<T> loop) {
        return start(done, 0, loop);
    }

    static <T> RecvChan<T> start(RecvChan<?> done, int capacity, Loop<T> loop) {
        Objects.requireNonNull(done, "done");
        Chan<T> out = Chan.make(capacity);
        Go.go(() -> {
            try (out) {
                loop.run(out);
            }
        });
        return out;
    }
}
