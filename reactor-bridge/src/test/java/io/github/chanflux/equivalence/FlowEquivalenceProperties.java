package io.github.chanflux.equivalence;

import static io.github.chanflux.equivalence.Channels.drain;
import static io.github.chanflux.equivalence.Channels.generate;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.reactor.FluxTee;
import io.github.chanflux.reactor.GoFlux;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.test.publisher.PublisherProbe;

/**
 * Tee, bridge and fan-out/fan-in give the same values over channels and as Reactor operators:
 * the same sequence where order is defined, the same multiset for unordered fan-in.
 */
class FlowEquivalenceProperties {

    private static final Function<Integer, Integer> SLOW_SQUARE = i -> i * i;

    @Property(tries = 40)
    void teeGivesBothOutputsTheSameSequence(@ForAll @Size(max = 10) List<@IntRange(min = 0, max = 99) Integer> values)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            io.github.chanflux.pattern.Tee<Integer> channels = Patterns.tee(done, generate(done, values));
            List<List<Integer>> overChannels = new ArrayList<>();
            for (int v : channels.out1()) {
                overChannels.add(List.of(v, channels.out2().receive().value()));
            }
            FluxTee<Integer> branches = GoFlux.tee(Flux.fromIterable(values));
            List<List<Integer>> asReactor = Flux.zip(
                            branches.out1(), branches.out2(), (Integer a, Integer b) -> List.of(a, b))
                    .collectList()
                    .block();
            assertThat(overChannels).isEqualTo(asReactor).hasSize(values.size());
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 40)
    void bridgeGivesTheSameSequence(
            @ForAll @Size(max = 5) List<@Size(max = 4) List<@IntRange(min = 0, max = 99) Integer>> streams)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            Chan<RecvChan<Integer>> chanStream = Chan.make(streams.size());
            for (List<Integer> s : streams) {
                chanStream.send(generate(done, s));
            }
            chanStream.close();
            List<Integer> overChannels = drain(Patterns.bridge(done, chanStream));
            List<Integer> asReactor = GoFlux.bridge(Flux.fromIterable(streams).map(Flux::fromIterable))
                    .collectList()
                    .block();
            assertThat(overChannels)
                    .isEqualTo(asReactor)
                    .isEqualTo(streams.stream().flatMap(List::stream).toList());
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 40)
    void fanInGivesTheSameMultiset(
            @ForAll @Size(max = 5) List<@Size(max = 4) List<@IntRange(min = 0, max = 9) Integer>> sources)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            RecvChan<?>[] inputs = sources.stream().map(s -> generate(done, s)).toArray(RecvChan<?>[]::new);
            @SuppressWarnings("unchecked")
            List<Integer> overChannels = drain(Patterns.fanIn(done, (RecvChan<Integer>[]) inputs));
            @SuppressWarnings("unchecked")
            Flux<Integer>[] fluxes = sources.stream().map(Flux::fromIterable).toArray(Flux[]::new);
            List<Integer> asReactor = GoFlux.fanIn(fluxes).collectList().block();
            assertThat(overChannels)
                    .containsExactlyInAnyOrderElementsOf(asReactor)
                    .containsExactlyInAnyOrderElementsOf(
                            sources.stream().flatMap(List::stream).toList());
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 30)
    void fanOutGivesTheSameMultisetAndOrderedFanOutTheSameSequence(
            @ForAll @Size(max = 12) List<@IntRange(min = -50, max = 50) Integer> values,
            @ForAll @IntRange(min = 1, max = 4) int workers)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            List<Integer> unordered = drain(Patterns.fanOut(done, generate(done, values), workers, SLOW_SQUARE));
            List<Integer> ordered = drain(Patterns.fanOutOrdered(done, generate(done, values), workers, SLOW_SQUARE));
            List<Integer> reactorUnordered = Flux.fromIterable(values)
                    .transform(GoFlux.fanOut(workers, SLOW_SQUARE))
                    .collectList()
                    .block();
            List<Integer> reactorOrdered = Flux.fromIterable(values)
                    .transform(GoFlux.fanOutOrdered(workers, SLOW_SQUARE))
                    .collectList()
                    .block();
            assertThat(unordered).containsExactlyInAnyOrderElementsOf(reactorUnordered);
            assertThat(ordered)
                    .isEqualTo(reactorOrdered)
                    .isEqualTo(values.stream().map(SLOW_SQUARE).toList());
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 30)
    void bridgeStoppedEarlyGivesTheSamePrefixAndEndsItsGoroutines(
            @ForAll @Size(min = 1, max = 4)
                    List<@Size(min = 1, max = 4) List<@IntRange(min = 0, max = 99) Integer>> streams,
            @ForAll @IntRange(max = 8) int stopAfter)
            throws InterruptedException {
        List<Integer> all = streams.stream().flatMap(List::stream).toList();
        int expected = Math.min(stopAfter, all.size());
        Chan<Void> done = Chan.make();
        List<Integer> overChannels;
        try {
            Chan<RecvChan<Integer>> chanStream = Chan.make(streams.size());
            for (List<Integer> s : streams) {
                chanStream.send(generate(done, s));
            }
            chanStream.close();
            overChannels = receive(Patterns.bridge(done, chanStream), expected);
        } finally {
            done.close();
            Channels.assertAllEnded();
        }
        List<Integer> asReactor = GoFlux.bridge(Flux.fromIterable(streams).map(Flux::fromIterable))
                .take(expected)
                .collectList()
                .block();
        assertThat(overChannels).isEqualTo(asReactor).isEqualTo(all.subList(0, expected));
    }

    @Property(tries = 30)
    void orderedFanOutStoppedEarlyGivesTheSamePrefixAndStopsTheSource(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = -9, max = 9) Integer> values,
            @ForAll @IntRange(min = 1, max = 4) int workers,
            @ForAll @IntRange(max = 12) int stopAfter)
            throws InterruptedException {
        Integer[] array = values.toArray(Integer[]::new);
        Chan<Void> done = Chan.make();
        List<Integer> overChannels;
        try {
            overChannels = receive(
                    Patterns.fanOutOrdered(done, Patterns.repeat(done, array), workers, SLOW_SQUARE), stopAfter);
        } finally {
            done.close();
            Channels.assertAllEnded();
        }
        PublisherProbe<Integer> source = PublisherProbe.of(GoFlux.repeat(array));
        List<Integer> asReactor = source.flux()
                .transform(GoFlux.fanOutOrdered(workers, SLOW_SQUARE))
                .take(stopAfter)
                .collectList()
                .block();
        assertThat(overChannels).isEqualTo(asReactor).hasSize(stopAfter);
        if (stopAfter > 0) {
            source.assertWasCancelled();
        }
    }

    /** The first {@code count} values of {@code c}: a consumer that stops early. */
    private static List<Integer> receive(RecvChan<Integer> c, int count) throws InterruptedException {
        List<Integer> values = new ArrayList<>();
        while (values.size() < count) {
            values.add(c.receive().value());
        }
        return values;
    }
}
