package io.github.chanflux.errors;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultTest {

    @Test
    void ofHoldsTheValueOfASuccessfulAttempt() throws InterruptedException {
        assertThat(Result.of(() -> 42)).isEqualTo(Result.ok(42));
    }

    @Test
    void ofHoldsTheExceptionOfAFailedAttempt() throws InterruptedException {
        IOException boom = new IOException("boom");
        Result<Integer> r = Result.of(() -> {
            throw boom;
        });
        assertThat(r.isError()).isTrue();
        assertThat(r).isEqualTo(Result.error(boom));
    }

    @Test
    void ofRethrowsInterruptionInsteadOfHoldingIt() {
        assertThatThrownBy(() -> Result.of(() -> {
            throw new InterruptedException("stop");
        })).isInstanceOf(InterruptedException.class);
    }

    @Test
    void mapTransformsAValueAndKeepsAnError() {
        IOException boom = new IOException("boom");
        assertThat(Result.ok(2).map(i -> i * 10)).isEqualTo(Result.ok(20));
        assertThat(Result.<Integer>error(boom).map(i -> i * 10)).isEqualTo(Result.error(boom));
    }

    @Test
    void orElseThrowGivesTheValueOrNamesTheError() {
        assertThat(Result.ok("v").orElseThrow()).isEqualTo("v");
        assertThatThrownBy(() -> Result.error(new IOException("no host")).orElseThrow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no host")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void nullValuesAndErrorsAreRejected() {
        assertThatThrownBy(() -> Result.ok(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Result.error(null)).isInstanceOf(NullPointerException.class);
    }
}
