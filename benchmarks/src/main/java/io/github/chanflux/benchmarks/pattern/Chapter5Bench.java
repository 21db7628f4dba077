package io.github.chanflux.benchmarks.pattern;

import io.github.chanflux.errors.BoundaryError;
import io.github.chanflux.pattern.HedgeDelay;
import io.github.chanflux.pattern.HedgingPolicy;
import io.github.chanflux.reactor.Beat;
import io.github.chanflux.reactor.Boundaries;
import io.github.chanflux.reactor.Heartbeats;
import io.github.chanflux.reactor.Hedging;
import io.github.chanflux.reactor.Replicas;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The overhead of the chapter-5 Reactor operators of {@code reactor-bridge}, two ways:
 * {@code goflux}, the operator; {@code reactor}, what a user would otherwise write with plain
 * Reactor (the difference is the operator's own cost). Timers are set to an hour, so none fires
 * during a run: the figures are the cost of passing values through, arming the timer once per
 * subscription and cancelling it at the end, on the caller's thread (the timers are armed on
 * {@code Schedulers.parallel()}, both sides alike).
 * <ul>
 * <li>{@code heartbeat}, per element: {@link Heartbeats#heartbeat} (5.3) against
 *     {@code Flux.merge} of the values as beats and a {@code Flux.interval} of pulses, dropped
 *     without demand and ended with the source. That is the usual hand-written keep-alive; it
 *     pulses at a fixed rate rather than after an idle interval, so it is the nearest chain, not
 *     an equivalent one (the interval is merged first so that its timer is armed, as it would be
 *     before a real, asynchronous source emits);</li>
 * <li>{@code keepAlive}, per element: {@link Heartbeats#keepAlive}, the same with the pulse an
 *     element, against the same merge without the beats;</li>
 * <li>{@code atBoundary}, per element: {@link Boundaries#atBoundary} (5.1) against
 *     {@code onErrorMap} with the same boundary rule; no error is raised, so it is the
 *     pass-through cost;</li>
 * <li>{@code replicas}, per call: {@link Replicas#first} over three replicas that answer at
 *     once (5.4) against {@code Mono.firstWithValue} over the same three;</li>
 * <li>{@code hedge}, per call: {@link Hedging#hedge} with two attempts, the first answering at
 *     once and the hedge delay an hour, against {@code Mono.firstWithValue} of the first attempt
 *     and the second after {@code Mono.delay} (the delayed one subscribed first, so that its
 *     timer is armed as it would be for a first attempt that does not answer synchronously).</li>
 * </ul>
 * Each streaming invocation moves {@link #N} values; each per-call invocation is one call,
 * subscribed and awaited ({@code block()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class Chapter5Bench {

    static final int N = PatternsBench.N;

    /** Long enough that no pulse or hedge fires during a run. */
    static final Duration HOUR = Duration.ofHours(1);

    static final Function<IllegalStateException, BoundaryError> WRAPPER = e -> BoundaryError.wrap(e, "stage failed");

    static final IntFunction<Mono<Integer>> REPLICA = Mono::just;

    static final HedgingPolicy POLICY = HedgingPolicy.of(2, HedgeDelay.fixed(HOUR));

    @Param({"goflux", "reactor"})
    public String contender;

    Integer[] values;

    @Setup
    public void setUp() {
        values = PatternsBench.upTo(N);
    }

    private static long sumBeats(Flux<Beat<Integer>> flux) {
        return flux.reduce(0L, (sum, beat) -> beat instanceof Beat.Value<Integer> v ? sum + v.value() : sum)
                .block();
    }

    /**
     * The hand-written keep-alive: pulses from {@code Flux.interval}, dropped when there is no
     * demand, merged with {@code source} and stopped when it ends.
     */
    private static <T> Flux<T> withPulses(Flux<T> source, Supplier<T> pulse) {
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<T> pulses = Flux.interval(HOUR)
                .onBackpressureDrop()
                .map(tick -> pulse.get())
                .takeUntilOther(ended.asMono());
        return Flux.merge(pulses, source.doOnTerminate(ended::tryEmitEmpty));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long heartbeat() {
        Flux<Integer> source = Flux.fromArray(values);
        switch (contender) {
            case "goflux":
                return sumBeats(source.transform(Heartbeats.heartbeat(HOUR)));
            default:
                return sumBeats(withPulses(source.<Beat<Integer>>map(Beat::value), Beat::pulse));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long keepAlive() {
        Flux<Integer> source = Flux.fromArray(values);
        switch (contender) {
            case "goflux":
                return PatternsBench.sum(source.transform(Heartbeats.keepAlive(HOUR, () -> 0)));
            default:
                return PatternsBench.sum(withPulses(source, () -> 0));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long atBoundary() {
        Flux<Integer> source = Flux.fromArray(values);
        switch (contender) {
            case "goflux":
                return PatternsBench.sum(source.transform(Boundaries.atBoundary(IllegalStateException.class, WRAPPER)));
            default:
                return PatternsBench.sum(
                        source.onErrorMap(e -> BoundaryError.atBoundary(e, IllegalStateException.class, WRAPPER)));
        }
    }

    @Benchmark
    public Integer replicas() {
        switch (contender) {
            case "goflux":
                return Replicas.first(3, REPLICA).block();
            default:
                return Mono.firstWithValue(REPLICA.apply(0), REPLICA.apply(1), REPLICA.apply(2))
                        .block();
        }
    }

    @Benchmark
    public Integer hedge() {
        switch (contender) {
            case "goflux":
                return Hedging.hedge(POLICY, REPLICA).block();
            default:
                Mono<Integer> second = Mono.delay(HOUR).then(Mono.defer(() -> REPLICA.apply(1)));
                return Mono.firstWithValue(second, REPLICA.apply(0)).block();
        }
    }
}
