package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.test.Goroutines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DoWorkFn} on fake time: wards halting at -1 are restarted and the bridged stream reads 1 2 1 2 1 2. */
class DoWorkFnTest {

    @Test
    void restartedWardsFeedOneBridgedStream() throws InterruptedException {
        List<String> out = new TimedRun().run(DoWorkFn::run);
        assertThat(out)
                .filteredOn(l -> l.startsWith("Received"))
                .containsExactly(
                        "Received: 1", "Received: 2", "Received: 1", "Received: 2", "Received: 1", "Received: 2");
        assertThat(out).filteredOn(l -> l.endsWith("negative value: -1")).hasSizeBetween(2, 3);
        Goroutines.assertAllEnded();
    }
}
