package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.or;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

class OrTest {

    static Mono<Void> sig(Duration after) {
        return Mono.delay(after).then();
    }

    @Test
    void theBooksSigExampleCompletesAfterOneSecond() {
        StepVerifier.withVirtualTime(() -> or(
                        sig(Duration.ofHours(2)),
                        sig(Duration.ofMinutes(5)),
                        sig(Duration.ofSeconds(1)),
                        sig(Duration.ofHours(1)),
                        sig(Duration.ofMinutes(1))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .verifyComplete();
    }

    @Test
    void aDoneThatEmitsAValueCountsAsFired() {
        StepVerifier.create(or(Mono.never(), Mono.just("closed"))).verifyComplete();
    }

    @Test
    void theOtherDonesAreCancelledOnceOneFires() {
        PublisherProbe<Void> other = PublisherProbe.of(Mono.never());
        Sinks.Empty<Void> first = Sinks.empty();
        StepVerifier.create(or(first.asMono(), other.mono()))
                .then(first::tryEmitEmpty)
                .verifyComplete();
        other.assertWasCancelled();
    }

    @Test
    void orOfNoDoneNeverCompletes() {
        StepVerifier.withVirtualTime(GoFlux::or)
                .expectSubscription()
                .expectNoEvent(Duration.ofDays(365))
                .thenCancel()
                .verify();
    }

    @Test
    void anErrorAsFirstSignalIsPassedOn() {
        StepVerifier.create(or(Mono.never(), Mono.error(new IllegalStateException("boom"))))
                .verifyErrorMessage("boom");
    }

    @Test
    void aNullDoneIsRejectedAtTheCallByItsPosition() {
        assertThatThrownBy(() -> or(Mono.never(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("or: dones[1] is null");
    }
}
