package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ReplicatedRequests} on fake time: the handler with the least load answers, every handler ends. */
class ReplicatedRequestsTest {

    private final TimedRun t = new TimedRun();
    private final Duration[] loads = ReplicatedRequests.loads(new Random(54));
    private final Duration fastest =
            Arrays.stream(loads).min(Duration::compareTo).orElseThrow();

    @Test
    void theFirstAnswerComesFromALeastLoadedHandlerAndEveryHandlerReports() throws InterruptedException {
        Chan<Integer> first = Chan.make(1);
        List<String> out = t.run((o, clock) -> first.send(ReplicatedRequests.firstReturned(loads, clock, o)));
        int winner = first.receive().value();
        assertThat(loads[winner]).isEqualTo(fastest);
        assertThat(t.clock.now()).isEqualTo(FakeClock.EPOCH.plus(fastest));
        assertThat(out).hasSize(ReplicatedRequests.HANDLERS);
        for (int id = 0; id < ReplicatedRequests.HANDLERS; id++) {
            assertThat(out).contains(id + " took " + GoDuration.format(loads[id]));
        }
        Goroutines.assertAllEnded();
    }

    @Test
    void theReactorFormTakesALeastLoadedReplicaAtTheSameTime() throws InterruptedException {
        Chan<Integer> first = Chan.make(1);
        Instant start = t.clock.now();
        t.run((o, clock) -> first.send(ReplicatedRequests.firstReturnedWithReactor(loads, clock)));
        assertThat(loads[first.receive().value()]).isEqualTo(fastest);
        assertThat(Duration.between(start, t.clock.now())).isEqualTo(fastest);
    }

    @Test
    void runPrintsTheAnswerAfterAllTenHandlersAsTheBookDoes() throws InterruptedException {
        List<String> out = t.run(ReplicatedRequests::run);
        assertThat(out).hasSize(ReplicatedRequests.HANDLERS + 3);
        List<String> took = out.subList(0, ReplicatedRequests.HANDLERS);
        for (int id = 0; id < ReplicatedRequests.HANDLERS; id++) {
            String prefix = id + " took ";
            assertThat(took)
                    .as("handler %d", id)
                    .filteredOn(l -> l.startsWith(prefix))
                    .hasSize(1);
        }
        assertThat(out.get(ReplicatedRequests.HANDLERS)).matches("Received an answer from #\\d");
        assertThat(out.get(ReplicatedRequests.HANDLERS + 1)).isEqualTo("-- the same with Reactor --");
        assertThat(out.getLast()).matches("Received an answer from #\\d");
        Goroutines.assertAllEnded();
    }
}
