package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.pattern.HedgingSimulation;
import io.github.chanflux.benchmarks.pattern.HedgingSimulation.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The hedged-requests section of {@code RESULTS.md} ({@link HedgingSimulation}: deterministic,
 * so it needs no quiet machine) and its chart. {@link Compare} writes it after the measured areas;
 * {@code main} replaces the section in an existing {@code RESULTS.md} without re-running the rest.
 */
final class Hedging {

    static final String TITLE = "## Hedged requests (simulation)";

    private Hedging() {}

    /** Replaces (or appends) the section in {@code RESULTS.md} and writes its chart. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path results = Path.of("RESULTS.md");
        String md = Files.exists(results) ? Files.readString(results) : "";
        int at = md.indexOf(TITLE);
        String kept = at < 0 ? md : md.substring(0, at);
        Files.writeString(results, kept + section());
        System.out.println("wrote the hedging section of " + results.toAbsolutePath() + " and charts/hedging.png");
    }

    /** The section's markdown; writes {@code charts/hedging.png}. */
    static String section() throws IOException {
        List<Row> rows = HedgingSimulation.simulate();
        Files.createDirectories(Path.of("charts"));
        chart(rows, Path.of("charts", "hedging.png"));
        Row plain = rows.getFirst();
        StringBuilder md = new StringBuilder(TITLE).append("\n\n");
        md.append("200 000 requests to a simulated backend whose attempts take about 10 ms (log-normal) but stall")
                .append(" for 0.1–2 s 2 % of the time; at most 3 attempts; `HedgeDelay` itself picks the delay.")
                .append(" Deterministic (virtual time, fixed seed): attempts are independent and extra load does")
                .append(" not slow the backend, so it shows what hedging can cut, not a loaded backend.")
                .append(" Goal: p99 at least 5× lower for at most 10 % extra attempts. Reproduce with")
                .append(" `./mvnw -q -pl benchmarks -am -DskipTests package exec:exec")
                .append(
                        " -Dbench.main=io.github.chanflux.benchmarks.report.Hedging -Dbench= -Djmh.args=`, which replaces this section.\n\n");
        md.append("| policy | p50 | p99 | p99.9 | extra attempts | p99 cut |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            md.append(String.format(
                    "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f %% | %.1f× |%n",
                    r.policy(), r.p50(), r.p99(), r.p999(), r.extraPercent(), plain.p99() / r.p99()));
        }
        md.append("\n![Hedged requests](charts/hedging.png)\n");
        return md.toString();
    }

    private static void chart(List<Row> rows, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(480)
                .title("Hedged requests: latency percentiles (simulation)")
                .yAxisTitle("latency, ms, log scale (lower is better)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(1.0);
        List<String> percentiles = List.of("p50", "p99", "p99.9");
        for (Row r : rows) {
            chart.addSeries(r.policy(), percentiles, List.of(r.p50(), r.p99(), r.p999()));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
