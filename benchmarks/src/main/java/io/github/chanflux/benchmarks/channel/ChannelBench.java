package io.github.chanflux.benchmarks.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The channel workloads of {@code shared/anchors} (Go's {@code chan_test.go}, {@code JoxBench}):
 * every side runs on virtual threads, as goroutines would; each invocation moves {@link #OPS}
 * values, and the score is nanoseconds per value (per round trip for ping-pong). Contenders:
 * chanflux {@code Chan}, Jox 1.0.1, and java.util.concurrent ({@code SynchronousQueue} when
 * unbuffered, {@code ArrayBlockingQueue} when buffered).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ChannelBench {

    static final int OPS = 200_000;

    @Param({"chanflux", "jox", "juc"})
    public String contender;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void pingPong() throws InterruptedException {
        pingPong(contender);
    }

    /** OPS round trips between a driver and an echo goroutine over two unbuffered lanes. */
    static void pingPong(String contender) throws InterruptedException {
        Lane ping = Lane.of(contender, 0);
        Lane pong = Lane.of(contender, 0);
        Thread echo = Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    for (int i = 0; i < OPS; i++) {
                        pong.send(ping.receive());
                    }
                }));
        Thread driver = Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    for (int i = 0; i < OPS; i++) {
                        ping.send(i);
                        pong.receive();
                    }
                }));
        driver.join();
        echo.join();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void unbuffered1P1C() throws InterruptedException {
        transfer(0, 1);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void buffered16x1P1C() throws InterruptedException {
        transfer(16, 1);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void buffered1024x1P1C() throws InterruptedException {
        transfer(1024, 1);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void buffered16x4P1C() throws InterruptedException {
        transfer(16, 4);
    }

    private void transfer(int capacity, int producers) throws InterruptedException {
        transfer(contender, capacity, producers);
    }

    /** {@code producers} send OPS values in all; the last to finish closes; one consumer drains. */
    static void transfer(String contender, int capacity, int producers) throws InterruptedException {
        Lane lane = Lane.of(contender, capacity);
        int per = OPS / producers;
        List<Thread> senders = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            senders.add(Thread.ofVirtual()
                    .start(() -> Lane.unchecked(() -> {
                        for (int i = 0; i < per; i++) {
                            lane.send(i);
                        }
                    })));
        }
        Thread consumer = Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    while (lane.receive() != Lane.END) {
                        // drain
                    }
                }));
        for (Thread s : senders) {
            s.join();
        }
        lane.close();
        consumer.join();
    }
}
