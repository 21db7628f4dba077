package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.ChanFlux.fromChan;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ChanFluxTest {

    private static Chan<Integer> closedWith(int... values) throws InterruptedException {
        Chan<Integer> ch = Chan.make(values.length);
        for (int v : values) {
            ch.send(v);
        }
        ch.close();
        return ch;
    }

    /** Waits (bounded) for the goroutines started by the bridge to end. */
    private static void awaitGoroutines() throws InterruptedException {
        for (Thread t : Go.running()) {
            t.join(Duration.ofSeconds(10));
        }
        assertThat(Go.running()).isEmpty();
    }

    @Test
    void emitsEveryValueThenCompletesWhenTheChannelCloses() throws InterruptedException {
        StepVerifier.create(fromChan(closedWith(1, 2, 3, 4, 5))).expectNext(1, 2, 3, 4, 5).verifyComplete();
    }

    @Test
    void receivesOnlyWhatIsRequested() throws InterruptedException {
        Chan<Integer> ch = Chan.make(10);
        for (int i = 0; i < 10; i++) {
            ch.send(i);
        }
        StepVerifier.create(fromChan(ch), 0)
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertThat(ch.len()).as("nothing received ahead of demand").isEqualTo(7))
                .thenRequest(2)
                .expectNext(3, 4)
                .thenCancel()
                .verify();
        awaitGoroutines();
        assertThat(ch.len()).isEqualTo(5);
    }

    @Test
    void cancelReleasesABlockedReceiveAndLeavesTheChannelOpen() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        StepVerifier.create(fromChan(ch), 1)
                .expectSubscription()
                .thenCancel()
                .verify();
        awaitGoroutines();
        assertThat(ch.trySend(1)).as("no receiver left behind").isFalse();
        ch.close();
    }

    @Test
    void valuesSentLaterArriveAsTheyAreSent() throws InterruptedException {
        Chan<String> ch = Chan.make();
        StepVerifier.create(fromChan(ch))
                .then(() -> Go.go(() -> {
                    try (ch) {
                        ch.send("a");
                        ch.send("b");
                    }
                }))
                .expectNext("a", "b")
                .verifyComplete();
    }

    @Test
    void waitingHappensOnAVirtualThreadNotOnTheSubscribersThread() throws InterruptedException {
        StepVerifier.create(fromChan(closedWith(1)).subscribeOn(Schedulers.parallel())
                        .map(v -> Thread.currentThread().isVirtual()))
                .expectNext(true)
                .verifyComplete();
    }

    @Test
    void unboundedDemandDrainsEverything() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1_000);
        for (int i = 0; i < 1_000; i++) {
            ch.send(i);
        }
        ch.close();
        StepVerifier.create(fromChan(ch)).expectNextCount(1_000).verifyComplete();
    }
}
