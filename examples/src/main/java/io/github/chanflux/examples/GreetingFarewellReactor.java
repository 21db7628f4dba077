package io.github.chanflux.examples;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.reactor.GoContexts;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * {@link GreetingFarewell} ("Concurrency in Go" 4.12) again, in Reactor form, with the same
 * outcomes: greeting and farewell run concurrently ({@code Mono.when}); {@code genGreeting}
 * gives {@code locale} one second through a derived Go context ({@code withTimeout}), and a
 * greeting failure cancels the farewell. Waiting happens on the context's {@link Clock}, not on
 * a blocked thread, and {@link GoContexts#within} turns the context's end into the error.
 */
public final class GreetingFarewellReactor {

    private final Consumer<String> out;
    private final boolean failFast;

    /** Prints through {@code out}; {@code failFast} picks the deadline-checking locale. */
    public GreetingFarewellReactor(Consumer<String> out, boolean failFast) {
        this.out = out;
        this.failFast = failFast;
    }

    /** The book's {@code main}: completes when both have printed. */
    public Mono<Void> run(Context root) {
        return Mono.defer(() -> {
            CancelableContext ctx = Context.withCancel(root);
            Mono<Void> greeting = printGreeting(ctx).onErrorResume(e -> {
                out.accept("cannot print greeting: " + e.getMessage());
                ctx.cancel();
                return Mono.empty();
            });
            Mono<Void> farewell = printFarewell(ctx).onErrorResume(e -> {
                out.accept("cannot print farewell: " + e.getMessage());
                return Mono.empty();
            });
            return Mono.when(greeting, farewell).doFinally(signal -> ctx.cancel());
        });
    }

    Mono<Void> printGreeting(Context ctx) {
        return genGreeting(ctx).doOnNext(g -> out.accept(g + " world!")).then();
    }

    Mono<Void> printFarewell(Context ctx) {
        return genFarewell(ctx).doOnNext(f -> out.accept(f + " world!")).then();
    }

    Mono<String> genGreeting(Context ctx) {
        return Mono.using(
                () -> Context.withTimeout(ctx, Duration.ofSeconds(1)),
                timed -> locale(timed)
                        .flatMap(l -> l.equals("EN/US")
                                ? Mono.just("hello")
                                : Mono.error(new Exception("unsupported locale"))),
                CancelableContext::cancel);
    }

    Mono<String> genFarewell(Context ctx) {
        return locale(ctx)
                .flatMap(l ->
                        l.equals("EN/US") ? Mono.just("goodbye") : Mono.error(new Exception("unsupported locale")));
    }

    /** Answers after a minute on the context's clock, or fails with the context's end. */
    Mono<String> locale(Context ctx) {
        Clock clock = Context.clock(ctx);
        if (failFast) {
            Optional<Instant> deadline = ctx.deadline();
            if (deadline.isPresent() && !deadline.get().isAfter(clock.now().plus(Duration.ofMinutes(1)))) {
                return Mono.error(Context.DEADLINE_EXCEEDED);
            }
        }
        Mono<String> aMinute = Mono.create(sink -> {
            Timer timer = clock.afterFunc(Duration.ofMinutes(1), () -> sink.success("EN/US"));
            sink.onDispose(timer::stop);
        });
        return aMinute.flux().transform(GoContexts.within(ctx)).next();
    }

    public static void main(String[] args) {
        runBoth(System.out::println, Clock.system());
    }

    /** The book's run, then the one whose locale fails fast on a near deadline, on {@code clock}. */
    static void runBoth(Consumer<String> out, Clock clock) {
        Context root = Context.withClock(Context.background(), clock);
        new GreetingFarewellReactor(out, false).run(root).block();
        out.accept("-- with the deadline-checking locale:");
        new GreetingFarewellReactor(out, true).run(root).block();
    }
}
