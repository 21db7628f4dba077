package io.github.chanflux.benchmarks.channel;

import static io.github.chanflux.chan.Select.prepare;
import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import com.softwaremill.jox.Channel;
import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Select;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Select over 4 buffered(16) channels kept full by 4 producers (Go's {@code BenchmarkSelect4}):
 * nanoseconds per select. The selecting side is a virtual thread; producers stop through a
 * done channel, as in the Go harness.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SelectBench {

    static final int OPS = 100_000;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void select4chanflux() throws InterruptedException {
        select4(
                (c, done) -> {
                    boolean more = true;
                    while (more) {
                        more = select(send(c, 1, () -> true), recv(done, r -> false));
                    }
                },
                cs -> {
                    for (int i = 0; i < OPS; i++) {
                        select(
                                recv(cs.get(0), r -> 0),
                                recv(cs.get(1), r -> 1),
                                recv(cs.get(2), r -> 2),
                                recv(cs.get(3), r -> 3));
                    }
                });
    }

    /**
     * {@link #select4chanflux} with every select prepared once ({@link Select#prepare}): the
     * same selects, none of the per-call allocation.
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public void select4prepared() throws InterruptedException {
        select4(
                (c, done) -> {
                    Select.Prepared<Select.Selected, RuntimeException> loop = prepare(send(c, 1), recv(done));
                    boolean more = true;
                    while (more) {
                        more = !loop.select().is(done);
                    }
                },
                cs -> {
                    Select.Prepared<Select.Selected, RuntimeException> loop =
                            prepare(recv(cs.get(0)), recv(cs.get(1)), recv(cs.get(2)), recv(cs.get(3)));
                    for (int i = 0; i < OPS; i++) {
                        loop.select();
                    }
                });
    }

    /** A producer's loop: sends on {@code c} until {@code done} closes. */
    @FunctionalInterface
    interface Producer {
        void run(Chan<Integer> c, Chan<Void> done) throws InterruptedException;
    }

    /** The selecting loop: {@link #OPS} selects over the four channels. */
    @FunctionalInterface
    interface Selector {
        void run(List<Chan<Integer>> cs) throws InterruptedException;
    }

    /**
     * Four buffered(16) channels, each kept full by a {@code producer} goroutine, and a
     * {@code selector} goroutine over them; returns when the selector has finished and the
     * producers have stopped through the done channel.
     */
    private static void select4(Producer producer, Selector selector) throws InterruptedException {
        List<Chan<Integer>> cs = new ArrayList<>();
        Chan<Void> done = Chan.make();
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Chan<Integer> c = Chan.make(16);
            cs.add(c);
            producers.add(Thread.ofVirtual().start(() -> Lane.unchecked(() -> producer.run(c, done))));
        }
        Thread.ofVirtual().start(() -> Lane.unchecked(() -> selector.run(cs))).join();
        done.close();
        for (Thread p : producers) {
            p.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public void select4jox() throws InterruptedException {
        List<Channel<Integer>> cs = new ArrayList<>();
        Channel<Void> done = Channel.newRendezvousChannel();
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Channel<Integer> c = Channel.newBufferedChannel(16);
            cs.add(c);
            producers.add(Thread.ofVirtual()
                    .start(() -> Lane.unchecked(() -> {
                        boolean more = true;
                        while (more) {
                            more = com.softwaremill.jox.Select.selectOrClosed(
                                            c.sendClause(1, () -> true), done.receiveClause(v -> false))
                                    == Boolean.TRUE;
                        }
                    })));
        }
        Thread selector = Thread.ofVirtual()
                .start(() -> Lane.unchecked(() -> {
                    for (int i = 0; i < OPS; i++) {
                        com.softwaremill.jox.Select.select(
                                cs.get(0).receiveClause(), cs.get(1).receiveClause(),
                                cs.get(2).receiveClause(), cs.get(3).receiveClause());
                    }
                }));
        selector.join();
        done.done();
        for (Thread p : producers) {
            p.join();
        }
    }
}
