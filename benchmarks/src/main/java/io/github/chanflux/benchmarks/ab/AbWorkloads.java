package io.github.chanflux.benchmarks.ab;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * The workloads of {@link InJvmAB}: {@code ChannelBench}'s and {@code PipelineBench}'s, written
 * against the public channel API only, so that the same class runs on any build of
 * chanflux-core. {@link InJvmAB} loads one copy of this class per build, each in a class loader
 * that sees that build's core classes, and calls {@link #run} by reflection once per
 * {@value #OPS} operations. {@code juc} is the control: a {@link SynchronousQueue} ping-pong, no
 * chanflux code, so both copies run the same code and its ratio is what the harness itself
 * reads.
 */
public final class AbWorkloads {

    /** Operations per {@link #run}. */
    static final int OPS = 100_000;

    /** The workloads, in the order {@link InJvmAB} runs them by default. */
    static final List<String> NAMES =
            List.of("pingPong", "unbuffered", "buffered16", "buffered1024", "buffered16x4P", "pipeline", "juc");

    private AbWorkloads() {}

    /**
     * Runs {@code name} once on virtual threads and returns nanoseconds per operation (a round
     * trip for the ping-pongs, a value through all three stages for the pipeline).
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES}
     */
    public static double run(String name) throws InterruptedException {
        long start = System.nanoTime();
        switch (name) {
            case "pingPong" -> pingPong();
            case "unbuffered" -> transfer(0, 1);
            case "buffered16" -> transfer(16, 1);
            case "buffered1024" -> transfer(1024, 1);
            case "buffered16x4P" -> transfer(16, 4);
            case "pipeline" -> pipeline();
            case "juc" -> synchronousQueuePingPong();
            default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + NAMES);
        }
        return (System.nanoTime() - start) / (double) OPS;
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private static Thread go(Body body) {
        return Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException("workload goroutine interrupted", e);
            }
        });
    }

    private static void pingPong() throws InterruptedException {
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        Thread echo = go(() -> {
            for (int i = 0; i < OPS; i++) {
                pong.send(ping.receive().value());
            }
        });
        go(() -> {
                    for (int i = 0; i < OPS; i++) {
                        ping.send(i);
                        pong.receive();
                    }
                })
                .join();
        echo.join();
    }

    private static void transfer(int capacity, int producers) throws InterruptedException {
        Chan<Integer> ch = Chan.make(capacity);
        int per = OPS / producers;
        List<Thread> senders = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            senders.add(go(() -> {
                for (int i = 0; i < per; i++) {
                    ch.send(i);
                }
            }));
        }
        Thread consumer = go(() -> {
            for (Received<Integer> r = ch.receive(); r.ok(); r = ch.receive()) {
                // drain
            }
        });
        for (Thread s : senders) {
            s.join();
        }
        ch.close();
        consumer.join();
    }

    /** The book's pipeline: a generator and three stages, each sending in a select on done. */
    private static void pipeline() throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> out = stage(done, stage(done, stage(done, generate(done))));
        long[] sum = new long[1];
        go(() -> {
                    for (int v : out) {
                        sum[0] += v;
                    }
                })
                .join();
        done.close();
    }

    private static RecvChan<Integer> generate(Chan<Void> done) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            try (out) {
                for (int i = 0; i < OPS; i++) {
                    if (!select(recv(done, r -> false), send(out, i, () -> true))) {
                        return;
                    }
                }
            }
        });
        return out;
    }

    private static RecvChan<Integer> stage(Chan<Void> done, RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            try (out) {
                for (Received<Integer> r = in.receive(); r.ok(); r = in.receive()) {
                    Integer v = r.value() * 2;
                    if (!select(recv(done, x -> false), send(out, v, () -> true))) {
                        return;
                    }
                }
            }
        });
        return out;
    }

    private static void synchronousQueuePingPong() throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        Thread echo = go(() -> {
            for (int i = 0; i < OPS; i++) {
                pong.put(ping.take());
            }
        });
        go(() -> {
                    for (int i = 0; i < OPS; i++) {
                        ping.put(i);
                        pong.take();
                    }
                })
                .join();
        echo.join();
    }
}
