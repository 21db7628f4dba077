package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;

class GoContextsTest {

    private static final Key<String> USER = Key.of("user");

    @Test
    void operatorsReadTheGoContextAndItsValues() {
        Context ctx = Context.withValue(Context.background(), USER, "gopher");
        Mono<String> user = GoContexts.current().map(c -> c.value(USER).orElse("nobody"));
        StepVerifier.create(user.contextWrite(GoContexts.put(ctx)))
                .expectNext("gopher")
                .verifyComplete();
    }

    @Test
    void withoutAGoContextItIsBackground() {
        StepVerifier.create(GoContexts.current())
                .expectNext(Context.background())
                .verifyComplete();
    }

    @Test
    void theNearestPutWins() {
        Context outer = Context.withValue(Context.background(), USER, "outer");
        Context inner = Context.withValue(Context.background(), USER, "inner");
        Mono<String> user = GoContexts.current().map(c -> c.value(USER).orElseThrow());
        StepVerifier.create(user.contextWrite(GoContexts.put(inner)).contextWrite(GoContexts.put(outer)))
                .expectNext("inner")
                .verifyComplete();
        assertThat(GoContexts.get(reactor.util.context.Context.empty())).isSameAs(Context.background());
    }

    @AfterEach
    void goroutinesEnded() throws InterruptedException {
        Goroutines.assertAllEnded();
    }

    @Test
    void withinPassesEverythingWhileTheContextLives() {
        StepVerifier.create(Flux.range(1, 3).transform(GoContexts.within(Context.background())))
                .expectNext(1, 2, 3)
                .verifyComplete();
    }

