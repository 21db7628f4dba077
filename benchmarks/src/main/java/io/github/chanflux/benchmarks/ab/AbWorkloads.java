package io.github.chanflux.benchmarks.ab;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.pattern.Patterns;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;

/**
 * The workloads of {@link InJvmAB}: {@code ChannelBench}'s (the ping-pong also written with
 * {@code send(v, done)} and {@code receive(done)}), {@code PipelineBench}'s,
 * {@code PatternsBench}'s channel bridge, and
 * {@code RingBench}'s and {@code FanInBench}'s with 10 goroutines, written
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
    static final List<String> NAMES = List.of(
            "pingPong",
            "pingPongOrDone",
            "unbuffered",
            "buffered16",
            "buffered1024",
            "buffered16x4P",
            "pipeline",
            "pipelineOrDone",
            "bridge",
            "ring10",
            "fanIn10",
            "juc");

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
            case "pingPongOrDone" -> pingPongOrDone();
            case "unbuffered" -> transfer(0, 1);
            case "buffered16" -> transfer(16, 1);
            case "buffered1024" -> transfer(1024, 1);
            case "buffered16x4P" -> transfer(16, 4);
            case "pipeline" -> pipeline();
            case "pipelineOrDone" -> pipelineOrDone();
            case "bridge" -> bridge();
            case "ring10" -> ring(10);
            case "fanIn10" -> fanIn(10);
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

    /**
     * The pipeline as {@code Patterns} writes it: each stage receives with
     * {@code receive(done)} and sends with {@code send(v, done)}.
     */
    private static void pipelineOrDone() throws InterruptedException {
        Chan<Void> done = Chan.make();
        Chan<Integer> source = Chan.make();
        go(() -> {
            try (source) {
                for (int i = 0; i < OPS; i++) {
                    if (!source.send(i, done)) {
                        return;
                    }
                }
            }
        });
        RecvChan<Integer> out = stageOrDone(done, stageOrDone(done, stageOrDone(done, source)));
        long[] sum = new long[1];
        go(() -> {
                    for (Received<Integer> r = out.receive(done); r.ok(); r = out.receive(done)) {
                        sum[0] += r.value();
                    }
                })
                .join();
        done.close();
    }

    private static RecvChan<Integer> stageOrDone(Chan<Void> done, RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make();
        go(() -> {
            try (out) {
                for (Received<Integer> r = in.receive(done); r.ok(); r = in.receive(done)) {
                    if (!out.send(r.value() * 2, done)) {
                        return;
                    }
                }
            }
        });
        return out;
    }

    /**
     * {@code PatternsBench}'s channel bridge: {@code Patterns.bridge} (4.10) flattening
     * {@code OPS / 100} buffered inner channels of 100 values each, read with
     * {@code receive(done)}.
     */
    private static void bridge() throws InterruptedException {
        int inner = 100;
        Chan<Void> done = Chan.make();
        Chan<RecvChan<Integer>> chanStream = Chan.make();
        go(() -> {
            try (chanStream) {
                for (int i = 0; i < OPS / inner; i++) {
                    Chan<Integer> stream = Chan.make(inner);
                    for (int j = 0; j < inner; j++) {
                        stream.send(i * inner + j);
                    }
                    stream.close();
                    chanStream.send(stream);
                }
            }
        });
        RecvChan<Integer> out = Patterns.bridge(done, chanStream);
        long[] sum = new long[1];
        go(() -> {
                    for (Received<Integer> r = out.receive(done); r.ok(); r = out.receive(done)) {
                        sum[0] += r.value();
                    }
                })
                .join();
        done.close();
    }

    /** The ping-pong with {@code send(v, done)} and {@code receive(done)} on both sides. */
    private static void pingPongOrDone() throws InterruptedException {
        Chan<Void> done = Chan.make();
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        Thread echo = go(() -> {
            for (Received<Integer> r = ping.receive(done); r.ok(); r = ping.receive(done)) {
                if (!pong.send(r.value(), done)) {
                    return;
                }
            }
        });
        go(() -> {
                    for (int i = 0; i < OPS; i++) {
                        ping.send(i, done);
                        pong.receive(done);
                    }
                })
                .join();
        done.close();
        echo.join();
    }

    /** {@code RingBench}: a token passed round {@code n} goroutines over unbuffered channels. */
    private static void ring(int n) throws InterruptedException {
        List<Chan<Integer>> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            links.add(Chan.make());
        }
        Chan<Void> finished = Chan.make();
        List<Thread> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chan<Integer> in = links.get(i);
            Chan<Integer> out = links.get((i + 1) % n);
            members.add(go(() -> {
                for (Received<Integer> r = in.receive(); r.ok(); r = in.receive()) {
                    int hops = r.value() + 1;
                    if (hops == OPS) {
                        finished.close(); // the token stops here; every other member waits to receive
                        return;
                    }
                    out.send(hops);
                }
            }));
        }
        links.get(0).send(0);
        finished.receive();
        for (Chan<Integer> link : links) {
            link.close();
        }
        for (Thread t : members) {
            t.join();
        }
    }

    /** {@code FanInBench}: {@code n} producers send into one unbuffered channel; one consumer. */
    private static void fanIn(int n) throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            producers.add(go(() -> {
                for (int i = 0; i < OPS / n; i++) {
                    ch.send(i);
                }
            }));
        }
        Thread consumer = go(() -> {
            for (int i = 0; i < OPS / n * n; i++) {
                ch.receive();
            }
        });
        for (Thread t : producers) {
            t.join();
        }
        consumer.join();
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
