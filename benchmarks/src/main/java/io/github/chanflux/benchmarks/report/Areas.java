package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Area.JmhRun;
import io.github.chanflux.benchmarks.report.Area.Ratio;
import io.github.chanflux.benchmarks.report.Area.Row;
import java.util.List;

/** The areas of the comparison: which samples make each table (see benchmarks/README.md). */
final class Areas {

    private Areas() {}

    private static Row channel(String label, String method, String go) {
        return Row.of(
                label,
                "chanflux",
                "ChannelBench." + method + "[contender=chanflux]",
                "Jox",
                "ChannelBench." + method + "[contender=jox]",
                "juc",
                "ChannelBench." + method + "[contender=juc]",
                "Go",
                "go:Channels_" + go);
    }

    static final Area CHANNELS = new Area(
            "channels",
            "Channels",
            "Every side on virtual threads (Go: goroutines); one op moves one value (a round trip for ping-pong, "
                    + "one select for select4), thread start-up amortised over 200 000 values. juc is "
                    + "`SynchronousQueue` (unbuffered) or `ArrayBlockingQueue` (buffered). Goal: ahead of Jox, "
                    + "within 1.5× of Go.",
            List.of("chanflux", "Jox", "juc", "Go"),
            List.of(
                    channel("unbuffered ping-pong (round trip)", "pingPong", "pingPong"),
                    channel("unbuffered 1P1C", "unbuffered1P1C", "unbuffered1P1C"),
                    channel("buffered(16) 1P1C", "buffered16x1P1C", "buffered16x1P1C"),
                    channel("buffered(1024) 1P1C", "buffered1024x1P1C", "buffered1024x1P1C"),
                    channel("4 producers → buffered(16)", "buffered16x4P1C", "buffered16x4P1C"),
                    Row.of(
                            "select over 4 ready channels",
                            "chanflux",
                            "SelectBench.select4chanflux",
                            "Jox",
                            "SelectBench.select4jox",
                            "Go",
                            "go:Channels_select4"),
                    Row.of(
                            "select over 4 ready channels, prepared once",
                            "chanflux",
                            "SelectBench.select4prepared",
                            "Jox",
                            "SelectBench.select4jox",
                            "Go",
                            "go:Channels_select4"),
                    Row.of(
                            "3-stage pipeline, per element",
                            "chanflux",
                            "PipelineBench.chanflux",
                            "Jox",
                            "PipelineBench.jox",
                            "Go",
                            "go:Channels_pipeline3")),
            List.of(
                    new Ratio("chanflux", List.of("Jox")),
                    new Ratio("chanflux", List.of("Go")),
                    new Ratio("chanflux", List.of("Jox", "juc", "Go"))),
            List.of(new JmhRun("\\.ChannelBench\\.|\\.SelectBench\\.|\\.PipelineBench\\.", 1)),
            "Channels");

    private static Row busy(String label, String method) {
        return Row.of(
                label,
                "chanflux",
                "BusyChannelBench." + method + "[contender=chanflux]",
                "Jox",
                "BusyChannelBench." + method + "[contender=jox]",
                "juc",
                "BusyChannelBench." + method + "[contender=juc]",
                "chanflux, quiet",
                "ChannelBench." + method + "[contender=chanflux]");
    }

    static final Area BUSY = new Area(
            "busy",
            "Channels on a busy machine",
            "The single-channel workloads of the table above while one process per core burns CPU at the lowest "
                    + "priority (`nice -n 19 sh`: shell arithmetic, checking every quarter second that the "
                    + "benchmark's JVM lives, so that it ends with it), as batch jobs do on a shared host: a "
                    + "core a carrier leaves idle goes to a burner at once. `BusyChannelBench`, 2 forks; the quiet "
                    + "chanflux column is the channels table's. No Go column (the Go harness runs quiet). Goal: "
                    + "chanflux ≤ 1.2× `SynchronousQueue` (juc) on ping-pong and unbuffered 1P1C, busy as quiet.",
            List.of("chanflux", "Jox", "juc", "chanflux, quiet"),
            List.of(
                    busy("unbuffered ping-pong (round trip)", "pingPong"),
                    busy("unbuffered 1P1C", "unbuffered1P1C"),
                    busy("buffered(16) 1P1C", "buffered16x1P1C")),
            List.of(
                    new Ratio("chanflux", List.of("juc")),
                    new Ratio("chanflux", List.of("Jox")),
                    new Ratio("chanflux", List.of("chanflux, quiet"))),
            List.of(new JmhRun("\\.BusyChannelBench\\.", 1)),
            "Busy");

