package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.RateLimit.acquire;
import static io.github.chanflux.reactor.RateLimit.rateLimit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The per-element rate-limit operator and acquire, on virtual time. */
class RateLimitTest {

    private static final Duration TENTH = Duration.ofMillis(100);

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    /** A limiter whose time is virtual time (epoch-based, as the operator reads it). */
    private static Limiter limiter(double perSecond, int burst) {
        return new Limiter(Limit.of(perSecond), burst);
    }

    private static <T> Supplier<Flux<T>> limited(Flux<T> source, Limiter limiter) {
        return () -> source.transform(rateLimit(limiter, e -> 1, Schedulers.parallel()));
    }

    @Test
    void elementsAreSpacedByTheRate() {
        Limiter lim = limiter(10, 1);
        StepVerifier.withVirtualTime(limited(Flux.range(1, 4), lim))
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
        StepVerifier.withVirtualTime(limited(Flux.range(1, 5), lim))
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
        StepVerifier.withVirtualTime(() -> Flux.just(2, 2).transform(rateLimit(lim, n -> n, Schedulers.parallel())))
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
        StepVerifier.withVirtualTime(() -> Flux.just(5).transform(rateLimit(lim, n -> n, Schedulers.parallel())))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("rate: n=5 exceeds limiter's burst 3"))
                .verify();
    }

    @Test
    void cancellingGivesTheDelayedElementsTokensBack() {
        Limiter lim = limiter(1, 1);
        StepVerifier.withVirtualTime(limited(Flux.range(1, 3), lim))
                .expectSubscription()
                .expectNext(1)
                .thenAwait(Duration.ofMillis(500))
                .thenCancel()
                .verify();
        assertThat(lim.allowN(Instant.EPOCH.plusSeconds(1), 1))
                .as("the token reserved for element 2 came back")
                .isTrue();
    }

    @Test
    void withoutCancelTheReservedTokenIsSpent() {
        Limiter lim = limiter(1, 1);
        StepVerifier.withVirtualTime(limited(Flux.range(1, 2), lim))
                .expectSubscription()
                .expectNext(1)
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(2)
                .verifyComplete();
        assertThat(lim.allowN(Instant.EPOCH.plusSeconds(1), 1)).isFalse();
    }

    @Test
    void streamsSharingALimiterConformTogether() {
        Limiter lim = limiter(10, 1);
        StepVerifier.withVirtualTime(() -> Flux.merge(
                        Flux.range(0, 10).transform(rateLimit(lim, e -> 1, Schedulers.parallel())),
                        Flux.range(10, 10).transform(rateLimit(lim, e -> 1, Schedulers.parallel())),
                        Flux.range(20, 10).transform(rateLimit(lim, e -> 1, Schedulers.parallel()))))
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
        StepVerifier.withVirtualTime(limited(Flux.range(1, 100).doOnRequest(requests::add), lim), 0)
                .expectSubscription()
                .then(() -> assertThat(requests).isEmpty())
                .thenRequest(2)
                .expectNext(1, 2)
                .then(() -> assertThat(requests).containsOnly(1L).hasSizeLessThanOrEqualTo(3))
                .thenCancel()
                .verify();
    }

    @Test
    void upstreamErrorsPassThrough() {
        Limiter lim = limiter(10, 1);
        StepVerifier.withVirtualTime(limited(Flux.<Integer>error(new IllegalStateException("boom")), lim))
                .expectErrorMessage("boom")
                .verify();
    }

    @Test
    void acquireCompletesWhenATokenIsAvailable() {
        Limiter lim = limiter(10, 1);
        StepVerifier.withVirtualTime(() -> acquire(lim, Context.background()).then(acquire(lim, Context.background())))
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
        assertThat(lim.allowN(Instant.EPOCH, 1)).as("no token taken").isTrue();
    }

    @Test
    void acquireFailsWhenTheContextEndsWhileWaitingAndGivesTheTokenBack() {
        Limiter lim = limiter(1, 1);
        CancelableContext ctx = Context.withCancel(Context.background());
        StepVerifier.withVirtualTime(() -> acquire(lim, Context.background()).then(acquire(lim, ctx)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(500))
                .then(ctx::cancel)
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(Context.CANCELED))
                .verify();
        assertThat(lim.allowN(Instant.EPOCH.plusSeconds(1), 1)).as("the token came back").isTrue();
    }

    @Test
    void acquireBeyondTheDeadlineFailsAtOnce() {
        Limiter lim = limiter(1, 1);
        assertThat(lim.allowN(Instant.EPOCH, 1)).isTrue();
        StepVerifier.withVirtualTime(() -> Mono.defer(() -> {
                    Context onVirtualTime = Context.withClock(Context.background(), new FakeClock(Instant.EPOCH));
                    CancelableContext ctx = Context.withDeadline(onVirtualTime, Instant.EPOCH.plusMillis(10));
                    return acquire(lim, ctx);
                }))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(TimeoutException.class)
                        .hasMessage("rate: Wait(n=1) would exceed context deadline"))
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
