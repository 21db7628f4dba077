package io.github.chanflux.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code time.ParseDuration}, with cases from Go's {@code time_test.go}. */
class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "5s, 5000000000",
        "30s, 30000000000",
        "1478s, 1478000000000",
        "-5s, -5000000000",
        "+5s, 5000000000",
        "-0, 0",
        "+0, 0",
        "5.0s, 5000000000",
        "5.6s, 5600000000",
        "5.s, 5000000000",
        ".5s, 500000000",
        "1.004s, 1004000000",
        "100.00100s, 100001000000",
        "10ns, 10",
        "11us, 11000",
        "12µs, 12000",
        "12μs, 12000",
        "13ms, 13000000",
        "14s, 14000000000",
        "15m, 900000000000",
        "16h, 57600000000000",
        "3h30m, 12600000000000",
        "10.5s4m, 250500000000",
        "-2m3.4s, -123400000000",
        "1h2m3s4ms5us6ns, 3723004005006",
        "39h9m14.425s, 140954425000000",
        "52763797000ns, 52763797000",
        "0.3333333333333333333h, 1200000000000",
        "9007199254740993ns, 9007199254740993",
        "9223372036854775807ns, 9223372036854775807",
        "9223372036854775.807us, 9223372036854775807",
        "9223372036s854ms775us807ns, 9223372036854775807",
        "-9223372036854775808ns, -9223372036854775808",
        "-9223372036854775.808us, -9223372036854775808",
        "-9223372036s854ms775us808ns, -9223372036854775808",
        "-2562047h47m16.854775808s, -9223372036854775808",
        "0.830103483285477580700h, 2988372539827",
        "0.100000000000000000000h, 360000000000",
        "1m30s, 90000000000",
        "250ms, 250000000",
    })
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|time: invalid duration \"\"",
                "3|time: missing unit in duration \"3\"",
                "-|time: invalid duration \"-\"",
                "s|time: invalid duration \"s\"",
                ".|time: invalid duration \".\"",
                "-.|time: invalid duration \"-.\"",
                ".s|time: invalid duration \".s\"",
                "+.s|time: invalid duration \"+.s\"",
                "1d|time: unknown unit \"d\" in duration \"1d\"",
                "1x|time: unknown unit \"x\" in duration \"1x\"",
                "9223372036854775810ns|time: invalid duration \"9223372036854775810ns\"",
                "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
                "3000000h|time: invalid duration \"3000000h\"",
                "-9223372036854775809ns|time: invalid duration \"-9223372036854775809ns\"",
                "9223372036854776us|time: invalid duration \"9223372036854776us\"",
                "9223372036854775.808us|time: invalid duration \"9223372036854775.808us\"",
                "9223372036854ms775us808ns|time: invalid duration \"9223372036854ms775us808ns\"",
                "9223372036854775808ns9223372036854775808ns|time: invalid duration \"9223372036854775808ns9223372036854775808ns\"",
                "' 1s'|time: invalid duration \" 1s\"",
                "1\"|time: unknown unit \"\\\"\" in duration \"1\\\"\"",
                "1\\|time: unknown unit \"\\\\\" in duration \"1\\\\\"",
            })
    void rejectsWithGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** Go's {@code time.quote}: every byte outside printable ASCII as {@code \xNN}, so no line break reaches a log. */
    @Test
    void quotesNonPrintableBytesAsGoDoes() {
        assertRejected("1\n", "time: unknown unit \"\\x0a\" in duration \"1\\x0a\"");
        assertRejected(
                "1\r\nX-Injected: 1",
                "time: unknown unit \"\\x0d\\x0aX-Injected: \" in duration \"1\\x0d\\x0aX-Injected: 1\"");
        assertRejected("1\u00e9", "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"");
        assertRejected("1\u2028", "time: unknown unit \"\\xe2\\x80\\xa8\" in duration \"1\\xe2\\x80\\xa8\"");
        assertRejected("\ufffd", "time: invalid duration \"\\xef\\xbf\\xbd\"");
        assertRejected("1\u007f", "time: unknown unit \"\u007f\" in duration \"1\u007f\""); // as Go, DEL as is
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
