package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.context.Context;
import io.github.chanflux.pattern.Replicas;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Replicated requests, "Concurrency in Go" 5.4: ten handlers with a simulated load of 1 to 5
 * seconds; the first answer is taken, the others are cancelled, and each prints how long it
 * would have taken:
 *
 * <pre>
 * 8 took 1.000211046s
 * 4 took 3s
 * …
 * Received an answer from #8
 * </pre>
 *
 * The book closes a shared {@code done} once {@code <-result} returns and waits on a
 * {@code WaitGroup}; {@code Replicas.first} does both, each handler watching its context's
 * {@code done()}. Then the same with Reactor: {@code Replicas.first(n, id -> mono)} over
 * {@code Mono.delay}s on the same clock.
 */
public final class ReplicatedRequests {

    static final int HANDLERS = 10;

    private ReplicatedRequests() {}

    /** Each handler's simulated load: Go's {@code time.Duration(1+rand.Intn(5))*time.Second}. */
    static Duration[] loads(Random rand) {
        Duration[] load = new Duration[HANDLERS];
        Arrays.setAll(load, i -> Duration.ofSeconds(1 + rand.nextInt(5)));
        return load;
    }

    /** The book's {@code doWork}: waits out its load or its context, prints how long it would have taken. */
    private static int doWork(Context ctx, int id, Duration load, Clock clock, Consumer<String> out)
            throws InterruptedException {
        Instant started = clock.now();
        try {
            select(recv(ctx.done()), recv(clock.after(load))); // simulate random load
            return id;
        } finally {
            Duration took = Duration.between(started, clock.now());
            if (took.compareTo(load) < 0) {
                took = load; // display how long handlers would have taken
            }
            out.accept(id + " took " + GoDuration.format(took));
        }
    }

    /** The first answer of the handlers with these {@code loads}. */
    static int firstReturned(Duration[] loads, Clock clock, Consumer<String> out)
            throws InterruptedException, ExecutionException, TimeoutException {
        Context ctx = Context.withClock(Context.background(), clock);
        return Replicas.first(ctx, HANDLERS, (c, id) -> doWork(c, id, loads[id], clock, out));
    }

    /** The same with Reactor: the first of ten {@code Mono.delay}s, the others cancelled. */
    static int firstReturnedWithReactor(Duration[] loads, Clock clock) {
        ClockScheduler scheduler = ClockScheduler.on(clock);
        return io.github.chanflux.reactor.Replicas.first(
                        HANDLERS, id -> Mono.delay(loads[id], scheduler).thenReturn(id))
                .block();
    }

    /** Both forms over the same loads, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock)
            throws InterruptedException, ExecutionException, TimeoutException {
        Duration[] loads = loads(new Random());
        out.accept("Received an answer from #" + firstReturned(loads, clock, out));
        out.accept("-- the same with Reactor --");
        out.accept("Received an answer from #" + firstReturnedWithReactor(loads, clock));
    }

    public static void main(String[] args) throws Exception {
        run(System.out::println, Clock.system());
    }
}
