package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.pattern.AllFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Replicated requests as a Mono: the first value wins, the losers are cancelled, failures are named. */
class ReplicasTest {

    private final List<Integer> cancelled = new CopyOnWriteArrayList<>();

    @Test
    void theFastestReplicaWinsAndEveryOtherIsCancelled() {
        int[] loadSeconds = {3, 5, 1, 4, 2};
        StepVerifier.withVirtualTime(() -> Replicas.first(
                        loadSeconds.length,
                        id -> Mono.delay(Duration.ofSeconds(loadSeconds[id]))
                                .thenReturn(id)
                                .doOnCancel(() -> cancelled.add(id))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(2)
                .verifyComplete();
        assertThat(cancelled).containsExactlyInAnyOrder(0, 1, 3, 4);
    }

    @Test
    void aFailedReplicaLeavesTheOthersRunning() {
        StepVerifier.create(Replicas.first(2, id -> id == 0 ? Mono.error(new IOException("down")) : Mono.just("one")))
                .expectNext("one")
                .verifyComplete();
    }

    @Test
    void whenAllFailTheErrorNamesEveryReplicasCause() {
        StepVerifier.create(Replicas.<String>first(3, id -> switch (id) {
                    case 0 -> Mono.error(new IOException("timeout"));
                    case 1 -> Mono.empty();
                    default -> throw new IllegalStateException("no route");
                }))
                .verifyErrorSatisfies(e -> {
                    assertThat(e)
                            .isInstanceOf(AllFailedException.class)
                            .hasMessage("all 3 attempts failed: "
                                    + "#0: java.io.IOException: timeout; "
                                    + "#1: java.util.NoSuchElementException: replica #1 completed empty; "
                                    + "#2: java.lang.IllegalStateException: no route");
                    assertThat(e.getCause()).hasMessage("timeout");
                    assertThat(e.getSuppressed()).hasSize(2);
                });
    }

    @Test
    void cancellingTheMonoCancelsEveryReplica() {
        Replicas.first(3, id -> Mono.never().doOnCancel(() -> cancelled.add(id)))
                .subscribe()
                .dispose();
        assertThat(cancelled).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void badArgumentsAreNamedAtTheCall() {
        assertThatThrownBy(() -> Replicas.first(0, id -> Mono.just(id)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas: n must be at least 1, got 0");
        assertThatThrownBy(() -> Replicas.first(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("replica");
    }

    @Test
    void replicasSeeTheCallersContext() {
        StepVerifier.create(Replicas.first(2, id -> Mono.deferContextual(ctx -> Mono.just(ctx.<String>get("user"))))
                        .contextWrite(reactor.util.context.Context.of("user", "gopher")))
                .expectNext("gopher")
                .verifyComplete();
    }

    @Test
    void aCancelWhileSubscribingAsksNoFurtherReplicaAndSignalsNothing() {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        List<String> signals = new CopyOnWriteArrayList<>();
        Replicas.<Integer>first(3, id -> {
                    asked.add(id);
                    return Mono.error(new IOException("down"));
                })
                .subscribe(new reactor.core.publisher.BaseSubscriber<Integer>() {
                    @Override
                    protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                        s.cancel();
                    }

                    @Override
                    protected void hookOnError(Throwable e) {
                        signals.add("error " + e);
                    }

                    @Override
                    protected void hookOnComplete() {
                        signals.add("complete");
                    }
                });
        assertThat(asked).isEmpty();
        assertThat(signals).isEmpty();
    }
}
