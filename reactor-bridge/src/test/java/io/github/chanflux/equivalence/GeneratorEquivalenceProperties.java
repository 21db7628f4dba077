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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.publisher.PublisherProbe;

/**
 * Generators, stages and queuing give the same sequence over channels and as Reactor
 * operators, and both stop their sources when the consumer stops.
 */
class GeneratorEquivalenceProperties {

    @Property(tries = 40)
    void generatorGivesTheSameSequence(@ForAll @Size(max = 10) List<@IntRange(min = -50, max = 50) Integer> values)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            List<Integer> overChannels = drain(generate(done, values));
            List<Integer> asReactor = GoFlux.generator(values.toArray(Integer[]::new))
                    .collectList()
                    .block();
            assertThat(overChannels).isEqualTo(asReactor).isEqualTo(values);
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 40)
    void takeOfRepeatGivesTheSameSequenceAndStopsTheSource(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 9) Integer> values,
            @ForAll @IntRange(max = 20) int num)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            Integer[] array = values.toArray(Integer[]::new);
            List<Integer> overChannels = drain(Patterns.take(done, Patterns.repeat(done, array), num));
            PublisherProbe<Integer> source = PublisherProbe.of(GoFlux.repeat(array));
            List<Integer> asReactor =
                    source.flux().transform(GoFlux.take(num)).collectList().block();
            assertThat(overChannels).isEqualTo(asReactor).hasSize(num);
            if (num > 0) {
                source.assertWasCancelled();
            }
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 40)
    void multiplyAddMultiplyPipelineGivesTheSameSequence(
            @ForAll @Size(max = 10) List<@IntRange(min = -1000, max = 1000) Integer> values,
            @ForAll @IntRange(min = -5, max = 5) int multiplier,
            @ForAll @IntRange(min = -5, max = 5) int additive)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            RecvChan<Integer> a = Patterns.stage(done, generate(done, values), i -> i * multiplier);
            RecvChan<Integer> b = Patterns.stage(done, a, i -> i + additive);
            List<Integer> overChannels = drain(Patterns.stage(done, b, i -> i * multiplier));
            List<Integer> asReactor = Flux.fromIterable(values)
                    .transform(GoFlux.stage(i -> i * multiplier))
                    .transform(GoFlux.stage(i -> i + additive))
                    .transform(GoFlux.stage(i -> i * multiplier))
                    .collectList()
                    .block();
            assertThat(overChannels).isEqualTo(asReactor);
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }

    @Property(tries = 30)
    void consumerStoppingEarlyGetsTheSamePrefixAndStopsThePipeline(
            @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 9) Integer> values,
            @ForAll @IntRange(max = 12) int stopAfter)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        List<Integer> overChannels = new ArrayList<>();
        try {
            RecvChan<Integer> pipeline =
                    Patterns.stage(done, Patterns.repeat(done, values.toArray(Integer[]::new)), i -> i + 1);
            while (overChannels.size() < stopAfter) {
                overChannels.add(pipeline.receive().value());
            }
        } finally {
            done.close();
            Channels.assertAllEnded();
        }
        PublisherProbe<Integer> source = PublisherProbe.of(GoFlux.repeat(values.toArray(Integer[]::new)));
        List<Integer> asReactor = source.flux()
                .transform(GoFlux.stage(i -> i + 1))
                .take(stopAfter)
                .collectList()
                .block();
        assertThat(overChannels).isEqualTo(asReactor);
        if (stopAfter > 0) {
            source.assertWasCancelled();
        }
    }

    @Property(tries = 30)
    void queueGivesTheSameSequence(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 99) Integer> values,
            @ForAll @IntRange(min = 1, max = 5) int capacity)
            throws InterruptedException {
        Chan<Void> done = Chan.make();
        try {
            List<Integer> overChannels = drain(Patterns.queue(done, generate(done, values), capacity));
            List<Integer> asReactor = Flux.fromIterable(values)
                    .transform(GoFlux.queue(capacity, Schedulers.single()))
                    .collectList()
                    .block();
            assertThat(overChannels).isEqualTo(asReactor).isEqualTo(values);
        } finally {
            Channels.close(done);
            Channels.assertAllEnded();
        }
    }
}
