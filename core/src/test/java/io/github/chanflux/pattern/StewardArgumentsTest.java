package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Steward.newSteward;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad arguments fail at the call, with a message naming the argument and the value. */
class StewardArgumentsTest extends DoneScope {

    private static final StartGoroutineFn IRRESPONSIBLE = (done, pulseInterval) -> Chan.nil();

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-4S", "PT-0.000000001S"})
    void aTimeoutThatIsNotPositiveIsRejected(String timeout) {
        assertThatThrownBy(() -> newSteward(Duration.parse(timeout), IRRESPONSIBLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steward timeout must be positive, got " + Duration.parse(timeout));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S"})
    void aPulseIntervalThatIsNotPositiveIsRejectedWhenTheStewardIsStarted(String interval) {
        StartGoroutineFn steward = newSteward(Duration.ofSeconds(4), IRRESPONSIBLE);
        assertThatThrownBy(() -> steward.start(done, Duration.parse(interval)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steward pulseInterval must be positive, got " + Duration.parse(interval));
    }

    @Test
    void nullArgumentsAreNamed() {
        Duration four = Duration.ofSeconds(4);
        assertThatThrownBy(() -> newSteward(null, IRRESPONSIBLE)).hasMessage("timeout");
        assertThatThrownBy(() -> newSteward(four, null)).hasMessage("startGoroutine");
        assertThatThrownBy(() -> newSteward(four, IRRESPONSIBLE, null, line -> {}))
                .hasMessage("clock");
        assertThatThrownBy(() -> newSteward(four, IRRESPONSIBLE, Clock.system(), null))
                .hasMessage("log");
        StartGoroutineFn steward = newSteward(four, IRRESPONSIBLE);
        assertThatThrownBy(() -> steward.start(null, four)).hasMessage("done");
        assertThatThrownBy(() -> steward.start(done, null)).hasMessage("pulseInterval");
    }
}
