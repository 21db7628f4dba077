package io.github.chanflux.benchmarks.channel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fan-in scales with the number of senders: {@link #n} producer virtual threads send
 * without end into one shared unbuffered channel; one consumer virtual thread receives {@link
 * #OPS} values per op (started per op, as in {@link ChannelBench}); the score is nanoseconds per
 * value received. Between ops every producer is parked in its send. Starting the producers is
 * the trial's {@code @Setup}, not timed; the {@code @TearDown} interrupts and joins them.
 * Mirrors {@code benchmarks/go/scaling_test.go} ({@code BenchmarkScaling_fanIn*}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx8g")
public class FanInBench {

    static final int OPS = 20_000;

    @Param({"chanflux", "jox"})
    public String contender;

    @Param({"10", "1000", "100000", "1000000"})
    public int n;

    private Lane lane;
    private Thread[] producers;

    @Setup(Level.Trial)
    public void start() {
        lane = Lane.of(contender, 0);
        producers = new Thread[n];
        for (int p = 0; p < n; p++) {
            int self = p;
            producers[p] = Thread.ofVirtual()
                    .start(() -> Lane.unchecked(() -> {
                        while (true) {
                            lane.send(self);
                        }
                    }));
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void fanIn() throws InterruptedException {
        Thread consumer = Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    for (int i = 0; i < OPS; i++) {
                        lane.receive();
                    }
                }));
        consumer.join();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        for (Thread t : producers) {
            t.interrupt();
        }
        for (Thread t : producers) {
            t.join();
        }
    }
}
