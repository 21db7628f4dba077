package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Patterns.or;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrChannelTest {

    private final List<Chan<Void>> dones = new ArrayList<>();

    @AfterEach
    void closeAll() throws InterruptedException {
        for (Chan<Void> d : dones) {
            if (d.tryReceive() == null) {
                d.close();
            }
        }
        Goroutines.assertAllEnded();
    }

    private Chan<Void>[] dones(int n) {
        @SuppressWarnings("unchecked")
        Chan<Void>[] made = new Chan[n];
        for (int i = 0; i < n; i++) {
            made[i] = Chan.make();
            dones.add(made[i]);
        }
        return made;
    }

    /** The channels are those of the call: a caller that reuses its array afterwards does not change them. */
    @Test
    void orWatchesTheChannelsGivenNotTheCallersArrayLater() throws InterruptedException {
        Chan<Void>[] given = dones(3);
        Chan<Void> first = given[0];
        RecvChan<?> any = or(given);
        given[0] = dones(1)[0];
        first.close();
        assertThat(any.receive().ok()).as("closed by the channel given first").isFalse();
    }

    @Test
    void orOfNoChannelIsTheNilChannel() {
        assertThat(or()).isSameAs(Chan.nil());
    }

    @Test
    void orOfOneChannelIsThatChannel() {
        Chan<Void>[] one = dones(1);
        assertThat(or(one)).isSameAs(one[0]);
    }

    @ParameterizedTest(name = "{0} channels, channel {1} closes")
    @CsvSource({"2,0", "2,1", "3,2", "4,3", "5,0", "5,4", "7,5", "10,9"})
    void orClosesWhenAnyOneChannelCloses(int n, int closing) throws InterruptedException {
        Chan<Void>[] channels = dones(n);
        RecvChan<?> any = or(channels);
        channels[closing].close();
        assertThat(any.receive().ok()).isFalse();
    }

    @Test
    void orStaysOpenWhileNoChannelHasClosed() {
        RecvChan<?> any = or(dones(5));
        assertThat(any.tryReceive()).isNull();
    }

    @Test
    void theBooksSigExampleEndsWithTheOneSecondSignal() throws InterruptedException {
        Chan<Void>[] sig = dones(5); // sig(2h), sig(5m), sig(1s), sig(1h), sig(1m)
        RecvChan<?> done = or(sig);
        sig[2].close(); // the 1s signal fires first
        assertThat(done.receive().ok()).isFalse();
    }
}
