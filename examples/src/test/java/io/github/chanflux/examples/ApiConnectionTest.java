package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiConnection} on fake time, which starts at midnight: no limit, then one call per
 * second, "Concurrency in Go" 5.5.
 */
class ApiConnectionTest {

    /** The times of the twenty calls, after checking that ten of each were logged and then {@code Done.}. */
    private static List<String> callTimes(List<String> out, String done) {
        assertThat(out).hasSize(21).last().isEqualTo(done);
        List<String> calls = out.subList(0, 20);
        assertThat(calls).filteredOn(l -> l.endsWith(" ReadFile")).hasSize(10);
        assertThat(calls).filteredOn(l -> l.endsWith(" ResolveAddress")).hasSize(10);
        return calls.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    @Test
    void withoutALimitAllTwentyCallsGoAheadAtOnce() throws InterruptedException {
        List<String> times = callTimes(new TimedRun().run(ApiConnection::runUnlimited), "00:00:00 Done.");
        assertThat(times).containsOnly("00:00:00");
    }

    @Test
    void withOneCallPerSecondTheCallsGoAheadOneASecond() throws InterruptedException {
        List<String> times = callTimes(new TimedRun().run(ApiConnection::runLimited), "00:00:19 Done.");
        assertThat(times)
                .containsExactlyElementsOf(IntStream.range(0, 20)
                        .mapToObj(s -> String.format("00:00:%02d", s))
                        .toList());
    }
}
