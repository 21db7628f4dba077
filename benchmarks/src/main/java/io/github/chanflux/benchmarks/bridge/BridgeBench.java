package io.github.chanflux.benchmarks.bridge;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.reactor.ChanFlux;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Throughput of the Chan ⇄ Publisher bridges ({@link ChanFlux}), per value, against a plain
 * buffered(16) channel transfer and a plain Flux with a 16-value async boundary. Each
 * invocation moves {@link #OPS} values from a producer goroutine to a consumer goroutine:
 * <ul>
 * <li>{@code chanFluxChan}: {@code Chan(16) → fromChan → toChan(16)}, i.e. two bridges and
 * three goroutines between producer and consumer (the drainer and the pump);</li>
 * <li>{@code chanToFlux}: {@code Chan(16) → fromChan}, counted by a Reactor subscriber;</li>
 * <li>{@code fluxToChan}: {@code Flux.range → toChan(16)}, drained by a goroutine;</li>
 * <li>{@code plainChan}: {@code Chan(16)} from producer to consumer (the reference);</li>
 * <li>{@code plainFlux}: {@code Flux.range(...).publishOn(parallel, 16)}, Reactor's own hand-off
 * between two threads with 16 values of prefetch.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BridgeBench {

    static final int OPS = 200_000;
    static final int CAPACITY = 16;

    private static RecvChan<Integer> produce(Thread[] producer) {
        Chan<Integer> ch = Chan.make(CAPACITY);
        producer[0] = Go.go(() -> {
            try (ch) {
                for (int i = 0; i < OPS; i++) {
                    ch.send(i);
                }
            }
        });
        return ch;
    }

    private static long consume(RecvChan<Integer> ch) throws InterruptedException {
        long[] sum = new long[1];
        Thread consumer = Go.go(() -> {
            for (int v : ch) {
                sum[0] += v;
            }
        });
        consumer.join();
        return sum[0];
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long chanFluxChan() throws InterruptedException {
        Thread[] producer = new Thread[1];
        RecvChan<Integer> in = produce(producer);
        long sum = consume(ChanFlux.toChan(ChanFlux.fromChan(in), CAPACITY).chan());
        producer[0].join();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long chanToFlux() throws InterruptedException {
        Thread[] producer = new Thread[1];
        RecvChan<Integer> in = produce(producer);
        long count = ChanFlux.fromChan(in).count().block();
        producer[0].join();
        return count;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long fluxToChan() throws InterruptedException {
        return consume(ChanFlux.toChan(Flux.range(0, OPS), CAPACITY).chan());
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long plainChan() throws InterruptedException {
        Thread[] producer = new Thread[1];
        long sum = consume(produce(producer));
        producer[0].join();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long plainFlux() {
        return Flux.range(0, OPS)
                .publishOn(Schedulers.parallel(), CAPACITY)
                .count()
                .block();
    }
}
