package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.RateLimit.acquire;
import static io.github.chanflux.reactor.RateLimit.rateLimit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.Reservation;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The per-element rate-limit operator and acquire, on virtual time. */
class RateLimitTest {

    private static final Duration TENTH = Duration.ofMillis(100);
    private static final Instant START = FakeClock.EPOCH;

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    /** Virtual time as the limiters see it: {@link #START}, then as {@link #vts} moves. */
    private final Clock clock = new SchedulerClock(vts, START);

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    /** A limiter on virtual time. */
    private Limiter limiter(double perSecond, int burst) {
        return new Limiter(Limit.of(perSecond), burst, clock);
    }

    private <T> Supplier<Flux<T>> limited(Flux<T> source, Limiter limiter) {
        return () -> source.transform(rateLimit(limiter, e -> 1, vts));
    }

    private <T> StepVerifier.FirstStep<T> onVirtualTime(Supplier<? extends Publisher<? extends T>> scenario) {
        return onVirtualTime(scenario, Long.MAX_VALUE);
    }

    private <T> StepVerifier.FirstStep<T> onVirtualTime(
            Supplier<? extends Publisher<? extends T>> scenario, long request) {
        return StepVerifier.withVirtualTime(scenario, () -> vts, request);
    }

    @Test
    void elementsAreSpacedByTheRate() {
        Limiter lim = limiter(10, 1);
        onVirtualTime(limited(Flux.range(1, 4), lim))
                .expectSubscription()
                .expectNext(1)
                .expectNoEvent(TENTH.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(2)
                .thenAwait(TENTH)
                .expectNext(3)
                .thenAwait(TENTH)
                .expectNext(4)
                .verifyComplete();
    }

    @Test
    void theBurstGoesAtOnceThenTheRate() {
        Limiter lim = limiter(10, 3);
        onVirtualTime(limited(Flux.range(1, 5), lim))
                .expectSubscription()
                .expectNext(1, 2, 3)
                .expectNoEvent(TENTH.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(4)
                .thenAwait(TENTH)
                .expectNext(5)
                .verifyComplete();
    }

    @Test
    void weigherTakesSeveralTokensPerElement() {
        Limiter lim = limiter(10, 2);
        onVirtualTime(() -> Flux.just(2, 2).transform(rateLimit(lim, n -> n, vts)))
                .expectSubscription()
                .expectNext(2)
                .expectNoEvent(TENTH.multipliedBy(2).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(2)
                .verifyComplete();
    }

    @Test
    void moreTokensThanTheBurstIsAnError() {
        Limiter lim = limiter(10, 3);
        onVirtualTime(() -> Flux.just(5).transform(rateLimit(lim, n -> n, vts)))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("rate: n=5 exceeds limiter's burst 3"))
                .verify();
    }

    @Test
    void cancellingGivesTheDelayedElementsTokensBack() {
        Limiter lim = limiter(1, 1);
        onVirtualTime(limited(Flux.range(1, 3), lim))
                .expectSubscription()
                .expectNext(1)
                .thenAwait(Duration.ofMillis(500))
                .thenCancel()
                .verify();
        assertThat(lim.allowN(START.plusSeconds(1), 1))
                .as("the token reserved for element 2 came back")
                .isTrue();
    }

    @Test
    void withoutCancelTheReservedTokenIsSpent() {
        Limiter lim = limiter(1, 1);
        onVirtualTime(limited(Flux.range(1, 2), lim))
                .expectSubscription()
                .expectNext(1)
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(2)
                .verifyComplete();
        assertThat(lim.allowN(START.plusSeconds(1), 1)).isFalse();
    }

    @Test
    void streamsSharingALimiterConformTogether() {
        Limiter lim = limiter(10, 1);
        onVirtualTime(() -> Flux.merge(
                        Flux.range(0, 10).transform(rateLimit(lim, e -> 1, vts)),
                        Flux.range(10, 10).transform(rateLimit(lim, e -> 1, vts)),
                        Flux.range(20, 10).transform(rateLimit(lim, e -> 1, vts))))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(2_800))
                .expectNextCount(29)
                .expectNoEvent(TENTH.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void upstreamIsRequestedOneAtATimeAndOnlyOnDemand() {
        Limiter lim = limiter(1_000, 1_000);
        List<Long> requests = new CopyOnWriteArrayList<>();
        onVirtualTime(limited(Flux.range(1, 100).doOnRequest(requests::add), lim), 0)
                .expectSubscription()
                .then(() -> assertThat(requests).isEmpty())
                .thenRequest(2)
                .expectNext(1, 2)
                .then(() -> assertThat(requests).containsExactly(1L, 1L))
                .thenCancel()
                .verify();
    }

    @Test
    void tokensAreTakenOnlyForRequestedElements() {
        Limiter lim = limiter(1, 10);
        AtomicInteger pulled = new AtomicInteger();
        onVirtualTime(limited(Flux.range(1, 100).doOnNext(e -> pulled.incrementAndGet()), lim), 0)
                .expectSubscription()
                .thenRequest(1)
                .expectNext(1)
                .then(() ->
                        assertThat(pulled).as("elements pulled from upstream").hasValue(1))
                .then(() -> assertThat(lim.tokens()).as("tokens left").isEqualTo(9))
                .thenCancel()
                .verify();
    }

    @Test
    void rateLimitAndAllowShareTheLimitersClock() {
        Limiter lim = limiter(20, 1);
        onVirtualTime(limited(Flux.just(1), lim))
                .expectSubscription()
                .expectNext(1)
                .then(() -> assertThat(lim.allow())
                        .as("allow() right after rateLimit took the only token")
                        .isFalse())
                .verifyComplete();
    }

    @Test
    void acquireAndAllowShareTheLimitersClock() {
        Limiter lim = limiter(20, 1);
        onVirtualTime(() -> acquire(lim, Context.background(), vts))
                .expectSubscription()
                .verifyComplete();
        assertThat(lim.allow())
                .as("allow() right after acquire() took the only token")
                .isFalse();
    }

    @Test
    void upstreamErrorsPassThrough() {
        Limiter lim = limiter(10, 1);
        onVirtualTime(limited(Flux.<Integer>error(new IllegalStateException("boom")), lim))
                .expectErrorMessage("boom")
                .verify();
    }

    @Test
    void acquireCompletesWhenATokenIsAvailable() {
        Limiter lim = limiter(10, 1);
        onVirtualTime(() -> acquire(lim, Context.background(), vts).then(acquire(lim, Context.background(), vts)))
                .expectSubscription()
                .expectNoEvent(TENTH.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .verifyComplete();
    }

    @Test
    void acquireFailsAtOnceWhenTheContextIsDone() {
        Limiter lim = limiter(10, 1);
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        StepVerifier.create(acquire(lim, ctx))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.CANCELED))
                .verify();
        assertThat(lim.allowN(START, 1)).as("no token taken").isTrue();
    }

    @Test
    void acquireFailsWhenTheContextEndsWhileWaitingAndGivesTheTokenBack() {
        Limiter lim = limiter(1, 1);
        CancelableContext ctx = Context.withCancel(Context.background());
        onVirtualTime(() -> acquire(lim, Context.background(), vts).then(acquire(lim, ctx, vts)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(500))
                .then(ctx::cancel)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.CANCELED))
                .verify();
        assertThat(lim.allowN(START.plusSeconds(1), 1))
                .as("the token came back")
                .isTrue();
    }

    /** A 1 s wait against a 400 ms deadline fails at once, before any time passes, as Go's Wait. */
    @Test
    void acquireBeyondTheDeadlineFailsAtOnce() {
        Limiter lim = limiter(1, 1);
        assertThat(lim.allow()).isTrue();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (CancelableContext ctx =
                Context.withTimeout(Context.withClock(Context.background(), clock), Duration.ofMillis(400))) {
            acquire(lim, ctx, vts).subscribe(done -> {}, failed::set);
            assertThat(failed.get())
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("rate: Wait(n=1) would exceed context deadline");
        }
        assertThat(lim.tokens()).as("no token taken").isZero();
    }

    /**
     * Another caller reserves while acquire works out its wait (here, as it reads the context's
     * clock). A wait beyond the deadline then takes nothing, as in Go, whose Wait reserves with
     * the time left as the limit. Reserving first and cancelling after would leave a token
     * taken, because the other reservation relies on it.
     */
    @Test
    void acquireBeyondTheDeadlineTakesNoTokenWhileOthersReserve() {
        Limiter lim = limiter(1, 1);
        assertThat(lim.allow()).isTrue();
        AtomicReference<Runnable> onRead = new AtomicReference<>(() -> {});
        Clock ctxClock = new Clock() {
            @Override
            public Instant now() {
                onRead.getAndSet(() -> {}).run();
                return clock.now();
            }

            @Override
            public Timer afterFunc(Duration delay, Runnable f) {
                return clock.afterFunc(delay, f);
            }

            @Override
            public RecvChan<Instant> after(Duration delay) {
                return clock.after(delay);
            }
        };
        AtomicReference<Reservation> other = new AtomicReference<>();
        try (CancelableContext ctx =
                Context.withTimeout(Context.withClock(Context.background(), ctxClock), Duration.ofMillis(400))) {
            onRead.set(() -> other.set(lim.reserve()));
            StepVerifier.create(acquire(lim, ctx, vts))
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOf(TimeoutException.class)
                            .hasMessage("rate: Wait(n=1) would exceed context deadline"))
                    .verify();
        }
        assertThat(other.get().ok()).as("the other caller reserved meanwhile").isTrue();
        assertThat(lim.tokens()).as("only the other caller's token is taken").isEqualTo(-1.0);
    }

    /** Go's Wait fails on a zero burst with a finite limit, whatever the context. */
    @Test
    void acquireFailsAtOnceWhenTheBurstIsZero() {
        Limiter lim = limiter(10, 0);
        StepVerifier.create(acquire(lim, Context.background(), vts))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("rate: Wait(n=1) exceeds limiter's burst 0"))
                .verify();
    }

    @Test
    void acquireReadsTheGoContextOfTheSubscriber() {
        Limiter lim = limiter(10, 1);
        CancelableContext ctx = Context.withCancel(Context.background());
        ctx.cancel();
        StepVerifier.create(acquire(lim).contextWrite(GoContexts.put(ctx)))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.CANCELED))
                .verify();
        StepVerifier.create(acquire(lim)).as("no Go context: background").verifyComplete();
    }
}
