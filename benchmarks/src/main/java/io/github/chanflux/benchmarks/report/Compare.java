package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.channel.CoreToCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the side-by-side comparison and writes {@code RESULTS.md} and one PNG chart per area
 * ({@code charts/}): first the Go harness ({@code go/}, when Go is installed), then the JMH
 * benchmarks, one after the other on the same machine. Run through {@code benchmarks/compare.sh}.
 *
 * <p>Arguments: area names to run (default all: {@link Areas#ALL}), {@code --quick} for a smoke
 * run (1 fork, 1 short iteration: figures not worth reporting), {@code --no-go} to skip Go.
 */
public final class Compare {

    private Compare() {}

    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        System.setProperty("java.awt.headless", "true");
        Set<String> chosen = new java.util.LinkedHashSet<>();
        boolean quick = false;
        boolean go = true;
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "--no-go" -> go = false;
                default -> chosen.add(arg);
            }
        }
        List<Area> areas = Areas.ALL.stream()
                .filter(a -> chosen.isEmpty() || chosen.contains(a.name()))
                .toList();
        if (areas.isEmpty()) {
            throw new IllegalArgumentException("no such area: " + chosen + "; areas are "
                    + Areas.ALL.stream().map(Area::name).toList());
        }
        Map<String, Double> host = new LinkedHashMap<>();
        host.put("before the Go harness", CoreToCore.medianRoundTrip(HOST_SECONDS, false));
        Path goDir = Path.of("go");
        GoBench.Run goRun = go ? GoBench.run(goDir, areas, quick) : GoBench.Run.skipped("--no-go");
        Map<String, Sample> jmh = new TreeMap<>();
        for (Area area : areas) {
            host.put("before " + area.name(), CoreToCore.medianRoundTrip(HOST_SECONDS, false));
            for (Area.JmhRun run : area.jmhRuns()) {
                jmh.putAll(runJmh(run, quick));
            }
        }
        for (Area area : areas) {
            for (Area.MainRun run : area.mainRuns()) {
                jmh.putAll(MainBench.run(run, quick ? 1 : 5));
            }
        }
        Map<String, Sample> all = new TreeMap<>(jmh);
        all.putAll(goRun.samples());
        for (Area area : areas) {
            area.rows().stream()
                    .flatMap(r -> r.cells().values().stream())
                    .filter(key -> !all.containsKey(key))
                    .forEach(key -> System.out.println("not measured: " + key));
        }
        host.put("at the end", CoreToCore.medianRoundTrip(HOST_SECONDS, false));
        Files.createDirectories(Path.of("charts"));
        StringBuilder md = new StringBuilder();
        md.append(header(goRun, quick, host));
        for (Area area : areas) {
            md.append(area.markdown(all));
            Charts.write(area, all, Path.of("charts", area.name() + ".png"));
            md.append("\n![")
                    .append(area.title())
                    .append("](charts/")
                    .append(area.name())
                    .append(".png)\n\n");
        }
        md.append(Hedging.section());
        md.append(keptSection(WEBFLUX_LOAD));
        Files.writeString(Path.of("RESULTS.md"), md.toString());
        System.out.println("wrote " + Path.of("RESULTS.md").toAbsolutePath() + " and charts/*.png");
    }

    /** The heading of the section the search example's load test measures; kept across runs. */
    static final String WEBFLUX_LOAD = "## WebFlux search server under load";

    /** The section of the current {@code RESULTS.md} that starts at {@code heading}, up to the next one; else nothing. */
    private static String keptSection(String heading) throws IOException {
        Path results = Path.of("RESULTS.md");
        String md = Files.exists(results) ? Files.readString(results) : "";
        int at = md.indexOf(heading);
        if (at < 0) {
            return "";
        }
        int next = md.indexOf("\n## ", at + heading.length());
        return "\n" + (next < 0 ? md.substring(at) : md.substring(at, next + 1));
    }

    /** Runs one JMH selection; keys are {@code Class.method[param=value,...][@threads]}. */
    private static Map<String, Sample> runJmh(Area.JmhRun run, boolean quick) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(run.include())
                .threads(run.threads())
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-" + run.include().replaceAll("[^A-Za-z0-9]", "") + "-t" + run.threads() + ".json");
        if (quick) {
            options.forks(1)
                    .warmupIterations(1)
                    .measurementIterations(1)
                    .warmupTime(TimeValue.milliseconds(300))
                    .measurementTime(TimeValue.milliseconds(300));
        }
        Map<String, Sample> samples = new LinkedHashMap<>();
        for (RunResult r : new Runner(options.build()).run()) {
            String benchmark = r.getParams().getBenchmark();
            String simple = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String params = r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k))
                    .collect(Collectors.joining(","));
            String key = simple
                    + (params.isEmpty() ? "" : "[" + params + "]")
                    + (run.threads() > 1 ? "@" + run.threads() : "");
            var stats = r.getPrimaryResult().getStatistics();
            double scale = Units.toNanos(r.getPrimaryResult().getScoreUnit());
            samples.put(
                    key,
                    new Sample(stats.getPercentile(50) * scale, stats.getMin() * scale, stats.getMax() * scale, (int)
                            stats.getN()));
        }
        return samples;
    }

    /** How long each measurement of the host's cache-line round trip takes, in seconds. */
    private static final int HOST_SECONDS = 3;

    private static String header(GoBench.Run go, boolean quick, Map<String, Double> host) {
        Runtime rt = Runtime.getRuntime();
        return "# chanflux benchmark results\n\n"
                + (quick ? "**Smoke run (`--quick`): one short iteration, not figures to quote.**\n\n" : "")
                + "Written by `benchmarks/compare.sh` on " + LocalDate.now() + ": Go harness first, then JMH, one "
                + "after the other on this machine (" + rt.availableProcessors() + " cores, "
                + (rt.maxMemory() >> 20) + " MiB max heap; JDK " + System.getProperty("java.version") + " "
                + System.getProperty("java.vm.name") + "; " + go.version() + ").\n\n"
                + "Each cell: median (min–max). JMH: all measurement iterations of all forks (settings in each "
                + "benchmark class: 2 forks × 5 iterations after warm-up, unless `--quick`). Go: `go test -bench` "
                + "with `-count 5`, median (min–max) of the five runs. Ratio columns divide the first column "
                + "named by the other(s) (best of them): below 1 is faster. Reproduce with\n\n"
                + "    benchmarks/compare.sh [area ...]      # areas: "
                + Areas.ALL.stream().map(Area::name).collect(Collectors.joining(" ")) + "\n\n"
                + "The host during the run: the round trip of one cache line between the two cores "
                + "(`channel.CoreToCore`, median of " + HOST_SECONDS + " one-second samples; it is not a "
                + "constant of these virtual machines, and every hand-over between two carriers pays it; "
                + "see `benchmarks/README.md`): "
                + host.entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format("%.0f ns", e.getValue()))
                        .collect(Collectors.joining(", "))
                + ".\n\n";
    }

    /**
     * A measured figure: median, spread, how many samples, and the unit ({@link Units#NANOS}, time
     * per op, unless the measurement says otherwise, e.g. {@code B} for bytes).
     */
    record Sample(double median, double min, double max, int n, String unit) {
        Sample(double median, double min, double max, int n) {
            this(median, min, max, n, Units.NANOS);
        }

        /** The median, min and max of {@code values} (not empty) in {@code unit}. */
        static Sample of(List<Double> values, String unit) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Sample(median, sorted.get(0), sorted.get(n - 1), n, unit);
        }

        boolean time() {
            return unit.equals(Units.NANOS);
        }
    }
}
