package io.github.chanflux.benchmarks.channel;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.ChannelClosed;
import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Go's {@code BenchmarkPipeline3Stages}: a generator and three stages (×2, +1, ×2) connected by
 * unbuffered channels, each a goroutine that sends with a select on {@code done} (the book's
 * 4.6 pipeline); nanoseconds per element through all of it. chanflux {@code Chan} + {@code
 * Select} against Jox channels + Jox select. The consumer is a virtual thread too, as Go's
 * benchmark goroutine is.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PipelineBench {

    static final int OPS = 100_000;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long chanflux() throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> out =
                stage(done, stage(done, stage(done, generate(done), v -> v * 2), v -> v + 1), v -> v * 2);
        long[] sum = new long[1];
        consume(() -> {
            for (int v : out) {
                sum[0] += v;
            }
        });
        done.close();
        return sum[0];
    }

    /**
     * Runs the consumer on a virtual thread and waits for it: Go's benchmark function runs on a
     * goroutine, so every hand-off here is between virtual threads. (Consumed on JMH's platform
     * thread, each element waited for an OS wake-up: 11 µs per element instead of about 2.)
     */
    private static void consume(Lane.ThrowingRunnable consumer) throws InterruptedException {
        Thread.ofVirtual().start(() -> Lane.unchecked(consumer)).join();
    }

    private static RecvChan<Integer> generate(Chan<Void> done) {
        Chan<Integer> out = Chan.make();
        Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    try (out) {
                        for (int i = 0; i < OPS; i++) {
                            if (!select(recv(done, r -> false), send(out, i, () -> true))) {
                                return;
                            }
                        }
                    }
                }));
        return out;
    }

    private static RecvChan<Integer> stage(Chan<Void> done, RecvChan<Integer> in, IntUnaryOperator f) {
        Chan<Integer> out = Chan.make();
        Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    try (out) {
                        for (Received<Integer> r = in.receive(); r.ok(); r = in.receive()) {
                            Integer v = f.applyAsInt(r.value());
                            if (!select(recv(done, x -> false), send(out, v, () -> true))) {
                                return;
                            }
                        }
                    }
                }));
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long jox() throws InterruptedException {
        Channel<Void> done = Channel.newRendezvousChannel();
        Channel<Integer> out =
                joxStage(done, joxStage(done, joxStage(done, joxGenerate(done), v -> v * 2), v -> v + 1), v -> v * 2);
        long[] sum = new long[1];
        consume(() -> {
            for (Object v = out.receiveOrClosed(); !(v instanceof ChannelClosed); v = out.receiveOrClosed()) {
                sum[0] += (Integer) v;
            }
        });
        done.done();
        return sum[0];
    }

    private static Channel<Integer> joxGenerate(Channel<Void> done) {
        Channel<Integer> out = Channel.newRendezvousChannel();
        Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    for (int i = 0; i < OPS; i++) {
                        if (com.softwaremill.jox.Select.selectOrClosed(
                                        done.receiveClause(x -> false), out.sendClause(i, () -> true))
                                != Boolean.TRUE) {
                            break;
                        }
                    }
                    out.done();
                }));
        return out;
    }

    private static Channel<Integer> joxStage(Channel<Void> done, Channel<Integer> in, IntUnaryOperator f) {
        Channel<Integer> out = Channel.newRendezvousChannel();
        Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    for (Object v = in.receiveOrClosed(); !(v instanceof ChannelClosed); v = in.receiveOrClosed()) {
                        Integer next = f.applyAsInt((Integer) v);
                        if (com.softwaremill.jox.Select.selectOrClosed(
                                        done.receiveClause(x -> false), out.sendClause(next, () -> true))
                                != Boolean.TRUE) {
                            break;
                        }
                    }
                    out.done();
                }));
        return out;
    }
}
