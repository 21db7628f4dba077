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
 * How the cost of a hand-off grows with the number of goroutines: {@link #n} virtual threads in
 * a ring, each with an unbuffered channel to the next, pass a token (the count of hops left)
 * around; the one that receives 0 reports itself on {@code done}, and the next op starts at its
 * successor, so over the ops the token visits the whole ring. One op is {@link #HOPS} hops; the
 * score is nanoseconds per hop. Starting the ring is the trial's {@code @Setup}, not timed; the
 * {@code @TearDown} closes every channel and joins every thread. Mirrors {@code
 * benchmarks/go/scaling_test.go} ({@code BenchmarkScaling_ring*}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx8g")
public class RingBench {

    static final int HOPS = 20_000;

    @Param({"chanflux", "jox"})
    public String contender;

    @Param({"10", "1000", "100000", "1000000"})
    public int n;

    private Lane[] lanes;
    private Lane done;
    private Thread[] threads;
    private int at;

    @Setup(Level.Trial)
    public void start() {
        lanes = new Lane[n];
        for (int i = 0; i < n; i++) {
            lanes[i] = Lane.of(contender, 0);
        }
        done = Lane.of(contender, 0);
        threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int self = i;
            Lane in = lanes[i];
            Lane out = lanes[(i + 1) % n];
            threads[i] = Thread.ofVirtual()
                    .start(() -> Lane.unchecked(() -> {
                        for (int v = in.receive(); v != Lane.END; v = in.receive()) {
                            if (v == 0) {
                                done.send(self);
                            } else {
                                out.send(v - 1);
                            }
                        }
                    }));
        }
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void ring() throws InterruptedException {
        lanes[at].send(HOPS);
        at = (done.receive() + 1) % n;
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        for (Lane lane : lanes) {
            lane.close();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
