package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the Go harness ({@code go test -bench}) and reads its ns/op figures, and the custom
 * metrics a benchmark reports with {@code b.ReportMetric(x, "unit/what")}.
 */
final class GoBench {

    private static final Pattern LINE = Pattern.compile("^Benchmark(\\S+?)(?:-\\d+)?\\s+\\d+\\s+([0-9.]+) ns/op(.*)");

    /** A custom metric after ns/op: {@code 2585 B/goroutine}; the standard B/op, allocs/op, MB/s are not kept. */
    private static final Pattern METRIC = Pattern.compile("\\s+([0-9.e+-]+) ((\\S+?)/(\\S+))");

    private static final Set<String> STANDARD = Set.of("B/op", "allocs/op", "MB/s");

    private GoBench() {}

    /** What the Go side gave: samples keyed {@code go:Name}, and its version or why it did not run. */
    record Run(Map<String, Sample> samples, String version) {
        private static final String NOT_MEASURED = "Go not measured: ";

        static Run skipped(String why) {
            System.out.println("Go side skipped: " + why);
            return new Run(Map.of(), NOT_MEASURED + why);
        }

        /** Whether Go did not run (no {@code go} command, or the harness failed). */
        boolean skipped() {
            return version.startsWith(NOT_MEASURED);
        }
    }

    static Run run(Path dir, List<Area> areas, boolean quick) throws IOException, InterruptedException {
        String version;
        try {
            version = exec(dir, List.of("go", "version")).trim();
        } catch (IOException e) {
            return Run.skipped("no go command (apt-get install -y golang-go golang-golang-x-time-dev)");
        }
        String regex = "^Benchmark(" + areas.stream().map(Area::goPrefix).collect(Collectors.joining("|")) + ")_";
        List<String> cmd = List.of(
                "go",
                "test",
                "-run",
                "^$",
                "-bench",
                regex,
                "-benchtime",
                quick ? "100ms" : "1s",
                "-count",
                quick ? "1" : "5");
        System.out.println("Go: " + String.join(" ", cmd) + "  (in " + dir + ")");
        String out;
        try {
            out = exec(dir, cmd);
        } catch (IOException e) {
            return Run.skipped(e.getMessage());
        }
        return new Run(parse(out), version.replace("go version ", ""));
    }

    /**
     * The lines of {@code go test -bench} output: median, min, max of each benchmark's ns/op,
     * keyed {@code go:Name}, and of each custom metric, keyed {@code go:Name:unit/what} with the
     * unit before the slash ({@code go:Scaling_parked:B/goroutine}, in {@code B}).
     */
    static Map<String, Sample> parse(String out) {
        Map<String, List<Double>> runs = new TreeMap<>();
        Map<String, String> units = new TreeMap<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                String name = "go:" + m.group(1);
                runs.computeIfAbsent(name, k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
                units.put(name, Units.NANOS);
                Matcher metric = METRIC.matcher(m.group(3));
                while (metric.find()) {
                    if (!STANDARD.contains(metric.group(2))) {
                        String key = name + ":" + metric.group(2);
                        runs.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(metric.group(1)));
                        units.put(key, metric.group(3));
                    }
                }
            }
        }
        Map<String, Sample> samples = new TreeMap<>();
        runs.forEach((name, values) -> samples.put(name, Sample.of(values, units.get(name))));
        return samples;
    }

    /** Runs {@code cmd} in {@code dir}, echoing its output; fails with the output if it fails. */
    private static String exec(Path dir, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GOFLAGS", "-mod=mod");
        pb.environment().put("GOPROXY", "off");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println(line);
                out.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out.toString();
    }
}
