package io.github.chanflux.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.benchmarks.report.Area.JmhRun;
import io.github.chanflux.benchmarks.report.Area.Ratio;
import io.github.chanflux.benchmarks.report.Area.Row;
import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    void customGoMetricsAreSamplesInTheirOwnUnit() {
        String out = """
                BenchmarkScaling_parked-2      1    1928867262 ns/op     2585 B/goroutine
                BenchmarkScaling_parked-2      2    1928867262 ns/op     2601 B/goroutine
                BenchmarkContext_withCancel-2  6000000   182.0 ns/op   96 B/op   2 allocs/op
                """;
        Map<String, Sample> samples = GoBench.parse(out);
        assertThat(samples)
                .containsOnlyKeys("go:Scaling_parked", "go:Scaling_parked:B/goroutine", "go:Context_withCancel");
        assertThat(samples.get("go:Scaling_parked:B/goroutine")).isEqualTo(new Sample(2593, 2585, 2601, 2, "B"));
        assertThat(samples.get("go:Context_withCancel").time()).isTrue();
    }

    @Test
    void aMeasuringProgramPrintsSamplesWithTheirUnit() {
        String out = """
                [0.012s][warning] something the JVM says
                sample ParkedMemory[contender=jox] 1200.5 B
                sample ParkedMemory[contender=jox] 1100.0 B
                sample ParkedMemory[contender=jox] 1300.0 B
                """;
        assertThat(MainBench.parse(out))
                .containsExactly(Map.entry("ParkedMemory[contender=jox]", new Sample(1200.5, 1100.0, 1300.0, 3, "B")));
    }

    @Test
    void cellsPickTheUnitOfTheMedian() {
        assertThat(Units.cell(new Sample(4.25, 4.0, 5.0, 10))).isEqualTo("4.25 (4.00–5.00) ns");
        assertThat(Units.cell(new Sample(9481, 9274, 10937, 10))).isEqualTo("9.48 (9.27–10.9) µs");
        assertThat(Units.cell(new Sample(163_948_830, 150e6, 170e6, 5))).isEqualTo("164 (150–170) ms");
        assertThat(Units.toNanos("us/op")).isEqualTo(1e3);
        assertThat(Units.cell(new Sample(1043.2, 1040, 1050.4, 5, "B"))).isEqualTo("1043 (1040–1050) B");
    }

    @Test
    void everyAreaHasAChartAndLongLabelsAreSlanted() throws IOException {
        // Made-up figures for every cell (time, or bytes where the measurement is of memory);
        // the PNGs stay in target/chart-preview to be looked at.
        Path dir = Files.createDirectories(Path.of("target", "chart-preview"));
        for (Area area : Areas.ALL) {
            Map<String, Sample> all = new HashMap<>();
            int i = 1;
            for (Row row : area.rows()) {
                for (String key : row.cells().values()) {
                    boolean bytes = key.contains("Parked") || key.contains(":B/");
                    double v = 100.0 * i++;
                    all.put(key, new Sample(v, v, v, 1, bytes ? "B" : Units.NANOS));
                }
            }
            Path png = dir.resolve(area.name() + ".png");
            Charts.write(area, all, png);
            assertThat(png).isNotEmptyFile();
        }
        List<String> channels = Areas.CHANNELS.rows().stream().map(Row::label).toList();
        assertThat(Charts.Slant.of(channels, Charts.WIDTH).degrees()).isEqualTo(45);
        assertThat(Charts.Slant.of(List.of("p50", "p99", "p99.9"), Charts.WIDTH).degrees())
                .isZero();
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
