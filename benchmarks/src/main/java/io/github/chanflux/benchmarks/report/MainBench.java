package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a measuring program that is not a JMH benchmark (such as {@code channel.ParkedMemory}) in a
 * fresh JVM, this one's {@code java} and class path, several times, and reads the lines it prints
 * as {@code sample <key> <value> <unit>}.
 */
final class MainBench {

    private static final Pattern LINE = Pattern.compile("^sample (\\S+) ([0-9.eE+-]+) (\\S+)$");

    private MainBench() {}

    /** Runs {@code run} {@code times} times; keys are as printed: median, min, max of the runs. */
    static Map<String, Sample> run(Area.MainRun run, int times) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(run.jvmArgs());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), run.mainClass()));
        cmd.addAll(run.args());
        System.out.println("JVM ×" + times + ": " + run.mainClass() + " " + String.join(" ", run.args()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < times; i++) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    System.out.println(line);
                    out.append(line).append('\n');
                }
            }
            if (p.waitFor() != 0) {
                throw new IOException(run.mainClass() + " failed: " + out);
            }
        }
        return parse(out.toString());
    }

    /** The {@code sample <key> <value> <unit>} lines of {@code out}: median, min, max per key. */
    static Map<String, Sample> parse(String out) {
        Map<String, List<Double>> values = new TreeMap<>();
        Map<String, String> units = new TreeMap<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                values.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
                units.put(m.group(1), m.group(3));
            }
        }
        Map<String, Sample> samples = new TreeMap<>();
        values.forEach((key, v) -> samples.put(key, Sample.of(v, units.get(key))));
        return samples;
    }
}
