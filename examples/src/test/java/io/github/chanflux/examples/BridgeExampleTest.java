package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link BridgeExample}: ten one-value channels bridged into one stream, in order, in both forms. */
class BridgeExampleTest {

    @Test
    void bridgeReadsZeroToNineInOrder() {
        assertThat(BridgeExample.overChannels()).isEqualTo("0 1 2 3 4 5 6 7 8 9");
    }

    @Test
    void theReactorBridgeGivesTheSameStream() {
        assertThat(BridgeExample.withReactor()).isEqualTo("0 1 2 3 4 5 6 7 8 9");
    }
}
