package io.github.chanflux.examples;

import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tour of the examples: every program by book section, runnable by name.
 *
 * <pre>
 * ./mvnw -q -pl examples -am -DskipTests package exec:exec                    lists them
 * ./mvnw -q -pl examples -am -DskipTests package exec:exec -Dexample=NAME     runs one
 * ./mvnw -q -pl examples -am -DskipTests package exec:exec -Dexample=all      runs them all
 * </pre>
 * Timed programs run in real time, as the book's do; with {@code -Dfast=true} they run on a
 * {@link FakeClock} that jumps from timer to timer whenever every goroutine is blocked (Go's
 * {@code testing/synctest}), so the whole tour takes seconds.
 */
public final class Tour {

    /** A program of the tour: prints through {@code out}, waits on {@code clock}; {@code fast} asks for a short run. */
    @FunctionalInterface
    interface Program {
        void run(Consumer<String> out, Clock clock, boolean fast) throws Exception;
    }

    /**
     * One example: its name on the command line, its book section, what it shows, and whether it
     * waits on a clock (then {@code -Dfast=true} puts it on a fake one).
     */
    record Example(String name, String section, String description, boolean timed, Program program) {}

    static final List<Example> EXAMPLES = List.of(
            new Example(
                    "demo",
                    "3",
                    "the channel owner, then a select over two replicas with a timeout",
                    true,
                    (out, clock, fast) -> Demo.run(out, clock)),
            new Example(
                    "channel-owner",
                    "3",
                    "read, write and close on nil, open and closed channels; the channel owner",
                    false,
                    (out, clock, fast) -> ChannelOwner.run(out)),
            new Example(
                    "salutations",
                    "3",
                    "goroutines and closures: the salutation loop in the book's fixed form (the bad one does not compile in Java)",
                    false,
                    (out, clock, fast) -> Salutations.run(out)),
            new Example(
                    "cond-queue",
                    "3",
                    "sync.Cond as a lock and its condition: ten items through a queue of at most two, removed after 1 s",
                    true,
                    (out, clock, fast) -> CondQueue.run(out, clock)),
            new Example(
                    "confinement",
                    "4.1",
                    "ad hoc and lexical confinement; printData over two halves of one buffer",
                    false,
                    (out, clock, fast) -> Confinement.run(out)),
            new Example(
                    "preventing-leaks",
                    "4.3",
                    "goroutine leaks fixed with a done channel",
                    true,
                    (out, clock, fast) -> PreventingLeaks.run(out, clock)),
            new Example(
                    "or-channel",
                    "4.4",
                    "the first of five signals (2h, 5m, 1s, 1h, 1m) closes or (channels and Reactor)",
                    true,
                    (out, clock, fast) -> OrChannelExample.run(out, clock)),
            new Example(
                    "check-status-print",
                    "4.5",
                    "checkStatus prints its errors in the goroutine: main sees only the responses",
                    false,
                    (out, clock, fast) -> CheckStatusPrinting.printStatuses(out, CheckStatusPrinting.URLS)),
            new Example(
                    "check-status",
                    "4.5",
                    "errors as values: Result on the same channel as the responses",
                    false,
                    (out, clock, fast) -> CheckStatus.printStatuses(out, CheckStatus.URLS)),
            new Example(
                    "batch-pipeline",
                    "4.6",
                    "batch stages on whole slices: add(multiply(ints, 2), 1) prints 3 5 7 9",
                    false,
                    (out, clock, fast) -> BatchPipeline.run(out)),
            new Example(
                    "pipeline",
                    "4.6, 4.9",
                    "pipeline stages, generators, take, repeatFn, tee (channels and Reactor)",
                    false,
                    (out, clock, fast) -> Pipeline.run(out)),
            new Example(
                    "prime-finder",
                    "4.7",
                    "primes sequentially and fanned out, with the time each search took",
                    false,
                    (out, clock, fast) -> PrimeFinder.run(out, fast ? 1_000_000 : 50_000_000)),
            new Example(
                    "or-done",
                    "4.8",
                    "ranging over a channel that never closes until done closes (channels and Reactor)",
                    true,
                    (out, clock, fast) -> OrDoneExample.run(out, clock)),
            new Example(
                    "tee",
                    "4.9",
                    "both outputs of tee see every value (channels and Reactor)",
                    false,
                    (out, clock, fast) -> Pipeline.runTee(out)),
            new Example(
                    "bridge",
                    "4.10",
                    "a channel of channels read as one stream (channels and Reactor)",
                    false,
                    (out, clock, fast) -> BridgeExample.run(out)),
            new Example(
                    "queuing",
                    "4.11",
                    "a 1 s stage before a 4 s stage, unbuffered and with a buffer of two (channels and Reactor)",
                    true,
                    (out, clock, fast) -> Queuing.run(out, clock)),
            new Example(
                    "greeting-farewell-done",
                    "4.12",
                    "greeting and farewell with a done channel, before context: both after locale's minute",
                    true,
                    (out, clock, fast) -> GreetingFarewellDone.run(out, clock)),
            new Example(
                    "greeting-farewell",
                    "4.12",
                    "greeting and farewell under one context with deadlines",
                    true,
                    (out, clock, fast) -> GreetingFarewell.runBoth(out, clock)),
            new Example(
                    "greeting-farewell-reactor",
                    "4.12",
                    "the same program in Reactor form",
                    true,
                    (out, clock, fast) -> GreetingFarewellReactor.runBoth(out, clock)),
            new Example(
                    "error-propagation",
                    "5.1",
                    "the CLI's log entry and user line for a missing job binary, unwrapped and wrapped (and Reactor)",
                    false,
                    (out, clock, fast) -> ErrorPropagation.run(out, clock)),
            new Example(
                    "preemptible",
                    "5.2",
                    "a calculation that checks done between steps; a blocking step made preemptible (and Reactor)",
                    true,
                    (out, clock, fast) -> PreemptibleExample.run(out, clock)),
            new Example(
                    "heartbeat",
                    "5.3",
                    "interval heartbeats, a worker that stops pulsing, work-unit heartbeats (and Reactor)",
                    true,
                    (out, clock, fast) -> HeartbeatExample.run(out, clock)),
            new Example(
                    "replicated-requests",
                    "5.4",
                    "ten handlers with random load, the first answer wins (channels and Reactor)",
                    true,
                    (out, clock, fast) -> ReplicatedRequests.run(out, clock)),
            new Example(
                    "hedging",
                    "5.4+",
                    "a second attempt after 100 ms beats a stalled replica (channels and Reactor)",
                    true,
                    (out, clock, fast) -> HedgingExample.run(out, clock)),
            new Example(
                    "api-unlimited",
                    "5.5",
                    "the APIConnection without a limit: all twenty calls at 0 s",
                    true,
                    (out, clock, fast) -> ApiConnection.runUnlimited(out, clock)),
            new Example(
                    "api-one-per-second",
                    "5.5",
                    "the APIConnection under one limiter of 1 per second, burst 1: one call a second",
                    true,
                    (out, clock, fast) -> ApiConnection.runLimited(out, clock)),
            new Example(
                    "rate-limit",
                    "5.5",
                    "an API connection under MultiLimiters, each call's time",
                    true,
                    (out, clock, fast) -> RateLimitedApi.run(out, clock)),
            new Example(
                    "steward",
                    "5.6",
                    "a steward restarts an irresponsible ward every 4 s until halted at 9 s (channels and Reactor)",
                    true,
                    (out, clock, fast) -> StewardExample.run(out, clock)),
            new Example(
                    "do-work-fn",
                    "5.6",
                    "restarted wards feed one bridged stream: Received: 1 2 1 2 1 2 (channels and Reactor)",
                    true,
                    (out, clock, fast) -> DoWorkFn.run(out, clock)),
            new Example(
                    "context-search",
                    "blog",
                    "the Go blog's context article: a search with the user's IP in its context, in time and timed out",
                    true,
                    (out, clock, fast) -> ContextSearch.run(out, clock)),
            new Example(
                    "practical-tips",
                    "tips",
                    "the notes' tips: the worker loop with Result, errgroup, close as broadcast, futures, a logger in the context, pacing",
                    true,
                    (out, clock, fast) -> PracticalTips.run(out, clock)));

