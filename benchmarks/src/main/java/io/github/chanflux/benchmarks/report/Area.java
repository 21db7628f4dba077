package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One area of the comparison: a table whose rows are workloads and whose columns are
 * contenders, each cell naming the measured sample it shows ({@code Class.method[params]} for
 * JMH, {@code go:Name} for the Go harness), plus ratio columns and the JMH runs that fill it.
 *
 * @param name the area's id (command line, chart file)
 * @param title the table's heading
 * @param about what each side's figure includes
 * @param columns the contenders
 * @param rows the workloads
 * @param ratios ratio columns: a contender divided by the best of others
 * @param jmhRuns the JMH selections to run
 * @param goPrefix the Go benchmarks of this area ({@code BenchmarkPrefix_...})
 * @param mainRuns measuring programs other than JMH benchmarks, each run in fresh JVMs
 */
record Area(
        String name,
        String title,
        String about,
        List<String> columns,
        List<Row> rows,
        List<Ratio> ratios,
        List<JmhRun> jmhRuns,
        String goPrefix,
        List<MainRun> mainRuns) {

    /** An area measured by JMH (and Go) alone. */
    Area(
            String name,
            String title,
            String about,
            List<String> columns,
            List<Row> rows,
            List<Ratio> ratios,
            List<JmhRun> jmhRuns,
            String goPrefix) {
        this(name, title, about, columns, rows, ratios, jmhRuns, goPrefix, List.of());
    }

    /** A workload: its cells by column, or a speed-up of one row over another. */
    record Row(String label, Map<String, String> cells, String speedupOf, String speedupOver) {

        static Row of(String label, String... columnAndKey) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < columnAndKey.length; i += 2) {
                cells.put(columnAndKey[i], columnAndKey[i + 1]);
            }
            return new Row(label, cells, null, null);
        }

        /** A derived row: per column, the median of {@code of} divided by that of {@code over}. */
        static Row speedup(String label, String of, String over) {
            return new Row(label, Map.of(), of, over);
        }

        boolean derived() {
            return speedupOf != null;
        }
    }

    /** The median of {@code ours} divided by the smallest median among {@code against}. */
    record Ratio(String ours, List<String> against) {
        String label() {
            return ours + " / " + (against.size() == 1 ? against.get(0) : "best");
        }
    }

    /** A JMH selection (a regexp over benchmark names) run with {@code threads} threads. */
    record JmhRun(String include, int threads) {}

    /**
     * A program run in a fresh JVM per measurement ({@link MainBench}), printing {@code sample
     * <key> <value> <unit>} lines.
     */
    record MainRun(String mainClass, List<String> args, List<String> jvmArgs) {}

    Optional<Sample> sample(Row row, String column, Map<String, Sample> all) {
        String key = row.cells().get(column);
        return key == null ? Optional.empty() : Optional.ofNullable(all.get(key));
    }

    private Row row(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    String markdown(Map<String, Sample> all) {
        StringBuilder md = new StringBuilder("## ")
                .append(title)
                .append("\n\n")
                .append(about)
                .append("\n\n");
        List<String> header = new ArrayList<>(List.of("workload"));
        header.addAll(columns);
        ratios.forEach(r -> header.add(r.label()));
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append(" --- |");
        md.append(" ---: |".repeat(header.size() - 1)).append('\n');
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            for (String column : columns) {
                if (row.derived()) {
                    Optional<Sample> of = sample(row(row.speedupOf()), column, all);
                    Optional<Sample> over = sample(row(row.speedupOver()), column, all);
                    cells.add(
                            of.isPresent() && over.isPresent()
                                    ? String.format(
                                            "×%.2f",
                                            of.get().median() / over.get().median())
                                    : "—");
                } else {
                    cells.add(sample(row, column, all).map(Units::cell).orElse("—"));
                }
            }
            for (Ratio ratio : ratios) {
                cells.add(
                        row.derived()
                                ? ""
                                : ratio(row, ratio, all)
                                        .map(v -> String.format("%.2f", v))
                                        .orElse("—"));
            }
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return md.toString();
    }

    Optional<Double> ratio(Row row, Ratio ratio, Map<String, Sample> all) {
        Optional<Sample> ours = sample(row, ratio.ours(), all);
        Optional<Double> best = ratio.against().stream()
                .map(c -> sample(row, c, all))
                .flatMap(Optional::stream)
                .map(Sample::median)
                .min(Double::compare);
        return ours.isPresent() && best.isPresent() ? Optional.of(ours.get().median() / best.get()) : Optional.empty();
    }
}
