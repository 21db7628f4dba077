package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.reactor.SupervisorEvent.GaveUp;
import io.github.chanflux.reactor.SupervisorEvent.Restarting;
import io.github.chanflux.reactor.SupervisorEvent.Started;
import io.github.chanflux.reactor.SupervisorEvent.Unhealthy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The steward as a Reactor supervisor, on virtual time. */
class SupervisorTest {

    private static final Duration FOUR_SECONDS = Duration.ofSeconds(4);

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptions = new AtomicInteger();

    @AfterEach
    void resetHooks() {
        VirtualTimeScheduler.reset();
        Hooks.resetOnErrorDropped();
    }

    /** A supervisor on virtual time whose events are recorded. */
    private Supervisor supervisor(Duration heartbeatTimeout) {
        return Supervisor.withHeartbeatTimeout(heartbeatTimeout).scheduler(vts).onEvent(events::add);
    }

    private void log(String line) {
        log.add(vts.now(TimeUnit.MILLISECONDS) + "ms " + line);
    }

    private <T> StepVerifier.FirstStep<T> onVirtualTime(Supplier<? extends Publisher<? extends T>> scenario) {
        return StepVerifier.withVirtualTime(scenario, () -> vts, Long.MAX_VALUE);
    }

    /** Counts subscriptions to {@code source}. */
    private <T> Flux<T> counted(Flux<T> source) {
        return source.doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    /**
     * The book's run: an irresponsible ward (never emits) under a 4 s timeout, halted at 9 s.
     * Reactor cancels the ward before the supervisor hears of the timeout, so each restart logs
     * the old ward's halt, then the steward's line, then the new ward's hello.
     */
    @Test
    void anIrresponsibleWardIsRestartedEveryTimeoutUntilCancelled() {
        Flux<Object> ward = Flux.never()
                .doOnSubscribe(s -> log("ward: Hello, I'm irresponsible!"))
                .doOnCancel(() -> log("ward: I am halting."));
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .maxRestarts(2, Duration.ofSeconds(10))
                        .onEvent(e -> {
                            if (e instanceof Unhealthy) {
                                log("steward: ward unhealthy; restarting");
                            }
                        })
                        .supervise(() -> ward)
                        .takeUntilOther(Mono.delay(Duration.ofSeconds(9), vts)
                                .doOnNext(t -> log("main: halting steward and ward."))))
                .thenAwait(Duration.ofSeconds(9))
                .then(() -> log("Done"))
                .verifyComplete();
        assertThat(log)
                .containsExactly(
                        "0ms ward: Hello, I'm irresponsible!",
                        "4000ms ward: I am halting.",
                        "4000ms steward: ward unhealthy; restarting",
                        "4000ms ward: Hello, I'm irresponsible!",
                        "8000ms ward: I am halting.",
                        "8000ms steward: ward unhealthy; restarting",
                        "8000ms ward: Hello, I'm irresponsible!",
                        "9000ms main: halting steward and ward.",
                        "9000ms ward: I am halting.",
                        "9000ms Done");
    }

