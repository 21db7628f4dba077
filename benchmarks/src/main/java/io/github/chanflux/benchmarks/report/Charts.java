package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * One grouped bar chart per area (XChart): a group per workload, a bar per contender. Only time
 * rows are drawn (a row measured in bytes is in the table alone). Workload labels too long for
 * their group are slanted (parallel, so neighbours do not overlap) and the chart grows to hold
 * them.
 */
final class Charts {

    static final int WIDTH = 1100;
    static final int HEIGHT = 520;

    /** The width of the plot left of the groups: the y axis, its title and its tick labels. */
    private static final int Y_AXIS = 110;

    private Charts() {}

    static void write(Area area, Map<String, Sample> all, Path png) throws IOException {
        List<Area.Row> rows = area.rows().stream()
                .filter(r -> !r.derived())
                .filter(r -> area.columns().stream()
                        .map(c -> area.sample(r, c, all))
                        .flatMap(Optional::stream)
                        .allMatch(Sample::time))
                .toList();
        List<String> labels = rows.stream().map(Area.Row::label).toList();
        Slant slant = Slant.of(labels, WIDTH);
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT + slant.extraHeight())
                .title(area.title())
                .yAxisTitle("time per op, µs (lower is better)")
                .build();
        chart.getStyler().setXAxisLabelRotation(slant.degrees());
        chart.getStyler().setChartPadding(slant.padding());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (String column : area.columns()) {
            List<Double> values = new ArrayList<>();
            boolean any = false;
            for (Area.Row row : rows) {
                Optional<Sample> s = area.sample(row, column, all);
                values.add(s.map(x -> x.median() / 1e3).orElse(null)); // null: not measured, no bar
                if (s.isPresent()) {
                    any = true;
                    min = Math.min(min, s.get().median() / 1e3);
                    max = Math.max(max, s.get().median() / 1e3);
                }
            }
            if (any) {
                chart.addSeries(column, labels, values);
            }
        }
        if (max > 0 && max / min > 30) {
            chart.getStyler().setYAxisLogarithmic(true);
            // whole decades at both ends, so that the tallest bars have a labelled tick above them
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
            chart.setYAxisTitle("time per op, µs, log scale (lower is better)");
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * How to fit the x-axis labels of a chart {@code width} wide: unslanted when the widest label
     * fits its group; else slanted by 45°, the chart taller by what the slanted labels take, and
     * its padding wide enough for the last label (XChart centres a slanted label on its group and
     * leaves out one that would cross the chart's edge).
     */
    record Slant(int degrees, int extraHeight, int padding) {

        static Slant of(List<String> labels, int width) {
            CategoryStyler defaults = new CategoryStyler();
            Slant none = new Slant(0, 0, defaults.getChartPadding());
            if (labels.isEmpty()) {
                return none;
            }
            Font font = defaults.getAxisTickLabelsFont();
            FontRenderContext frc = new FontRenderContext(null, true, true);
            double line = font.getLineMetrics("Mg", frc).getHeight();
            double widest = labels.stream()
                    .mapToDouble(l -> font.getStringBounds(l, frc).getWidth())
                    .max()
                    .orElse(0);
            double group = (double) (width - Y_AXIS) / labels.size();
            if (widest <= group * 0.9) {
                return none;
            }
            double slant = Math.sqrt(0.5); // sin 45° = cos 45°
            double last = font.getStringBounds(labels.getLast(), frc).getWidth();
            double overhang = (last + line) * slant / 2 - group / 2;
            return new Slant(
                    45,
                    (int) Math.ceil(widest * slant),
                    Math.max(none.padding(), (int) Math.ceil(overhang) + none.padding()));
        }
    }
}