    private static Row pattern(String label, String method) {
        return Row.of(
                label,
                "GoFlux",
                "PatternsBench." + method + "[contender=goflux]",
                "Reactor by hand",
                "PatternsBench." + method + "[contender=reactor]",
                "chanflux channels",
                "PatternsBench." + method + "[contender=chan]",
                "Go",
                "go:Patterns_" + method);
    }

    static final Area PATTERNS = new Area(
            "patterns",
            "Patterns (chapter 4)",
            "Per element, 100 000 elements per op. GoFlux: the chanflux Reactor operators; Reactor by hand: the "
                    + "same chain with the operators they are built on and the same prefetch (so GoFlux / Reactor "
                    + "is the operators' own overhead; goal ≤ 1.05); both run synchronously on the caller's "
                    + "thread, as a Reactor chain without a scheduler does. chanflux channels and Go: the book's "
                    + "goroutines and unbuffered channels, every element crossing a goroutine hand-off per stage.",
            List.of("GoFlux", "Reactor by hand", "chanflux channels", "Go"),
            List.of(
                    pattern("pipeline: generator, ×2, +1, ×2", "pipeline"),
                    pattern("orDone", "orDone"),
                    pattern("tee (to two consumers)", "tee"),
                    pattern("bridge (1 000 streams × 100)", "bridge"),
                    pattern("fanIn (4 sources)", "fanIn")),
            List.of(new Ratio("GoFlux", List.of("Reactor by hand")), new Ratio("chanflux channels", List.of("Go"))),
            List.of(new JmhRun("\\.PatternsBench\\.", 1)),
            "Patterns");

    private static Row chapter5(String label, String method) {
        return Row.of(
                label,
                "GoFlux",
                "Chapter5Bench." + method + "[contender=goflux]",
                "Reactor by hand",
                "Chapter5Bench." + method + "[contender=reactor]");
    }

    static final Area CHAPTER5 = new Area(
            "chapter5",
            "Operators (chapter 5)",
            "The chapter-5 Reactor operators against what one would write in plain Reactor, timers set to an "
                    + "hour so that none fires: the pass-through cost, and arming and cancelling one timer per "
                    + "subscription. Streams: per element, 100 000 elements per op, synchronously on the caller's "
                    + "thread. heartbeat and keepAlive by hand: a `Flux.interval` of pulses merged in, dropped "
                    + "without demand and stopped with the source (the usual keep-alive; it pulses at a fixed rate, "
                    + "not after an idle interval); atBoundary by hand: `onErrorMap` with the same rule, no error "
                    + "raised. Calls: per call, answered at once, `block()`ed; replicas: three, by hand "
                    + "`Mono.firstWithValue`; hedge: two attempts, by hand `Mono.firstWithValue` of the first and "
                    + "the second after `Mono.delay`. GoFlux / Reactor by hand is the operators' own overhead; "
                    + "goal ≤ 1.05. No Go column (Go has no such operators).",
            List.of("GoFlux", "Reactor by hand"),
            List.of(
                    chapter5("heartbeat, per element", "heartbeat"),
                    chapter5("keepAlive, per element", "keepAlive"),
                    chapter5("atBoundary, per element", "atBoundary"),
                    chapter5("replicas (3), per call", "replicas"),
                    chapter5("hedge (2 attempts), per call", "hedge")),
            List.of(new Ratio("GoFlux", List.of("Reactor by hand"))),
            List.of(new JmhRun("\\.Chapter5Bench\\.", 1)),
            "Chapter5");

