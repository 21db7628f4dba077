package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed for every test of this module (blockhound-junit-platform); these tests
 * show that it is active, that it sees a channel receive parking a Reactor non-blocking thread,
 * and that the bridges never do.
 */
class BlockHoundTest {

    @Test
    void aBlockingReceiveOnAParallelThreadIsCaught() {
        Chan<Integer> ch = Chan.make();
        StepVerifier.create(Mono.fromCallable(() -> ch.receive().value()).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e ->
                        assertThat(e).isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!"))
                .verify();
    }

    @Test
    void fromChanConsumedOnAParallelThreadDoesNotBlockIt() throws InterruptedException {
        Chan<Integer> ch = Chan.make(4);
        Flux<Integer> flux = ChanFlux.fromChan(ch).publishOn(Schedulers.parallel(), 2);
        Thread producer = Go.go(() -> {
            try (ch) {
                for (int i = 0; i < 1_000; i++) {
                    ch.send(i);
                }
            }
        });
        StepVerifier.create(flux.subscribeOn(Schedulers.parallel()).count())
                .expectNext(1_000L)
                .verifyComplete();
        producer.join();
    }

    @Test
    void toChanFedFromAParallelThreadDoesNotBlockIt() throws InterruptedException {
        PublishedChan<Integer> published = ChanFlux.toChan(
                Flux.range(0, 1_000).publishOn(Schedulers.parallel(), 1).subscribeOn(Schedulers.parallel()), 0);
        long sum = 0;
        for (int v : published.chan()) {
            sum += v;
        }
        assertThat(sum).isEqualTo(999L * 1_000 / 2);
        assertThat(published.err()).isNull();
    }

    @Test
    void contendedTrySendsFromParallelThreadsAreAllowedButAWaitingSendIsNot() throws InterruptedException {
        Chan<Integer> ch = Chan.make(64);
        Thread drainer = Go.go(() -> {
            for (int v : ch) {
                // receive on a virtual thread, contending for the lock with the senders
            }
        });
        StepVerifier.create(Flux.range(0, 10_000)
                        .parallel(2)
                        .runOn(Schedulers.parallel())
                        .map(v -> ch.trySend(v) ? 1 : 0)
                        .sequential()
                        .count())
                .expectNextCount(1)
                .verifyComplete();
        ch.close();
        drainer.join();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        StepVerifier.create(Mono.fromCallable(() -> {
                            full.send(1);
                            return true;
                        })
                        .subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify();
    }

    /** A rate limiter's lock, contended by parallel threads, is taken without a blocking call. */
    @Test
    void contendedLimiterCallsFromParallelThreadsAreAllowed() {
        Limiter limiter = new Limiter(Limit.of(1_000_000_000), 1_000_000_000);
        StepVerifier.create(Flux.range(0, 200_000)
                        .parallel(2)
                        .runOn(Schedulers.parallel())
                        .map(v -> limiter.allow() ? 1 : 0)
                        .sequential()
                        .reduce(0, Integer::sum))
                .expectNext(200_000)
                .verifyComplete();
    }

    @Test
    void contendedContextSubscriptionsOnASharedParentNeverBlockParallelThreads() {
        CancelableContext shared = Context.withCancel(Context.background());
        AtomicLong dropped = new AtomicLong();
        Hooks.onErrorDropped(e -> dropped.addAndGet(e instanceof BlockingOperationError ? 1 : 0));
        try {
            long blocked = Flux.range(0, 200_000)
                    .parallel()
                    .runOn(Schedulers.parallel())
                    .flatMap(i -> blockingErrors(shared, i))
                    .sequential()
                    .reduce(0L, Long::sum)
                    .block();
            assertThat(blocked + dropped.get()).isZero();
        } finally {
            Hooks.resetOnErrorDropped();
            shared.cancel();
        }
    }

    /** One subscription linked to {@code shared}: 1 if it failed with a blocking call, else 0. */
    private static Mono<Long> blockingErrors(Context shared, int i) {
        Flux<Integer> linked = i % 2 == 0
                ? Flux.just(i).transform(GoContexts.within(shared))
                : GoContexts.withCancel(shared, ctx -> Flux.just(i).transform(GoContexts.within(ctx)));
        return linked.then(Mono.just(0L)).onErrorResume(BlockingOperationError.class, e -> Mono.just(1L));
    }
}
