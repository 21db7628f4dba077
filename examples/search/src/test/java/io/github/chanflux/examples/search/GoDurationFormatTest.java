package io.github.chanflux.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's own table for {@code Duration.String} (time_test.go's durationTests). */
class GoDurationFormatTest {

    @ParameterizedTest
    @CsvSource({
        "0s, 0",
        "1ns, 1",
        "1.1µs, 1100",
        "2.2ms, 2200000",
        "3.3s, 3300000000",
        "4m5s, 245000000000",
        "4m5.001s, 245001000000",
        "5h6m7.001s, 18367001000000",
        "8m0.000000001s, 480000000001",
        "2562047h47m16.854775807s, 9223372036854775807",
        "-2562047h47m16.854775808s, -9223372036854775808",
        "-1.1µs, -1100",
        "1h0m0s, 3600000000000"
    })
    void formatsAsGo(String go, long nanos) {
        assertThat(GoDurationFormat.format(Duration.ofNanos(nanos))).isEqualTo(go);
    }
}