    @Test
    void withinFailsWithCanceledWhenTheContextIsCanceled() {
        CancelableContext ctx = Context.withCancel(Context.background());
        StepVerifier.create(Flux.never().transform(GoContexts.within(ctx)))
                .expectSubscription()
                .then(ctx::cancel)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.CANCELED))
                .verify();
    }

    @Test
    void aDeadlineBecomesATimeoutFailingWithDeadlineExceeded() {
        FakeClock clock = new FakeClock();
        CancelableContext ctx =
                Context.withTimeout(Context.withClock(Context.background(), clock), Duration.ofSeconds(1));
        StepVerifier.create(Flux.never().transform(GoContexts.within(ctx)))
                .expectSubscription()
                .then(() -> clock.advance(Duration.ofSeconds(1)))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.DEADLINE_EXCEEDED))
                .verify();
    }

    @Test
    void cancellingTheSubscriptionCancelsTheDerivedContext() {
        AtomicReference<Context> derived = new AtomicReference<>();
        StepVerifier.create(GoContexts.withCancel(Context.background(), ctx -> {
                    derived.set(ctx);
                    return Flux.never();
                }))
                .expectSubscription()
                .thenCancel()
                .verify();
        assertThat(derived.get().err()).isSameAs(Context.CANCELED);
    }

    @Test
    void aBodyThatThrowsCancelsTheDerivedContext() {
        AtomicReference<Context> derived = new AtomicReference<>();
        StepVerifier.create(GoContexts.<Integer>withCancel(Context.background(), ctx -> {
                    derived.set(ctx);
                    throw new IllegalStateException("boom");
                }))
                .verifyErrorMessage("boom");
        assertThat(derived.get().err()).isSameAs(Context.CANCELED);
    }

    @Test
    void aBodyThatReturnsNullFailsAndCancelsTheDerivedContext() {
        AtomicReference<Context> derived = new AtomicReference<>();
        StepVerifier.create(GoContexts.<Integer>withCancel(Context.background(), ctx -> {
                    derived.set(ctx);
                    return null;
                }))
                .verifyErrorSatisfies(e ->
                        assertThat(e).isInstanceOf(NullPointerException.class).hasMessageContaining("body"));
        assertThat(derived.get().err()).isSameAs(Context.CANCELED);
    }

    @Test
    void theDerivedContextIsInTheSubscriberContext() {
        StepVerifier.create(GoContexts.withCancel(
                        Context.background(), ctx -> GoContexts.current().map(c -> c == ctx)))
                .expectNext(true)
                .verifyComplete();
    }

    @Test
    void runEmitsTheResultOfTheGoroutine() {
        StepVerifier.create(GoContexts.run(Context.background(), ctx -> "done"))
                .expectNext("done")
                .verifyComplete();
    }

    @Test
    void runFailsWithTheContextAndInterruptsTheWork() throws InterruptedException {
        CancelableContext ctx = Context.withCancel(Context.background());
        Chan<String> started = Chan.make(1);
        Chan<String> ended = Chan.make(1);
        Mono<String> work = GoContexts.run(ctx, c -> {
            started.send("started");
            try {
                return Chan.<String>make().receive().value();
            } catch (InterruptedException e) {
                ended.send("interrupted");
                throw e;
            }
        });
        StepVerifier.create(work)
                .expectSubscription()
                .then(() -> {
                    try {
                        started.receive();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    ctx.cancel();
                })
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.CANCELED))
                .verify();
        assertThat(ended.receive().value()).isEqualTo("interrupted");
    }

    /** Bounds every wait for a signal, so that a regression fails instead of hanging. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** The signals {@code flux} emits, waiting (bounded) for its end. */
    private static <T> List<Signal<T>> signals(Flux<T> flux) {
        return flux.materialize().collectList().block(BOUND);
    }

    @Test
    void withinADoneContextLetsNoValueOfASynchronousSourceThrough() {
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        int failures = 0;
        for (int trial = 0; trial < 50; trial++) {
            List<Signal<Integer>> got = signals(Flux.range(1, 1_000).transform(GoContexts.within(ctx)));
            if (got.size() != 1 || got.get(0).getThrowable() != Context.CANCELED) {
                failures++;
            }
        }
        assertThat(failures)
                .as("trials with a value or without Canceled, of 50")
                .isZero();
    }

    @Test
    void withCancelUnderADoneParentLetsNoValueOfASynchronousSourceThrough() {
        CancelableContext parent = Context.withCancel(Context.background());
        parent.cancel();
        int failures = 0;
        for (int trial = 0; trial < 50; trial++) {
            List<Signal<Integer>> got = signals(GoContexts.withCancel(parent, ctx -> Flux.range(1, 1_000)));
            if (got.size() != 1 || got.get(0).getThrowable() != Context.CANCELED) {
                failures++;
            }
        }
        assertThat(failures)
                .as("trials with a value or without Canceled, of 50")
                .isZero();
    }

    /**
     * The source completes, then cancels the context before its {@code subscribe} returns: inside
     * {@code concatWith}'s trampoline, so after the completion reached {@code within} and before
     * {@code within} decides how the stream ends.
     */
    @Test
    void withinKeepsAStreamCompletedWhenItsContextEndsAfterTheSourceCompleted() {
        CancelableContext ctx = Context.withCancel(Context.background());
        Flux<Integer> source = Flux.create(sink -> {
            sink.next(1).next(2).complete();
            ctx.cancel();
        });
        StepVerifier.create(source.transform(GoContexts.within(ctx)))
                .expectNext(1, 2)
                .expectComplete()
                .verify(BOUND);
    }

    @Test
    void runFailsWithAnErrorTheWorkThrows() {
        StepVerifier.create(GoContexts.run(Context.background(), ctx -> {
                    throw new AssertionError("broken invariant");
                }))
                .expectErrorSatisfies(
                        e -> assertThat(e).isInstanceOf(AssertionError.class).hasMessage("broken invariant"))
                .verify(BOUND);
    }

    @Test
    void runFailsWithAnInterruptNeitherTheContextNorTheSubscriberCaused() {
        StepVerifier.create(GoContexts.run(Context.background(), ctx -> {
                    throw new InterruptedException("someone else's interrupt");
                }))
                .expectErrorSatisfies(e ->
                        assertThat(e).isInstanceOf(InterruptedException.class).hasMessage("someone else's interrupt"))
                .verify(BOUND);
    }

    @Test
    void runOnADoneContextFailsWithItsCauseAndNeverEmitsTheWorksValue() {
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        int failures = 0;
        for (int trial = 0; trial < 5_000; trial++) {
            List<Signal<String>> got = signals(GoContexts.run(ctx, c -> "value").flux());
            if (got.size() != 1 || got.get(0).getThrowable() != Context.CANCELED) {
                failures++;
            }
        }
        assertThat(failures).as("trials that emitted the value, of 5000").isZero();
    }
}
