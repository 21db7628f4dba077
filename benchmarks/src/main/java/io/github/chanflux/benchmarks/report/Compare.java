package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.channel.CoreToCore;
import io.github.chanflux.benchmarks.channel.RendezvousProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the side-by-side comparison and writes {@code RESULTS.md} and one PNG chart per area
 * ({@code charts/}): area by area, the area's benchmarks in the Go harness ({@code go/}, when
 * Go is installed), then its JMH benchmarks ({@link #runJmh}), one after the other on the same
 * machine, so that the figures a row compares are measured minutes apart, not half an hour.
 * Run through {@code benchmarks/compare.sh}.
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
        Map<String, String> host = new LinkedHashMap<>();
        Path goDir = Path.of("go");
        Map<String, Sample> goSamples = new TreeMap<>();
        String goVersion = go ? "" : GoBench.Run.skipped("--no-go").version();
        Map<String, Sample> jmh = new TreeMap<>();
        for (Area area : areas) {
            host.put("before " + area.name(), hostNow());
            if (go) { // an area's Go benchmarks run right before its JMH benchmarks, not all first
                GoBench.Run goRun = GoBench.run(goDir, List.of(area), quick);
                goSamples.putAll(goRun.samples());
                goVersion = goRun.version();
                go = !goRun.skipped(); // no Go, or it failed: the message says why, once
            }
            for (Area.JmhRun run : area.jmhRuns()) {
                jmh.putAll(runJmh(run, quick));
            }
        }
        GoBench.Run goRun = new GoBench.Run(goSamples, goVersion);
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
        host.put("at the end", hostNow());
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

    /**
     * Runs one JMH selection, its forks interleaved; keys are
     * {@code Class.method[param=value,...][@threads]}. Round {@code r} runs one fork of every
     * benchmark of the selection that has more than {@code r} forks ({@code @Fork}), every
     * parameter combination, then the next round starts. The contenders of a row so take turns
     * fork by fork instead of one running all its forks after the other's: on these virtual
     * machines the host's speed shifts within minutes (see {@link CoreToCore}), and a shift
     * that fell between two contenders' turns showed up as a ratio. Each cell is the median
     * (min–max) of all measurement iterations of all its forks, as before.
     */
    private static Map<String, Sample> runJmh(Area.JmhRun run, boolean quick) throws RunnerException {
        List<BenchmarkListEntry> benchmarks = List.copyOf(BenchmarkList.defaultList()
                .find(
                        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                        List.of(run.include()),
                        List.of()));
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches " + run.include());
        }
        int rounds =
                quick ? 1 : benchmarks.stream().mapToInt(Compare::forks).max().orElseThrow();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (BenchmarkListEntry benchmark : benchmarks) {
                if (round < forks(benchmark) || quick) {
                    collect(runFork(benchmark.getUsername(), run.threads(), round, quick), run.threads(), values);
                }
            }
        }
        Map<String, Sample> samples = new LinkedHashMap<>();
        values.forEach((key, v) -> samples.put(key, Sample.of(v, Units.NANOS)));
        return samples;
    }

    /** The forks {@code benchmark}'s {@code @Fork} asks for (JMH's default, 5, if none). */
    private static int forks(BenchmarkListEntry benchmark) {
        return benchmark.getForks().orElse(5);
    }

    /** Runs one fork of the benchmark method named {@code benchmark}, every parameter combination. */
    private static Collection<RunResult> runFork(String benchmark, int threads, int round, boolean quick)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark) + "$")
                .forks(1)
                .threads(threads)
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-" + simpleName(benchmark) + "-t" + threads + "-fork" + (round + 1) + ".json");
        if (quick) {
            options.warmupIterations(1)
                    .measurementIterations(1)
                    .warmupTime(TimeValue.milliseconds(300))
                    .measurementTime(TimeValue.milliseconds(300));
        }
        return new Runner(options.build()).run();
    }

    /** {@code Class.method} of a benchmark's full name. */
    private static String simpleName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }

    /** Adds the measurement iterations of {@code results}, in nanoseconds, to their keys' values. */
    private static void collect(Collection<RunResult> results, int threads, Map<String, List<Double>> values) {
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String simple = simpleName(benchmark);
            String params = r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k))
                    .collect(Collectors.joining(","));
            String key = simple + (params.isEmpty() ? "" : "[" + params + "]") + (threads > 1 ? "@" + threads : "");
            double scale = Units.toNanos(r.getPrimaryResult().getScoreUnit());
            List<Double> v = values.computeIfAbsent(key, k -> new ArrayList<>());
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    v.add(iteration.getPrimaryResult().getScore() * scale);
                }
            }
        }
    }

    /** How long each measurement of the host takes, in seconds, for each of its two probes. */
    private static final int HOST_SECONDS = 3;

    /** The host right now: its cache-line round trip and its rendezvous round trip, in ns. */
    private static String hostNow() throws InterruptedException {
        return String.format(
                "%.0f / %.0f ns",
                CoreToCore.medianRoundTrip(HOST_SECONDS, false), RendezvousProbe.medianRoundTrip(HOST_SECONDS, false));
    }

    private static String header(GoBench.Run go, boolean quick, Map<String, String> host) {
        Runtime rt = Runtime.getRuntime();
        return "# chanflux benchmark results\n\n"
                + (quick ? "**Smoke run (`--quick`): one short iteration, not figures to quote.**\n\n" : "")
                + "Written by `benchmarks/compare.sh` on " + LocalDate.now() + ": area by area, the Go harness's "
                + "benchmarks of the area, then its JMH benchmarks, one after the other on this machine ("
                + rt.availableProcessors() + " cores, "
                + (rt.maxMemory() >> 20) + " MiB max heap; JDK " + System.getProperty("java.version") + " "
                + System.getProperty("java.vm.name") + "; " + go.version() + ").\n\n"
                + "Each cell: median (min–max). JMH: all measurement iterations of all forks (settings in each "
                + "benchmark class: 2 or 3 forks × 5 iterations after warm-up, unless `--quick`), the forks of "
                + "an area's benchmarks interleaved: one fork of each benchmark, then the next round, so that "
                + "the contenders of a row take turns. Go: `go test -bench` "
                + "with `-count 5`, median (min–max) of the five runs. Ratio columns divide the first column "
                + "named by the other(s) (best of them): below 1 is faster. Reproduce with\n\n"
                + "    benchmarks/compare.sh [area ...]      # areas: "
                + Areas.ALL.stream().map(Area::name).collect(Collectors.joining(" ")) + "\n\n"
                + "The host during the run, as cache line / rendezvous: the round trip of one cache line "
                + "between the two cores (`channel.CoreToCore`), and the round trip of a value between two "
                + "virtual threads over `SynchronousQueue`s, no chanflux code (`channel.RendezvousProbe`); "
                + "each the median of " + HOST_SECONDS + " one-second samples. Neither is a constant of "
                + "these virtual machines, and they move separately (see `benchmarks/README.md`): "
                + String.join(
                        ", ",
                        host.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .toList())
                + ".\n\n";
    }

    /**
     * A measured figure: median, spread, how many samples, and the unit ({@link Units#NANOS}, time
     * per op, unless the measurement says otherwise, e.g. {@code B} for bytes).
     */
    public record Sample(double median, double min, double max, int n, String unit) {
        Sample(double median, double min, double max, int n) {
            this(median, min, max, n, Units.NANOS);
        }

        /** The median, min and max of {@code values} (not empty) in {@code unit}. */
        public static Sample of(List<Double> values, String unit) {
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