    static final Area BRIDGES = new Area(
            "bridges",
            "Bridges: Chan ⇄ Publisher",
            "Per value, 200 000 values from a producer goroutine to a consumer, channels of capacity 16. "
                    + "Chan → Flux → Chan adds two bridges (a drainer goroutine and a pump goroutine) between them; "
                    + "plain Chan is the same transfer without bridges; plain Flux is `Flux.range` through "
                    + "`publishOn(parallel, 16)`, Reactor's own hand-off between two threads; Go is a buffered(16) "
                    + "channel transfer.",
            List.of("Chan → Flux → Chan", "Chan → Flux", "Flux → Chan", "plain Chan", "plain Flux", "Go chan"),
            List.of(Row.of(
                    "producer → consumer, capacity 16",
                    "Chan → Flux → Chan",
                    "BridgeBench.chanFluxChan",
                    "Chan → Flux",
                    "BridgeBench.chanToFlux",
                    "Flux → Chan",
                    "BridgeBench.fluxToChan",
                    "plain Chan",
                    "BridgeBench.plainChan",
                    "plain Flux",
                    "BridgeBench.plainFlux",
                    "Go chan",
                    "go:Bridges_chanTransfer16")),
            List.of(
                    new Ratio("Chan → Flux → Chan", List.of("plain Chan")),
                    new Ratio("Chan → Flux", List.of("plain Chan")),
                    new Ratio("Flux → Chan", List.of("plain Chan"))),
            List.of(new JmhRun("\\.BridgeBench\\.", 1)),
            "Bridges");

    private static Row context(String label, String method, String params, String go) {
        String q = params.isEmpty() ? "" : params + ",";
        return Row.of(
                label,
                "chanflux",
                "ContextBench." + method + "[" + q + "impl=chanflux]",
                "gRPC Context",
                "ContextBench." + method + "[" + q + "impl=grpc]",
                "Go",
                "go:Context_" + go);
    }

    static final Area CONTEXT = new Area(
            "context",
            "Context",
            "withCancel: derive a cancelable child of a cancelable root and cancel it (gRPC: `withCancellation` "
                    + "+ `cancel`; gRPC attaches a child to its parent only when a listener is added, chanflux when "
                    + "something first watches it (`done()`), Go at once). value: look up the key stored at the bottom of a chain of value contexts (Go and "
                    + "chanflux walk the chain; gRPC keeps values in a persistent trie). cancel tree: cancel the root "
                    + "of 100 000 cancelable contexts (100 children × 999), each watched (`done()`, `Done()`, a "
                    + "gRPC listener); building the tree is not timed.",
            List.of("chanflux", "gRPC Context", "Go"),
            List.of(
                    context("withCancel + cancel", "withCancel", "", "withCancel"),
                    context("value, depth 1", "value", "depth=1", "value_depth1"),
                    context("value, depth 10", "value", "depth=10", "value_depth10"),
                    context("value, depth 100", "value", "depth=100", "value_depth100"),
                    context("cancel a tree of 100 000", "cancelTree100k", "", "cancelTree100k")),
            List.of(new Ratio("chanflux", List.of("gRPC Context", "Go"))),
            List.of(new JmhRun("\\.ContextBench\\.", 1)),
            "Context");

    private static Row allow(String label, int threads) {
        String t = threads == 1 ? "" : "@" + threads;
        return Row.of(
                label,
                "chanflux",
                "AllowBench.chanflux" + t,
                "Bucket4j",
                "AllowBench.bucket4j" + t,
                "Resilience4j",
                "AllowBench.resilience4j" + t,
                "Guava",
                "AllowBench.guava" + t,
                "Go x/time/rate",
                "go:Rate_allow_t" + threads);
    }

    static final Area RATE = new Area(
            "rate",
            "Rate limiter: allow()",
            "The non-blocking \"may I act now?\" call, one limiter shared by all threads (goroutines), configured "
                    + "so that every call is granted: the figure is the bookkeeping, reading the clock included. "
                    + "Time per call per thread.",
            List.of("chanflux", "Bucket4j", "Resilience4j", "Guava", "Go x/time/rate"),
            List.of(allow("1 thread", 1), allow("2 threads", 2), allow("4 threads", 4)),
            List.of(new Ratio("chanflux", List.of("Bucket4j", "Resilience4j", "Guava"))),
            List.of(
                    new JmhRun("\\.AllowBench\\.", 1),
                    new JmhRun("\\.AllowBench\\.", 2),
                    new JmhRun("\\.AllowBench\\.", 4)),
            "Rate");

