package io.github.chanflux.benchmarks.channel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * {@link ChannelBench}'s single-channel workloads on a busy machine: while they run, one
 * process per core burns CPU at the lowest priority ({@code nice -n 19}), as batch jobs or
 * other services do on a shared host. A core that a carrier leaves idle, even for a moment, goes
 * to a burner, and a waiter that spins keeps a core its counterpart may need; this shows what
 * that costs each contender. Same contenders and scores as {@code ChannelBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BusyChannelBench {

    @Param({"chanflux", "jox", "juc"})
    public String contender;

    /**
     * A burner: shell arithmetic, no system call, and every 200 000 turns (about a quarter of a
     * second) a check that this JVM still lives, since a trial that fails skips its tear-down.
     */
    static final String BURN =
            "while kill -0 $PPID 2>/dev/null; do i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; done";

    private final List<Process> burners = new ArrayList<>();

    @Setup(Level.Trial)
    public void startBurners() throws IOException {
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            burners.add(new ProcessBuilder("nice", "-n", "19", "sh", "-c", BURN)
                    .redirectErrorStream(true)
                    .start());
        }
    }

    @TearDown(Level.Trial)
    public void stopBurners() throws InterruptedException {
        for (Process b : burners) {
            b.destroyForcibly().waitFor();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ChannelBench.OPS)
    public void pingPong() throws InterruptedException {
        ChannelBench.pingPong(contender);
    }

    @Benchmark
    @OperationsPerInvocation(ChannelBench.OPS)
    public void unbuffered1P1C() throws InterruptedException {
        ChannelBench.transfer(contender, 0, 1);
    }

    @Benchmark
    @OperationsPerInvocation(ChannelBench.OPS)
    public void buffered16x1P1C() throws InterruptedException {
        ChannelBench.transfer(contender, 16, 1);
    }
}
