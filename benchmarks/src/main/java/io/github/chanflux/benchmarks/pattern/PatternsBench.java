package io.github.chanflux.benchmarks.pattern;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.reactor.FluxTee;
import io.github.chanflux.reactor.GoFlux;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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

/**
 * The chapter-4 patterns, per element, three ways: {@code goflux}, the chanflux Reactor
 * operators ({@link GoFlux}); {@code reactor}, the same chain written by hand with the operators
 * they are built on and the same prefetch (the difference is the operators' own overhead); and
 * {@code chan}, the channel versions ({@link Patterns}, goroutines and unbuffered channels, as
 * the book and {@code benchmarks/go/patterns_test.go}). Each invocation moves {@link #N} values.
 * <ul>
 * <li>{@code pipeline}: generator, ×2, +1, ×2 (4.6), summed;</li>
 * <li>{@code orDone}: every value through or-done with a done that never fires (4.8);</li>
 * <li>{@code tee}: every value to two consumers (4.9);</li>
 * <li>{@code bridge}: 1 000 inner streams of 100 values flattened in order (4.10);</li>
 * <li>{@code fanIn}: four sources of N/4 values merged (4.7).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PatternsBench {

    static final int N = 100_000;
    static final int INNER = 100;

    @Param({"goflux", "reactor", "chan"})
    public String contender;

    Integer[] values;
    Integer[][] quarters;

    @Setup
    public void setUp() {
        values = upTo(N);
        quarters = new Integer[4][];
        for (int q = 0; q < 4; q++) {
            quarters[q] = java.util.Arrays.copyOfRange(values, q * N / 4, (q + 1) * N / 4);
        }
    }

    /** 0, 1, …, n - 1, boxed once so that the benchmarks box nothing. */
    static Integer[] upTo(int n) {
        Integer[] values = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    /** Subscribes to {@code flux} on the caller's thread and sums what it emits. */
    static long sum(Flux<Integer> flux) {
        return flux.reduce(0L, Long::sum).block();
    }

    /** Sums {@code in} on a goroutine (as Go's benchmark goroutine would), then {@link #finish}es. */
    private static long drain(Chan<Void> done, RecvChan<Integer> in) throws InterruptedException {
        long[] sum = new long[1];
        Go.go(() -> {
                    for (int v : in) {
                        sum[0] += v;
                    }
                })
                .join();
        finish(done);
        return sum[0];
    }

    /** Closes {@code done} and waits for every goroutine, so no invocation overlaps the next. */
    private static void finish(Chan<Void> done) throws InterruptedException {
        done.close();
        for (Thread t : Go.running()) {
            t.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long pipeline() throws InterruptedException {
        switch (contender) {
            case "goflux":
                return sum(GoFlux.generator(values)
                        .transform(GoFlux.<Integer, Integer>stage(v -> v * 2))
                        .transform(GoFlux.<Integer, Integer>stage(v -> v + 1))
                        .transform(GoFlux.<Integer, Integer>stage(v -> v * 2)));
            case "reactor":
                return sum(Flux.fromIterable(List.of(values))
                        .map(v -> v * 2)
                        .map(v -> v + 1)
                        .map(v -> v * 2));
            default:
                Chan<Void> done = Chan.make();
                RecvChan<Integer> gen = Patterns.generator(done, values);
                return drain(
                        done,
                        Patterns.stage(
                                done,
                                Patterns.stage(
                                        done, Patterns.stage(done, gen, (Integer v) -> v * 2), (Integer v) -> v + 1),
                                (Integer v) -> v * 2));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long orDone() throws InterruptedException {
        switch (contender) {
            case "goflux":
                return sum(Flux.fromArray(values).transform(GoFlux.orDone(Mono.never())));
            case "reactor":
                return sum(Flux.fromArray(values).takeUntilOther(Mono.never()));
            default:
                Chan<Void> done = Chan.make();
                return drain(done, Patterns.orDone(done, Patterns.generator(done, values)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long tee() throws InterruptedException {
        switch (contender) {
            case "goflux": {
                FluxTee<Integer> tee = GoFlux.tee(Flux.fromArray(values));
                return Flux.merge(tee.out1().count(), tee.out2().count())
                        .reduce(0L, Long::sum)
                        .block();
            }
            case "reactor": {
                Flux<Integer> shared = Flux.fromArray(values).publish(1).autoConnect(2);
                return Flux.merge(shared.count(), shared.count())
                        .reduce(0L, Long::sum)
                        .block();
            }
            default: {
                Chan<Void> done = Chan.make();
                io.github.chanflux.pattern.Tee<Integer> tee = Patterns.tee(done, Patterns.generator(done, values));
                long[] sums = new long[2];
                Thread first = Go.go(() -> {
                    for (int v : tee.out1()) {
                        sums[0] += v;
                    }
                });
                Thread second = Go.go(() -> {
                    for (int v : tee.out2()) {
                        sums[1] += v;
                    }
                });
                first.join();
                second.join();
                finish(done);
                return sums[0] + sums[1];
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long bridge() throws InterruptedException {
        int streams = N / INNER;
        switch (contender) {
            case "goflux":
                return sum(GoFlux.bridge(Flux.range(0, streams).map(i -> Flux.range(i * INNER, INNER))));
            case "reactor":
                return sum(Flux.range(0, streams).concatMap(i -> Flux.range(i * INNER, INNER), 0));
            default:
                Chan<Void> done = Chan.make();
                Chan<RecvChan<Integer>> chanStream = Chan.make();
                Go.go(() -> {
                    try (chanStream) {
                        for (int i = 0; i < streams; i++) {
                            Chan<Integer> inner = Chan.make(INNER);
                            for (int j = 0; j < INNER; j++) {
                                inner.send(i * INNER + j);
                            }
                            inner.close();
                            chanStream.send(inner);
                        }
                    }
                });
                return drain(done, Patterns.bridge(done, chanStream));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    @SuppressWarnings("unchecked")
    public long fanIn() throws InterruptedException {
        int quarter = N / 4;
        switch (contender) {
            case "goflux": {
                return sum(GoFlux.fanIn(parts(quarter, i -> Flux.range(i * quarter, quarter))));
            }
            case "reactor": {
                return sum(Flux.merge(1, parts(quarter, i -> Flux.range(i * quarter, quarter))));
            }
            default: {
                Chan<Void> done = Chan.make();
                List<RecvChan<Integer>> sources = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sources.add(Patterns.generator(done, quarters[i]));
                }
                return drain(done, Patterns.fanIn(done, sources.toArray(RecvChan[]::new)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Flux<Integer>[] parts(int quarter, Function<Integer, Flux<Integer>> part) {
        Flux<Integer>[] parts = new Flux[4];
        for (int i = 0; i < 4; i++) {
            parts[i] = part.apply(i);
        }
        return parts;
    }
}