    static final Area FANOUT = new Area(
            "fanout",
            "Fan-out: the prime finder",
            "One op finds the first ten primes among pseudo-random ints below 2 000 000 (the same LCG on both "
                    + "sides) with the book's slow trial division; sequential: one finder; fanned out: one finder "
                    + "per core, fanned in (channels), `GoFlux.fanOut` on virtual threads (Reactor). Every op "
                    + "waits for all its workers to stop.",
            List.of("chanflux channels", "GoFlux", "Go"),
            List.of(
                    Row.of(
                            "sequential",
                            "chanflux channels",
                            "PrimeBench.sequential[contender=chan]",
                            "GoFlux",
                            "PrimeBench.sequential[contender=reactor]",
                            "Go",
                            "go:Primes_sequential"),
                    Row.of(
                            "fanned out, one finder per core",
                            "chanflux channels",
                            "PrimeBench.fanOut[contender=chan]",
                            "GoFlux",
                            "PrimeBench.fanOut[contender=reactor]",
                            "Go",
                            "go:Primes_fanOut"),
                    Row.speedup("speed-up", "sequential", "fanned out, one finder per core")),
            List.of(new Ratio("chanflux channels", List.of("Go"))),
            List.of(new JmhRun("\\.PrimeBench\\.", 1)),
            "Primes");

    private static Row scaling(String label, String bench, String method, String n, String go) {
        return Row.of(
                label,
                "chanflux",
                bench + "." + method + "[contender=chanflux,n=" + n + "]",
                "Jox",
                bench + "." + method + "[contender=jox,n=" + n + "]",
                "Go",
                "go:Scaling_" + go + n);
    }

    private static final String PARKED_MEMORY = "io.github.chanflux.benchmarks.channel.ParkedMemory";

    static final Area SCALING = new Area(
            "scaling",
            "Scaling: how cost grows with the work",
            "Ring: N goroutines (virtual threads) in a ring, each with an unbuffered channel to the next, pass a "
                    + "token around; time per hop, 20 000 hops per JMH op, the token going on round the ring from "
                    + "op to op. Fan-in: N producers send without end into one shared unbuffered channel, one "
                    + "consumer receives (20 000 values per JMH op, the consumer started per op); time per value "
                    + "received. Starting and stopping the N goroutines is not "
                    + "timed (JMH: once per fork; Go: once per benchmark, kept across its calls). Memory: heap per "
                    + "goroutine parked on a channel receive, 100 000 of them, (after − before) / 100 000, each "
                    + "reading after full GCs, one fresh process per measurement (5 each). JVM: after 10 rounds of "
                    + "10 000 parked threads, so that the frames are compiled code's (an interpreted frame takes "
                    + "about twice the room in the stack chunk); used heap "
                    + "(`MemoryMXBean`), i.e. the `Thread` object, its continuation, the stack chunk its frames "
                    + "were copied to, and the channel's record of the waiter (a parked virtual thread has no "
                    + "native stack). Go: `HeapInuse` + `StackInuse` (`runtime.ReadMemStats`), i.e. the goroutine's "
                    + "stack, its `g` and its `sudog`.",
            List.of("chanflux", "Jox", "Go"),
            List.of(
                    scaling("ring of 10, per hop", "RingBench", "ring", "10", "ring"),
                    scaling("ring of 1 000, per hop", "RingBench", "ring", "1000", "ring"),
                    scaling("ring of 100 000, per hop", "RingBench", "ring", "100000", "ring"),
                    scaling("ring of 1 000 000, per hop", "RingBench", "ring", "1000000", "ring"),
                    scaling("fan-in from 10 producers, per value", "FanInBench", "fanIn", "10", "fanIn"),
                    scaling("fan-in from 1 000 producers, per value", "FanInBench", "fanIn", "1000", "fanIn"),
                    scaling("fan-in from 100 000 producers, per value", "FanInBench", "fanIn", "100000", "fanIn"),
                    scaling("fan-in from 1 000 000 producers, per value", "FanInBench", "fanIn", "1000000", "fanIn"),
                    Row.of(
                            "memory per parked goroutine (100 000 parked)",
                            "chanflux",
                            "ParkedMemory[contender=chanflux]",
                            "Jox",
                            "ParkedMemory[contender=jox]",
                            "Go",
                            "go:Scaling_parked:B/goroutine")),
            List.of(new Ratio("chanflux", List.of("Go")), new Ratio("chanflux", List.of("Jox"))),
            List.of(new JmhRun("\\.RingBench\\.|\\.FanInBench\\.", 1)),
            "Scaling",
            List.of(
                    new Area.MainRun(PARKED_MEMORY, List.of("chanflux"), List.of()),
                    new Area.MainRun(PARKED_MEMORY, List.of("jox"), List.of())));

    static final List<Area> ALL = List.of(CHANNELS, BUSY, PATTERNS, CHAPTER5, BRIDGES, CONTEXT, RATE, FANOUT, SCALING);
}
