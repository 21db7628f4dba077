package io.github.chanflux.equivalence;

import static io.github.chanflux.equivalence.Channels.drain;
import static io.github.chanflux.equivalence.Channels.generate;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.reactor.GoFlux;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.publisher.PublisherProbe;

/**
 * The or-channel and or-done behave the same over channels and as Reactor operators, whichever
 * done signal fires and whenever it fires.
 */
class OrEquivalenceProperties {

    @Property(tries = 40)
    void orFiresWhenAndOnlyWhenOneOfItsSignalsFires(
            @ForAll @IntRange(min = 1, max = 8) int count, @ForAll @IntRange(max = 7) int firing)
            throws InterruptedException {
        int fired = firing % count;
        List<Chan<Void>> channels = new ArrayList<>();
        List<Sinks.Empty<Void>> sinks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            channels.add(Chan.make());
            sinks.add(Sinks.empty());
        }
        try {
            RecvChan<?> overChannels = Patterns.or(channels.toArray(RecvChan<?>[]::new));
            AtomicBoolean reactorDone = new AtomicBoolean();
            GoFlux.or(sinks.stream().map(Sinks.Empty::asMono).toArray(Mono<?>[]::new))
                    .subscribe(null, null, () -> reactorDone.set(true));
            assertThat(overChannels.tryReceive()).isNull();
            assertThat(reactorDone).isFalse();
            channels.get(fired).close();
            sinks.get(fired).tryEmitEmpty();
            assertThat(overChannels.receive().ok()).isFalse();
            assertThat(reactorDone).isTrue();
        } finally {
            channels.forEach(Channels::close);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 60)
    void orDonePassesTheSamePrefixUntilDoneFires(
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 99) Integer> values,
            @ForAll @IntRange(max = 10) int readBeforeDone)
            throws InterruptedException {
        List<Integer> overChannels = orDoneOverChannels(values, readBeforeDone);
        PublisherProbe<Integer> source = PublisherProbe.of(Flux.fromIterable(values));
        List<Integer> asReactor = orDoneAsReactor(source.flux(), readBeforeDone);
        int expected = Math.min(readBeforeDone, values.size());
        assertThat(asReactor).isEqualTo(values.subList(0, expected));
        assertThat(overChannels)
                .startsWith(asReactor.toArray(Integer[]::new))
                .as("Go's select may pass the value already offered when done closes")
                .hasSizeLessThanOrEqualTo(Math.min(expected + 1, values.size()))
                .isEqualTo(values.subList(0, overChannels.size()));
        if (readBeforeDone == 0) {
            source.assertWasNotSubscribed(); // done fired first: the flux ended before subscribing it
        } else if (expected < values.size()) {
            source.assertWasCancelled();
        }
    }

    /** Reads {@code readBeforeDone} values, closes {@code done}, drains the rest. */
    private static List<Integer> orDoneOverChannels(List<Integer> values, int readBeforeDone)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        Chan<Void> producerDone = Chan.make();
        try {
            if (readBeforeDone == 0) {
                done.close();
            }
            RecvChan<Integer> out = Patterns.orDone(done, generate(producerDone, values));
            List<Integer> received = new ArrayList<>();
            while (received.size() < readBeforeDone) {
                var r = out.receive();
                if (!r.ok()) {
                    return received;
                }
                received.add(r.value());
            }
            Channels.close(done);
            received.addAll(drain(out));
            return received;
        } finally {
            Channels.close(done);
            producerDone.close();
            Channels.assertAllEnded();
        }
    }

    /** Fires {@code done} once {@code readBeforeDone} values arrived (before subscribing for 0). */
    private static List<Integer> orDoneAsReactor(Flux<Integer> source, int readBeforeDone) {
        Sinks.Empty<Void> done = Sinks.empty();
        if (readBeforeDone == 0) {
            done.tryEmitEmpty();
        }
        List<Integer> received = new ArrayList<>();
        source.transform(GoFlux.orDone(done.asMono()))
                .doOnNext(v -> {
                    received.add(v);
                    if (received.size() == readBeforeDone) {
                        done.tryEmitEmpty();
                    }
                })
                .blockLast();
        return received;
    }
}
