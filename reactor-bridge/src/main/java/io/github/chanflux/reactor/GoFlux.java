package io.github.chanflux.reactor;

import io.github.chanflux.errors.Result;
import io.github.chanflux.pattern.StageMeter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The patterns of chapter 4 of "Concurrency in Go" as Reactor operators: the same vocabulary as
 * {@link io.github.chanflux.pattern.Patterns}, proven to behave the same by property tests.
 * One-source patterns are {@code Function<Flux<T>, Flux<R>>} factories used with
 * {@link Flux#transform}; multi-source ones are static factories. A static import of this class
 * gives the whole vocabulary.
 *
 * <p>Go's {@code done} channel becomes cancellation: a pipeline stops when its subscriber
 * cancels, as a Go pipeline stops when {@code done} closes. Where a pattern takes a done signal
 * ({@link #or}, {@link #orDone}) it is any {@link Publisher}: its first value or its completion
 * means done, as closing a Go channel does. Reactor's request protocol replaces Go's unbuffered
 * hand-off: each operator says below what it requests ahead (its prefetch). Every method
 * rejects a null argument at the call with {@link NullPointerException}.
 */
public final class GoFlux {

    private GoFlux() {}

    /**
     * The values, in order, then completes (4.6.1, {@code generator}); one value per request.
     * Go: {@code intStream := generator(done, 1, 2, 3, 4)}. The values are copied at the call,
     * as Go's variadic slice is read when the call is made; built on {@link Flux#fromIterable}.
     *
     * @param values the values to emit; none gives a flux that just completes
     * @param <T> the element type
     * @return a flux of {@code values}, all of them for each subscriber
     * @throws NullPointerException if a value is null
     */
    @SafeVarargs
    public static <T> Flux<T> generator(T... values) {
        return Flux.fromIterable(List.of(values));
    }

    /**
     * The values over and over, never completing (4.6.2, {@code repeat}); one value per
     * request, so it is bounded by its subscriber, e.g. with {@link #take}.
     * Go: {@code take(done, repeat(done, 1), 10)} is {@code repeat(1).transform(take(10))}.
     *
     * @param values the values to cycle through, copied at the call
     * @param <T> the element type
     * @return an endless flux of {@code values}, in order, round and round
     * @throws IllegalArgumentException if there are no values
     * @throws NullPointerException if a value is null
     */
    @SafeVarargs
    public static <T> Flux<T> repeat(T... values) {
        List<T> copy = List.of(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("repeat needs at least one value, got 0");
        }
        return Flux.generate(() -> 0, (i, sink) -> {
            sink.next(copy.get(i));
            return (i + 1) % copy.size();
        });
    }

    /**
     * {@code fn.get()} over and over, never completing (4.6.2, {@code repeatFn}); one call per
     * requested value. If {@code fn} throws or returns null, the flux errors with that.
     * Go: {@code repeatFn(done, rand)}.
     *
     * @param fn called once per value, on the thread that requests it
     * @param <T> the element type
     * @return an endless flux of {@code fn}'s results
     */
    public static <T> Flux<T> repeatFn(Supplier<? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        return Flux.generate(sink -> sink.next(Objects.requireNonNull(fn.get(), "repeatFn value")));
    }

    /**
     * The first {@code num} values, then cancels the source and completes (4.6.2, {@code take}).
     * Never requests more than {@code num} from the source, so, like Go's {@code take}, it never
     * reads value {@code num + 1}.
     *
     * @param num how many values to pass on; 0 passes none
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static <T> Function<Flux<T>, Flux<T>> take(long num) {
        if (num < 0) {
            throw new IllegalArgumentException("take needs num >= 0, got " + num);
        }
        return source -> source.take(num, true);
    }

    /**
     * A pipeline stage (4.6.1): {@code fn} applied to each value, in order; the book's
     * {@code multiply(done, in, 2)} is {@code transform(stage(i -> i * 2))}. Built on
     * {@link Flux#map}: {@code fn} runs on the thread that delivers the value, within
     * {@code onNext}. No prefetch: it requests what its subscriber requests. If {@code fn} throws,
     * the source is cancelled and the flux errors.
     *
     * <p>Which to use: {@code stage} for quick, non-blocking functions (the book's arithmetic),
     * where it costs what {@code map} costs. It is not a goroutine: while {@code fn} runs, the
     * stage before is held inside its own {@code onNext} and cannot work on the next value, so
     * slow stages run one after the other instead of overlapping (the book's 4.11 pipeline of a
     * 1 s and a 4 s stage takes 15 s, not Go's 13 s). For a function that blocks (I/O, sleeps)
     * or takes long, use {@link #goStage}, which overlaps with its neighbours as Go's stages do.
     *
     * @param fn applied to each value; a null result errors as a throw does
     * @param <T> the input type
     * @param <R> the output type
     * @return the operator, for {@link Flux#transform}
     */
    public static <T, R> Function<Flux<T>, Flux<R>> stage(Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return source -> source.map(fn);
    }

    /**
     * A pipeline stage on its own goroutine (4.6.1, 4.11): {@code fn} applied to each value, in
     * order, on a virtual thread of its own, exactly as the book's stage goroutine between two
     * unbuffered channels:
     * <pre>{@code
     * for v := range in {
     *     result := fn(v)            // e.g. time.Sleep(d); an HTTP call
     *     select {
     *     case <-done: return
     *     case out <- result:
     *     }
     * }
     * }</pre>
     * Use it for functions that block or take long: the stage takes value {@code k + 1} from the
     * stage before as soon as value {@code k} was taken by the stage after, so neighbouring
     * stages work at the same time, as goroutines do (the book's 4.11 pipeline of a 1 s and a
     * 4 s stage ends at 13 s, its short stage at 9 s; with {@code queue(2)} between them at
     * 3 s). {@code fn} may block and may throw checked exceptions; it runs on the stage's
     * virtual thread, never on a Reactor thread. Results are emitted as {@link ChanFlux#fromChan}
     * emits: on the requesting thread when the stage already waits to hand one over, else from
     * a virtual thread.
     *
     * <p>Requests: one value at a time from upstream, whenever the stage is free (at subscribe,
     * then each time its result was taken downstream), whatever the downstream demand: it holds
     * at most one value, the one it works on or waits to hand over, as Go's goroutine does. It
     * emits only on downstream demand. Errors: if {@code fn} throws or returns null, the stage
     * reads nothing more, the source is cancelled and the flux errors with that exception (an
     * {@link InterruptedException} included); an error of the source is passed on after the
     * values before it. Cancelling cancels the source and interrupts a running {@code fn}, as
     * closing {@code done} ends the goroutine (Go cannot interrupt a running {@code fn}; here a
     * blocking call in it ends with {@code InterruptedException}). The subscriber's Reactor
     * {@code Context} reaches the source. Each value crosses two channel hand-offs, a few
     * microseconds: for quick functions {@link #stage} is the cheaper form.
     *
     * @param fn applied to each value on the stage's goroutine; may block and throw; a null
     *     result errors as a throw does
     * @param <T> the input type
     * @param <R> the output type
     * @return the operator, for {@link Flux#transform}
     */
    public static <T, R> Function<Flux<T>, Flux<R>> goStage(Result.Step<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return source -> GoStage.goStage(source, fn);
    }

    /**
     * A typed stage (4.6.2, Go's {@code v.(int)}): each value cast to {@code type}. A value of
     * another type cancels the source and errors with {@link ClassCastException}.
     *
     * @param type the class every value must be an instance of
     * @param <T> the type cast to
     * @return the operator, for {@link Flux#transform}
     */
    public static <T> Function<Flux<?>, Flux<T>> cast(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return source -> source.cast(type);
    }

    /**
     * The or-channel (4.4): completes, empty, as soon as any of {@code dones} signals (its first
     * value or its completion), then cancels all of them; errors if the first signal is an error.
     * Built on {@link Mono#firstWithSignal}, not {@code firstWithValue}, because a done signal may
     * complete without a value. With no done, never completes (Go's nil channel). Each done is
     * requested unbounded and cancelled after its first signal. Go:
     * <pre>{@code
     * <-or(sig(2*time.Hour), sig(5*time.Minute), sig(1*time.Second), sig(1*time.Hour), sig(1*time.Minute))
     * }</pre>
     *
     * @param dones the done signals; none gives a {@code Mono} that never completes
     * @return an empty {@code Mono} that completes on the first signal of any of {@code dones}
     * @throws NullPointerException if {@code dones} or one of them is null
     */
    public static Mono<Void> or(Publisher<?>... dones) {
        requireNoNull("or", "dones", dones);
        if (dones.length == 0) {
            return Mono.never();
        }
        Mono<?>[] signals = new Mono<?>[dones.length];
        for (int i = 0; i < dones.length; i++) {
            signals[i] = fired(dones[i]);
        }
        return Mono.firstWithSignal(signals).then();
    }

    /**
     * Or-done (4.8): the source's values until it completes or {@code done} signals (a value or
     * completion); then the source is cancelled and the flux completes. Stands for:
     * <pre>{@code
     * for val := range orDone(done, myChan) { ... }
     * }</pre>
     * {@link Flux#takeUntilOther} hardened, as one operator: when {@code done} errors, the
     * source is cancelled first and then the error is passed on (plain {@code takeUntilOther}
     * leaves an endless source running, reactor-core #4230); a {@code done} that has already
     * fired when the flux is subscribed ends it before the source is subscribed, so no value gets
     * through. No prefetch on the source; {@code done} is subscribed first, requested unbounded
     * and cancelled after its first signal.
     *
     * @param done the done signal: its first value or its completion ends the flux, its error
     *     fails it
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     */
    public static <T> Function<Flux<T>, Flux<T>> orDone(Publisher<?> done) {
        Objects.requireNonNull(done, "done");
        return source -> new FluxOrDone<>(source, done);
    }

    /**
     * Tee (4.9) with lockstep prefetch 1: see {@link #tee(Flux, int)}.
     *
     * @param source the flux both branches read, subscribed once both are subscribed
     * @param <T> the element type
     * @return the two branches, each for one subscriber
     */
    public static <T> FluxTee<T> tee(Flux<T> source) {
        return tee(source, 1);
    }

    /**
     * Tee (4.9): two branches that both see every value of {@code source}. Built on
     * {@code source.publish(prefetch).autoConnect(2)}: the source is subscribed once both
     * branches are subscribed, and requested {@code prefetch} values ahead; a value is passed on
     * only when both branches requested it, so the slower branch sets the pace. With prefetch 1
     * (the default) this is the book's lockstep: the next value is read only once both took the
     * current one (one read ahead, as the book's tee reads through {@code orDone}). Go:
     * <pre>{@code
     * out1, out2 := tee(done, take(done, repeat(done, 1, 2), 4))
     * for val1 := range out1 { fmt.Printf("out1: %v, out2: %v\n", val1, <-out2) }
     * }</pre>
     *
     * <p>Cancellation: when both branches have cancelled, the source is cancelled
     * ({@code autoConnect} alone never does). When only one cancels, the other goes on alone
     * (Go's tee would block until {@code done}). Each branch accepts one subscriber; a second
     * subscriber, even after the source completed, gets {@link IllegalStateException} at once
     * instead of hanging as a late subscriber to {@code publish().autoConnect()} does
     * (reactor-core #2897). An error of the source goes to both branches.
     *
     * @param source the flux both branches read, subscribed once both are subscribed
     * @param prefetch how many values the source is requested ahead; 1 is the book's lockstep
     * @param <T> the element type
     * @return the two branches, each for one subscriber
     * @throws IllegalArgumentException if {@code prefetch} is less than 1
     */
    public static <T> FluxTee<T> tee(Flux<T> source, int prefetch) {
        Objects.requireNonNull(source, "source");
        if (prefetch < 1) {
            throw new IllegalArgumentException("tee needs prefetch >= 1, got " + prefetch);
        }
        return new TeeConnection<>(source, prefetch).branches();
    }

    /**
     * Bridge (4.10): every value of the first inner stream until it completes, then of the next,
     * and so on. Built on {@link Flux#concatMap} with prefetch 0: the next inner stream is
     * requested from {@code streams} only when the current one has completed. Cancelling cancels
     * the current inner stream and {@code streams}; an error of either ends the flux with it.
     * Go: {@code for v := range bridge(done, genVals()) { ... }}.
     *
     * @param streams the inner streams, subscribed one at a time
     * @param <T> the element type
     * @return a flux of the inner streams' values, one stream after the other; completes when
     *     {@code streams} and its last inner stream have completed
     */
    public static <T> Flux<T> bridge(Publisher<? extends Publisher<? extends T>> streams) {
        Objects.requireNonNull(streams, "streams");
        return Flux.from(streams).concatMap(Function.identity(), 0);
    }

    /**
     * Fan-in (4.7): the values of all {@code sources}, subscribed together, in the order they
     * arrive. Built on {@link Flux#merge(int, Publisher[])} with prefetch 1 per source (close to
     * Go's unbuffered hand-off). Cancelling cancels every source; an error of one cancels the
     * others and ends the flux with it. The sources are read at the call, as Go's variadic slice
     * is. Go: {@code fanIn(done, finders...)}.
     *
     * @param sources the streams to merge; none gives a flux that just completes
     * @param <T> the element type
     * @return a flux of the values of all {@code sources}; completes when all of them have
     * @throws NullPointerException if {@code sources} or one of them is null
     */
    @SafeVarargs
    public static <T> Flux<T> fanIn(Publisher<? extends T>... sources) {
        requireNoNull("fanIn", "sources", sources);
        return Flux.merge(1, sources.clone());
    }

    /**
     * {@link #fanOut(int, Function, Scheduler)} on {@link Schedulers#boundedElastic()}.
     *
     * @param workers how many calls of {@code fn} run at once
     * @param fn the blocking or slow function; must not return null
     * @param <T> the input type
     * @param <R> the result type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <T, R> Function<Flux<T>, Flux<R>> fanOut(int workers, Function<? super T, ? extends R> fn) {
        return fanOut(workers, fn, Schedulers.boundedElastic());
    }

    /**
     * Fan-out then fan-in (4.7, the prime finder): {@code fn}, a blocking or slow function, run
     * on {@code scheduler} for up to {@code workers} values at once; results in completion
     * order. Built on {@link Flux#flatMap(Function, int, int)} with concurrency {@code workers}:
     * it requests {@code workers} values from the source up front and one more as each finishes.
     * Cancelling cancels the source and the running calls' subscriptions (a call already running
     * is not interrupted). If {@code fn} throws or returns null, the flux errors. Go:
     * <pre>{@code
     * finders := make([]<-chan interface{}, numFinders)
     * for i := 0; i < numFinders; i++ { finders[i] = primeFinder(done, randIntStream) }
     * for prime := range take(done, fanIn(done, finders...), 10) { ... }
     * }</pre>
     *
     * @param workers how many calls of {@code fn} run at once
     * @param fn the blocking or slow function; must not return null
     * @param scheduler where each call of {@code fn} runs
     * @param <T> the input type
     * @param <R> the result type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <T, R> Function<Flux<T>, Flux<R>> fanOut(
            int workers, Function<? super T, ? extends R> fn, Scheduler scheduler) {
        checkWorkers(workers);
        Function<T, Mono<R>> call = call(fn, scheduler);
        return source -> source.flatMap(call, workers, 1);
    }

    /**
     * {@link #fanOutOrdered(int, Function, Scheduler)} on {@link Schedulers#boundedElastic()}.
     *
     * @param workers how many calls of {@code fn} run at once
     * @param fn the blocking or slow function; must not return null
     * @param <T> the input type
     * @param <R> the result type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <T, R> Function<Flux<T>, Flux<R>> fanOutOrdered(int workers, Function<? super T, ? extends R> fn) {
        return fanOutOrdered(workers, fn, Schedulers.boundedElastic());
    }

    /**
     * Fan-out then fan-in keeping input order: as {@link #fanOut(int, Function, Scheduler)}, but
     * built on {@link Flux#flatMapSequential(Function, int, int)}, so results leave in the order
     * their values arrived; a finished result waits for the ones before it.
     *
     * @param workers how many calls of {@code fn} run at once
     * @param fn the blocking or slow function; must not return null
     * @param scheduler where each call of {@code fn} runs
     * @param <T> the input type
     * @param <R> the result type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code workers} is less than 1
     */
    public static <T, R> Function<Flux<T>, Flux<R>> fanOutOrdered(
            int workers, Function<? super T, ? extends R> fn, Scheduler scheduler) {
        checkWorkers(workers);
        Function<T, Mono<R>> call = call(fn, scheduler);
        return source -> source.flatMapSequential(call, workers, 1);
    }

    /**
     * Queuing (4.11) with no thread of its own: {@link #queue(int, Scheduler)} on
     * {@link Schedulers#immediate()}, so values leave the queue on the thread that delivers them
     * or that requests them, as a Go buffered channel has no thread. Meant for queues between
     * {@link #goStage}s, whose threads are virtual (a blocking {@code map} after it would run on
     * the thread of the stage before and hold it up): the book's
     * {@code long := sleep(done, 4*time.Second, buffer(done, 2, short))} is
     * {@code flux.transform(goStage(shortFn)).transform(queue(2)).transform(goStage(longFn))}.
     *
     * @param capacity the queue's size: how many values the stage before may run ahead
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static <T> Function<Flux<T>, Flux<T>> queue(int capacity) {
        return queue(capacity, Schedulers.immediate());
    }

    /**
     * Queuing (4.11): a bounded queue of {@code capacity} between the stages before and after,
     * which then run on {@code scheduler}; Go: a stage writing to
     * {@code make(chan interface{}, capacity)}. It requests {@code capacity} values up front,
     * then one more each time a value is taken out of the queue, before it is passed on: a
     * freed slot admits a value at once, as a send into a Go buffered channel proceeds as soon
     * as a receiver took a value (even if the stage after then blocks for a long time on it).
     * So the stage before runs at most {@code capacity} values ahead; the queue never drops and
     * never overflows, as a full Go buffered channel blocks its sender. Values are emitted on
     * {@code scheduler}, only on downstream demand; an error of the source is passed on after
     * the queued values (a closed Go channel is drained first). Cancelling cancels the source
     * and discards the queued values.
     *
     * <p>{@link #queueBatched} is Reactor's own {@code publishOn}, which admits values in
     * batches: cheaper per value for fast streams, but a freed slot admits nothing until three
     * quarters of the queue were passed on.
     *
     * @param capacity the queue's size: how many values the stage before may run ahead
     * @param scheduler where the values leave the queue, and so where the stages after it run
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code capacity} is less than 1 (an unbuffered queue is
     *     no queue: leave the operator out)
     */
    public static <T> Function<Flux<T>, Flux<T>> queue(int capacity, Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        checkCapacity(capacity);
        return source -> new FluxQueue<>(source, capacity, scheduler);
    }

    /**
     * Queuing with Reactor's batched replenishing: {@link Flux#publishOn(Scheduler, int)} with
     * prefetch {@code capacity}. It requests {@code capacity} values up front and more only
     * after three quarters of them (rounded up, so all of a queue of 2 or 3) were passed on, and
     * counts a value as passed on when {@code onNext} returned. Unlike a Go buffered channel, a
     * freed slot may admit nothing for a while: in the book's 4.11 pipeline the short stage
     * ends later than with {@link #queue(int, Scheduler)}. Use it where throughput matters more
     * than the timing of each admission: it makes one upstream request per batch instead of one
     * per value. Cancelling cancels the source and discards the queued values; an error of the
     * source is passed on after them.
     *
     * @param capacity the queue's size: how many values the stage before may run ahead
     * @param scheduler where the values leave the queue, and so where the stages after it run
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static <T> Function<Flux<T>, Flux<T>> queueBatched(int capacity, Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        checkCapacity(capacity);
        return source -> source.publishOn(scheduler, capacity);
    }

    /**
     * {@code stage} with {@code meter} recording an arrival as each value enters it and a
     * departure as each result leaves it (Little's law, 4.11). Meant for stages that give one
     * result per value, in order. Adds no prefetch.
     *
     * @param meter records each value's arrival and each result's departure
     * @param stage the stage measured, one result per value
     * @param <T> the input type
     * @param <R> the output type
     * @return {@code stage} with the meter around it, for {@link Flux#transform}
     */
    public static <T, R> Function<Flux<T>, Flux<R>> measured(StageMeter meter, Function<Flux<T>, Flux<R>> stage) {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(stage, "stage");
        return source -> source.doOnNext(v -> meter.arrive()).transform(stage).doOnNext(v -> meter.depart());
    }

    /** Completes on the first value or completion of {@code done}, errors on its error. */
    static Mono<Void> fired(Publisher<?> done) {
        return Flux.from(done).take(1, true).then();
    }

    private static <T, R> Function<T, Mono<R>> call(Function<? super T, ? extends R> fn, Scheduler scheduler) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(scheduler, "scheduler");
        return v -> Mono.<R>fromCallable(() -> Objects.requireNonNull(fn.apply(v), "fan-out value"))
                .subscribeOn(scheduler);
    }

    /** Rejects a null array or element, naming the operator and the element's index. */
    private static void requireNoNull(String operator, String name, Object[] array) {
        Objects.requireNonNull(array, () -> operator + ": " + name + " is null");
        for (int i = 0; i < array.length; i++) {
            int at = i;
            Objects.requireNonNull(array[i], () -> operator + ": " + name + "[" + at + "] is null");
        }
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue needs capacity >= 1, got " + capacity);
        }
    }

    private static void checkWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("fan-out needs workers >= 1, got " + workers);
        }
    }
}
