package io.github.chanflux.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void ofHoldsTheValueOfASuccessfulAttempt() {
        assertThat(Result.of(() -> 42)).isEqualTo(Result.ok(42));
    }

    @Test
    void ofHoldsTheExceptionOfAFailedAttempt() {
        IOException boom = new IOException("boom");
        Result<Integer> r = Result.of(() -> {
            throw boom;
        });
        assertThat(r.isError()).isTrue();
        assertThat(r).isEqualTo(Result.error(boom));
    }

    @Test
    void ofHoldsAnInterruptionAndKeepsTheInterruptStatus() {
        InterruptedException stop = new InterruptedException("stop");
        Result<Integer> r = Result.of(() -> {
            throw stop;
        });
        assertThat(r).isEqualTo(Result.error(stop));
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void ofHoldsANullValueAsAnError() {
        assertThat(Result.of(() -> null))
                .isInstanceOfSatisfying(
                        Result.Err.class, err -> assertThat(err.error()).isInstanceOf(NullPointerException.class));
    }

    @Test
    void liftTurnsEachFailureIntoAnErrorValue() {
        IOException boom = new IOException("boom");
        Function<Integer, Result<Integer>> half = Result.lift(i -> {
            if (i % 2 != 0) {
                throw boom;
            }
            return i / 2;
        });
        assertThat(half.apply(4)).isEqualTo(Result.ok(2));
        assertThat(half.apply(3)).isEqualTo(Result.error(boom));
    }

    @Test
    void mapTransformsAValueAndKeepsAnError() {
        IOException boom = new IOException("boom");
        assertThat(Result.ok(2).map(i -> i * 10)).isEqualTo(Result.ok(20));
        assertThat(Result.<Integer>error(boom).map(i -> i * 10)).isEqualTo(Result.error(boom));
        assertThat(Result.ok(2).map(i -> null)).as("a null, as of gives").isInstanceOf(Result.Err.class);
        IllegalStateException thrown = new IllegalStateException("map failed");
        assertThat(Result.ok(2).map(i -> {
                    throw thrown;
                }))
                .isEqualTo(Result.error(thrown));
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
