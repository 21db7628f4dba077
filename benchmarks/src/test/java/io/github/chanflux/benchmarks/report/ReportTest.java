package io.github.chanflux.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.benchmarks.report.Area.JmhRun;
import io.github.chanflux.benchmarks.report.Area.Ratio;
import io.github.chanflux.benchmarks.report.Area.Row;
import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void goOutputGivesTheMedianAndSpreadOfEachBenchmark() {
        String out = """
                goos: linux
                BenchmarkChannels_pingPong-2     4394095    276.9 ns/op
                BenchmarkChannels_pingPong-2     4379558    275.5 ns/op
                BenchmarkChannels_pingPong-2     4379558    290.0 ns/op
                BenchmarkPrimes_fanOut-2               3    86182667 ns/op
                BenchmarkPrimes_fanOut-2               3    86182669 ns/op
                PASS
                """;
        Map<String, Sample> samples = GoBench.parse(out);
        assertThat(samples).containsOnlyKeys("go:Channels_pingPong", "go:Primes_fanOut");
        assertThat(samples.get("go:Channels_pingPong")).isEqualTo(new Sample(276.9, 275.5, 290.0, 3));
        assertThat(samples.get("go:Primes_fanOut").median()).isEqualTo(86182668.0);
    }

    @Test
    void cellsPickTheUnitOfTheMedian() {
        assertThat(Units.cell(new Sample(4.25, 4.0, 5.0, 10))).isEqualTo("4.25 (4.00–5.00) ns");
        assertThat(Units.cell(new Sample(9481, 9274, 10937, 10))).isEqualTo("9.48 (9.27–10.9) µs");
        assertThat(Units.cell(new Sample(163_948_830, 150e6, 170e6, 5))).isEqualTo("164 (150–170) ms");
        assertThat(Units.toNanos("us/op")).isEqualTo(1e3);
    }

    @Test
    void theTableHasACellPerContenderRatiosAgainstTheBestAndSpeedUps() {
        Area area = new Area(
                "a",
                "An area",
                "About it.",
                List.of("ours", "x", "y"),
                List.of(
                        Row.of("slow", "ours", "k1", "x", "k2", "y", "k3"),
                        Row.of("fast", "ours", "k4", "x", "k5"),
                        Row.speedup("speed-up", "slow", "fast")),
                List.of(new Ratio("ours", List.of("x", "y"))),
                List.of(new JmhRun("A", 1)),
                "A");
        Map<String, Sample> all = Map.of(
                "k1",
                new Sample(300, 290, 310, 10),
                "k2",
                new Sample(200, 190, 210, 10),
                "k3",
                new Sample(150, 140, 160, 10),
                "k4",
                new Sample(100, 90, 110, 10),
                "k5",
                new Sample(50, 45, 55, 10));
        assertThat(area.markdown(all)).isEqualTo("""
                ## An area

                About it.

                | workload | ours | x | y | ours / best |
                | --- | ---: | ---: | ---: | ---: |
                | slow | 300 (290–310) ns | 200 (190–210) ns | 150 (140–160) ns | 2.00 |
                | fast | 100 (90.0–110) ns | 50.0 (45.0–55.0) ns | — | 2.00 |
                | speed-up | ×3.00 | ×4.00 | — |  |
                """);
    }
}
