package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.Heartbeats.heartbeat;
import static io.github.chanflux.reactor.Heartbeats.keepAlive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The heartbeat operator ("Concurrency in Go" 5.3) on virtual time. */
class HeartbeatsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Beat<Integer> PULSE = Beat.pulse();

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    private <T> StepVerifier.FirstStep<T> onVirtualTime(
            Supplier<? extends Publisher<? extends T>> scenario, long request) {
        return StepVerifier.withVirtualTime(scenario, () -> vts, request);
    }

    private Supplier<Flux<Beat<Integer>>> beating(Flux<Integer> source) {
        return () -> source.transform(heartbeat(SECOND, vts));
    }

    /** A source that emits {@code value} after {@code delay}, then completes. */
    private Flux<Integer> after(Duration delay, int value) {
        return Mono.delay(delay, vts).thenReturn(value).flux();
    }

    @Test
    void anIdleSourcePulsesEveryInterval() {
        onVirtualTime(beating(Flux.never()), Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(SECOND)
                .expectNext(PULSE)
                .expectNoEvent(SECOND)
                .expectNext(PULSE)
                .expectNoEvent(SECOND)
                .expectNext(PULSE)
                .thenCancel()
                .verify();
    }

    @Test
    void valuesPassInOrderAndPulsesFillOnlyTheIdleTime() {
        Flux<Integer> source =
                Flux.concat(Flux.just(1), after(Duration.ofMillis(2500), 2), after(Duration.ofMillis(500), 3));
        onVirtualTime(beating(source), Long.MAX_VALUE)
                .expectSubscription()
                .expectNext(Beat.value(1))
                .expectNoEvent(SECOND)
                .expectNext(PULSE)
                .expectNoEvent(SECOND)
                .expectNext(PULSE)
                .expectNoEvent(Duration.ofMillis(500))
                .expectNext(Beat.value(2))
                .expectNoEvent(Duration.ofMillis(500))
                .expectNext(Beat.value(3))
                .verifyComplete();
    }

    @Test
    void aSourceFasterThanTheIntervalNeverPulses() {
        Flux<Integer> source =
                Flux.interval(Duration.ofMillis(900), vts).map(Long::intValue).take(5);
        onVirtualTime(beating(source), Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectNext(Beat.value(0), Beat.value(1), Beat.value(2), Beat.value(3), Beat.value(4))
                .verifyComplete();
    }

    @Test
    void completesWithTheSource() {
        onVirtualTime(beating(Flux.just(1, 2)), Long.MAX_VALUE)
                .expectNext(Beat.value(1), Beat.value(2))
                .verifyComplete();
    }

    @Test
    void failsWithTheSource() {
        IllegalStateException boom = new IllegalStateException("boom");
        onVirtualTime(beating(Flux.concat(after(Duration.ofMillis(1500), 1), Flux.error(boom))), Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(SECOND)
                .expectNext(PULSE)
                .thenAwait(SECOND)
                .expectNext(Beat.value(1))
                .verifyErrorSatisfies(e -> assertThat(e).isSameAs(boom));
    }

    /** Unlike a merged {@code Flux.interval} (reactor-core #911): no demand, no pulse, no overflow error. */
    @Test
    void withoutDemandPulsesAreDroppedNotAnError() {
        onVirtualTime(beating(after(Duration.ofSeconds(5), 7)), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10))
                .thenRequest(1)
                .expectNext(Beat.value(7))
                .verifyComplete();
    }

    /**
     * With request(1) and an idle source the pulse takes the demand; the value that upstream was
     * asked for is held until the next request, never pushed without demand.
     */
    @Test
    void aPulseThatTakesTheDemandHoldsTheNextValueUntilRequested() {
        onVirtualTime(beating(after(Duration.ofMillis(2500), 7)), 0)
                .expectSubscription()
                .thenRequest(1)
                .expectNoEvent(SECOND)
                .expectNext(PULSE)
                .expectNoEvent(Duration.ofSeconds(10))
                .thenRequest(1)
                .expectNext(Beat.value(7))
                .verifyComplete();
    }

    @Test
    void aPulseIsDroppedWhenItFindsNoDemandAndTheNextComesOneIntervalLater() {
        onVirtualTime(beating(Flux.never()), 0)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(1500))
                .thenRequest(1)
                .expectNoEvent(Duration.ofMillis(499))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(PULSE)
                .thenCancel()
                .verify();
    }

    @Test
    void cancellingCancelsTheSourceAndStopsTheTimer() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        onVirtualTime(beating(Flux.<Integer>never().doOnCancel(() -> sourceCancelled.set(true))), Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(SECOND)
                .expectNext(PULSE)
                .thenCancel()
                .verify();
        assertThat(sourceCancelled).isTrue();
        long scheduled = vts.getScheduledTaskCount();
        vts.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(vts.getScheduledTaskCount())
                .as("no timer re-armed after cancel")
                .isEqualTo(scheduled);
    }

    @Test
    void keepAliveInjectsTheSuppliedElement() {
        onVirtualTime(
                        () -> Flux.concat(Flux.just("a"), Flux.<String>never())
                                .transform(keepAlive(SECOND, () -> "ping", vts)),
                        Long.MAX_VALUE)
                .expectNext("a")
                .expectNoEvent(SECOND)
                .expectNext("ping")
                .thenCancel()
                .verify();
    }

    /** A subscriber that cancels inside onNext hears nothing more: the completion came after it. */
    @Test
    void aCancelInsideOnNextIsTheLastSignal() {
        List<String> signals = new CopyOnWriteArrayList<>();
        Flux.just(1).transform(keepAlive(SECOND, () -> 0, vts)).subscribe(new CoreSubscriber<Integer>() {
            private Subscription subscription;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(5);
            }

            @Override
            public void onNext(Integer v) {
                signals.add("next " + v);
                subscription.cancel();
            }

            @Override
            public void onError(Throwable t) {
                signals.add("error " + t);
            }

            @Override
            public void onComplete() {
                signals.add("complete");
            }
        });
        assertThat(signals).containsExactly("next 1");
    }

    @Test
    void aPulseSupplierThatFailsFailsTheStreamAndCancelsTheSource() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        Flux<String> source = Flux.<String>never().doOnCancel(() -> sourceCancelled.set(true));
        onVirtualTime(() -> source.transform(keepAlive(SECOND, () -> null, vts)), Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(SECOND)
                .verifyErrorMessage("the pulse supplier returned null");
        assertThat(sourceCancelled).isTrue();
    }

    @Test
    void badArgumentsAreRejectedAtTheCallByName() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> heartbeat(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("heartbeat needs interval > 0, got " + bad);
        }
        assertThatThrownBy(() -> heartbeat(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("interval");
        assertThatThrownBy(() -> heartbeat(SECOND, null)).hasMessage("scheduler");
        assertThatThrownBy(() -> keepAlive(SECOND, null)).hasMessage("pulse");
    }

    /** Go's durations saturate: an interval of centuries is accepted and simply never elapses. */
    @Test
    void anIntervalOfCenturiesNeverPulses() {
        StepVerifier.withVirtualTime(
                        () -> Flux.just(1).concatWith(Flux.never()).transform(heartbeat(Duration.ofDays(365L * 500))))
                .expectNext(Beat.value(1))
                .thenAwait(Duration.ofDays(365L * 100))
                .expectNoEvent(Duration.ofDays(1))
                .thenCancel()
                .verify();
    }
}