    private Tour() {}

    /**
     * Lists the examples, runs one by name, or runs {@code all}.
     *
     * @param args the example's name (none to list) and optionally {@code fast}; or the system
     *     properties {@code chanflux.example} and {@code chanflux.fast}, as {@code exec:exec} passes them
     * @throws Exception what an example threw
     */
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : System.getProperty("chanflux.example", "");
        boolean fast = Boolean.parseBoolean(args.length > 1 ? args[1] : System.getProperty("chanflux.fast"));
        name = name.strip();
        Consumer<String> out = System.out::println;
        if (name.isEmpty()) {
            list(out);
        } else if (name.equals("all")) {
            for (Example e : EXAMPLES) {
                run(e, fast, out);
            }
        } else {
            Optional<Example> e = find(name);
            if (e.isEmpty()) {
                list(out);
                throw new IllegalArgumentException("no example named \"" + name + "\"; the names are listed above");
            }
            run(e.get(), fast, out);
        }
    }

    static Optional<Example> find(String name) {
        return EXAMPLES.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    static void list(Consumer<String> out) {
        out.accept("Examples of \"Concurrency in Go\" (run one with -Dexample=NAME, all with -Dexample=all;"
                + " -Dfast=true puts the timed ones on a fake clock):");
        for (Example e : EXAMPLES) {
            out.accept(String.format("  %-26s %-9s %s", e.name(), e.section(), e.description()));
        }
    }

    /** Runs {@code e} on the system clock, or on a fake clock that a driver moves when all are blocked. */
    static void run(Example e, boolean fast, Consumer<String> out) throws Exception {
        out.accept("== " + e.name() + " (" + e.section() + "): " + e.description());
        if (!fast || !e.timed()) {
            e.program().run(out, Clock.system(), fast);
            return;
        }
        FakeClock clock = new FakeClock();
        Set<Thread> before = Go.running();
        FakeClockDriver driver = new FakeClockDriver(clock);
        Exception[] failure = new Exception[1];
        Thread program = Go.go("tour-" + e.name(), () -> {
            try {
                e.program().run(out, clock, true);
            } catch (Exception ex) {
                failure[0] = ex;
            }
        });
        driver.runUntil(() -> before.containsAll(Go.running())); // the program and every goroutine it started
        program.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