    @Test
    void theEventsTellEachStartTimeoutAndRestart() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .maxRestarts(5, Duration.ofMinutes(1))
                        .supervise(
                                () -> Flux.just(subscriptions.incrementAndGet()).concatWith(Flux.never())))
                .expectNext(1)
                .expectNoEvent(FOUR_SECONDS.minusNanos(1))
                .thenAwait(Duration.ofNanos(1))
                .expectNext(2)
                .thenCancel()
                .verify();
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo(new Started(1));
        assertThat(events.get(1)).isEqualTo(new Unhealthy(1, FOUR_SECONDS));
        assertThat(events.get(2)).isInstanceOfSatisfying(Restarting.class, r -> {
            assertThat(r.incarnation()).isEqualTo(1);
            assertThat(r.backoff()).isZero();
            assertThat(r.cause())
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("incarnation 1 emitted no element within PT4S");
        });
        assertThat(events.get(3)).isEqualTo(new Started(2));
    }

    @Test
    void eachElementRestartsTheHeartbeatTimeout() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .supervise(() -> counted(Flux.interval(Duration.ofSeconds(3), vts)))
                        .take(10))
                .thenAwait(Duration.ofSeconds(30))
                .expectNextCount(10)
                .verifyComplete();
        assertThat(subscriptions).hasValue(1);
        assertThat(events).containsExactly(new Started(1));
    }

    /** The book's doWorkFn: wards emit 1, 2, then halt at -1 (go silent); take(6) reads 1, 2, 1, 2, 1, 2. */
    @Test
    void restartedSourcesFeedOneStream() {
        Flux<Integer> ward = Flux.just(1, 2, -1, 3, 4, 5).takeWhile(v -> v >= 0).concatWith(Flux.never());
        onVirtualTime(() -> supervisor(Duration.ofMillis(1))
                        .maxRestarts(10, Duration.ofSeconds(1))
                        .supervise(() -> ward)
                        .take(6))
                .expectNext(1, 2)
                .expectNoEvent(Duration.ofMillis(1).minusNanos(1))
                .thenAwait(Duration.ofNanos(1))
                .expectNext(1, 2)
                .expectNoEvent(Duration.ofMillis(1).minusNanos(1))
                .thenAwait(Duration.ofNanos(1))
                .expectNext(1, 2)
                .verifyComplete();
    }

    @Test
    void aSourceThatCompletesCompletesTheFlux() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS).supervise(() -> counted(Flux.just(1, 2))))
                .expectNext(1, 2)
                .verifyComplete();
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void restartsBackOffExponentiallyUpToTheMaximum() {
        List<Long> startedAt = new ArrayList<>();
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 0)
                        .maxRestarts(100, Duration.ofHours(1))
                        .supervise(() -> {
                            startedAt.add(vts.now(TimeUnit.SECONDS));
                            return Flux.error(new IOException("boom"));
                        }))
                .thenAwait(Duration.ofSeconds(15))
                .thenCancel()
                .verify();
        assertThat(startedAt).containsExactly(0L, 1L, 3L, 7L, 11L, 15L);
    }

    @Test
    void anElementResetsTheBackoff() {
        List<Long> startedAt = new ArrayList<>();
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 0)
                        .maxRestarts(100, Duration.ofHours(1))
                        .supervise(() -> {
                            startedAt.add(vts.now(TimeUnit.SECONDS));
                            return Flux.just(1).concatWith(Flux.error(new IOException("boom")));
                        }))
                .expectNext(1)
                .thenAwait(Duration.ofSeconds(3))
                .expectNextCount(3)
                .thenCancel()
                .verify();
        assertThat(startedAt).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void jitterSpreadsTheBackoffWithinItsBounds() {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(8);
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .backoff(min, max, 0.5)
                        .maxRestarts(1000, Duration.ofSeconds(1))
                        .supervise(() -> Flux.error(new IOException("boom"))))
                .thenAwait(Duration.ofHours(1))
                .thenCancel()
                .verify();
        List<Duration> backoffs = events.stream()
                .filter(Restarting.class::isInstance)
                .map(e -> ((Restarting) e).backoff())
                .toList();
        assertThat(backoffs).hasSizeGreaterThan(100);
        for (int k = 0; k < backoffs.size(); k++) {
            long base = Math.min(1000L << Math.min(k, 10), 8000);
            assertThat(backoffs.get(k).toMillis())
                    .as("backoff %d", k)
                    .isBetween(Math.max(1000, base / 2), Math.min(8000, base * 3 / 2));
        }
        assertThat(backoffs.stream().distinct().count()).isGreaterThan(2);
    }

    /** Erlang's default intensity, 1 restart in 5 s: the second failure within 5 s gives up. */
    @Test
    void moreRestartsThanTheIntensityAllowsGiveUpWithAnErrorThatSaysSo() {
        IOException boom = new IOException("boom");
        onVirtualTime(() -> supervisor(FOUR_SECONDS).supervise(() -> counted(Flux.error(boom))))
                .expectErrorSatisfies(e -> {
                    assertThat(Exceptions.isRetryExhausted(e)).isTrue();
                    assertThat(e)
                            .hasMessage("supervisor gave up: another restart would be more than 1 within PT5S;"
                                    + " last failure: java.io.IOException: boom")
                            .hasCause(boom);
                })
                .verify();
        assertThat(subscriptions).hasValue(2);
        assertThat(events).hasSize(4);
        assertThat(events.get(3)).isInstanceOfSatisfying(GaveUp.class, g -> {
            assertThat(g.incarnation()).isEqualTo(2);
            assertThat(Exceptions.isRetryExhausted(g.error())).isTrue();
        });
    }

    @Test
    void restartsOutsideTheWindowDoNotCount() {
        onVirtualTime(() -> supervisor(Duration.ofSeconds(6)).supervise(() -> counted(Flux.never())))
                .thenAwait(Duration.ofMinutes(1))
                .thenCancel()
                .verify();
        assertThat(subscriptions).hasValue(11);
    }

    @Test
    void unhealthyTwiceWithinTheWindowGivesUpWithTheTimeoutAsCause() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS).supervise(Flux::never))
                .thenAwait(Duration.ofSeconds(8))
                .expectErrorSatisfies(e -> assertThat(e)
                        .hasCauseInstanceOf(TimeoutException.class)
                        .hasMessageContaining("more than 1 within PT5S"))
                .verify();
    }

    @Test
    void zeroRestartsGiveUpAtTheFirstFailure() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .maxRestarts(0, Duration.ofSeconds(1))
                        .supervise(() -> counted(Flux.error(new IOException("boom")))))
                .expectErrorMatches(Exceptions::isRetryExhausted)
                .verify();
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void anErrorThePredicateRefusesEndsTheFluxAsItIs() {
        IllegalStateException bug = new IllegalStateException("bug");
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .restartIf(IOException.class::isInstance)
                        .supervise(() -> counted(Flux.error(bug))))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(bug))
                .verify();
        assertThat(subscriptions).hasValue(1);
        assertThat(events).containsExactly(new Started(1), new GaveUp(1, bug));
    }

    @Test
    void anErrorThePredicateAcceptsIsRestarted() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .restartIf(IOException.class::isInstance)
                        .supervise(() ->
                                counted(subscriptions.get() == 0 ? Flux.error(new IOException("boom")) : Flux.just(7))))
                .expectNext(7)
                .verifyComplete();
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void aHeartbeatTimeoutIsRestartedWhateverThePredicate() {
        onVirtualTime(() -> supervisor(FOUR_SECONDS).restartIf(e -> false).supervise(() -> counted(Flux.never())))
                .thenAwait(FOUR_SECONDS)
                .thenCancel()
                .verify();
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void cancellingStopsThePendingRestart() {
        Disposable subscription = supervisor(FOUR_SECONDS)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)
                .supervise(() -> counted(Flux.error(new IOException("boom"))))
                .subscribe(v -> {}, e -> {});
        vts.advanceTimeBy(Duration.ofMillis(500));
        subscription.dispose();
        vts.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(subscriptions).hasValue(1);
        assertThat(events).hasSize(2).last().isInstanceOf(Restarting.class);
    }

    @Test
    void aFactoryThatThrowsFailsThatIncarnation() {
        IllegalStateException broken = new IllegalStateException("no connection");
        onVirtualTime(() -> supervisor(FOUR_SECONDS).restartIf(e -> false).supervise(() -> {
                    throw broken;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(broken))
                .verify();
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .onEvent(e -> {
                            throw new IllegalStateException("broken logger");
                        })
                        .supervise(() -> Flux.just(1, 2)))
                .expectNext(1, 2)
                .verifyComplete();
        assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("broken logger"));
        assertThat(events).containsExactly(new Started(1));
    }

    /**
     * A reader that wants nothing for a while does not make the source unhealthy, as the book's
     * ward pulses while blocked on its send; Reactor's timeout restarted it here.
     */
    @Test
    void aSlowReaderDoesNotMakeTheSourceUnhealthy() {
        StepVerifier.withVirtualTime(
                        () -> supervisor(FOUR_SECONDS)
                                .supervise(() -> counted(Flux.just(1, 2, 3).concatWith(Flux.never()))),
                        () -> vts,
                        1)
                .expectNext(1)
                .thenAwait(Duration.ofSeconds(9))
                .thenRequest(1)
                .expectNext(2)
                .thenCancel()
                .verify();
        assertThat(subscriptions).hasValue(1);
        assertThat(events).containsExactly(new Started(1));
    }

    /** The silence counts from the request that leaves an element wanted, not from the last element. */
    @Test
    void theSilenceCountsFromTheRequest() {
        StepVerifier.withVirtualTime(
                        () -> supervisor(FOUR_SECONDS)
                                .supervise(() -> counted(Flux.just(1).concatWith(Flux.never()))),
                        () -> vts,
                        1)
                .expectNext(1)
                .thenAwait(Duration.ofSeconds(9))
                .thenRequest(1)
                .thenAwait(FOUR_SECONDS.minusMillis(1))
                .then(() -> assertThat(subscriptions).hasValue(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1)
                .thenCancel()
                .verify();
        assertThat(subscriptions).hasValue(2);
        assertThat(events).element(1).isInstanceOf(Unhealthy.class);
    }

    /** A listener that throws does not keep the listeners added after it from hearing the event. */
    @Test
    void aThrowingListenerDoesNotSilenceTheNext() {
        List<SupervisorEvent> heard = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(e -> {});
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .onEvent(e -> {
                            throw new IllegalStateException("broken logger");
                        })
                        .onEvent(heard::add)
                        .supervise(() -> Flux.just(1)))
                .expectNext(1)
                .verifyComplete();
        assertThat(heard).containsExactly(new Started(1));
    }

    /** A predicate that throws ends the flux with its exception, the source's error suppressed in it, after GaveUp. */
    @Test
    void aPredicateThatThrowsGivesUpWithItsExceptionAndTheSourcesError() {
        IOException io = new IOException("io");
        IllegalStateException pred = new IllegalStateException("pred");
        onVirtualTime(() -> supervisor(FOUR_SECONDS)
                        .restartIf(e -> {
                            throw pred;
                        })
                        .supervise(() -> Flux.error(io)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isSameAs(pred);
                    assertThat(e.getSuppressed()).containsExactly(io);
                })
                .verify();
        assertThat(events).containsExactly(new Started(1), new GaveUp(1, pred));
    }

    @Test
    void badArgumentsAreRejectedAtTheCallNamingThem() {
        Supervisor s = Supervisor.withHeartbeatTimeout(FOUR_SECONDS);
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> Supervisor.withHeartbeatTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeatTimeout must be positive, got PT0S");
        assertThatThrownBy(() -> Supervisor.withHeartbeatTimeout(Duration.ofSeconds(-1)))
                .hasMessage("heartbeatTimeout must be positive, got PT-1S");
        assertThatThrownBy(() -> s.backoff(Duration.ofSeconds(-1), second, 0))
                .hasMessage("backoff min must not be negative, got PT-1S");
        assertThatThrownBy(() -> s.backoff(second, Duration.ofMillis(500), 0))
                .hasMessage("backoff max must be at least min PT1S, got PT0.5S");
        assertThatThrownBy(() -> s.backoff(second, second, 1.5))
                .hasMessage("backoff jitter must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> s.backoff(second, second, Double.NaN))
                .hasMessage("backoff jitter must be in [0, 1], got NaN");
        assertThatThrownBy(() -> s.maxRestarts(-1, second))
                .hasMessage("maxRestarts count must not be negative, got -1");
        assertThatThrownBy(() -> s.maxRestarts(1, Duration.ZERO))
                .hasMessage("maxRestarts within must be positive, got PT0S");
        assertThatThrownBy(() -> s.supervise(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("factory");
        assertThatThrownBy(() -> s.restartIf(null)).hasMessage("predicate");
        assertThatThrownBy(() -> s.scheduler(null)).hasMessage("scheduler");
        assertThatThrownBy(() -> s.onEvent(null)).hasMessage("listener");
    }
}
