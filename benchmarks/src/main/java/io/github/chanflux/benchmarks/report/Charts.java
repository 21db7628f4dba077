package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** One grouped bar chart per area (XChart): a group per workload, a bar per contender. */
final class Charts {

    private Charts() {}

    static void write(Area area, Map<String, Sample> all, Path png) throws IOException {
        List<Area.Row> rows = area.rows().stream().filter(r -> !r.derived()).toList();
        CategoryChart chart = new CategoryChartBuilder()
                .width(1100)
                .height(520)
                .title(area.title())
                .yAxisTitle("time per op, µs (lower is better)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        double min = Double.MAX_VALUE;
        double max = 0;
        List<String> labels = rows.stream().map(Area.Row::label).toList();
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
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.setYAxisTitle("time per op, µs, log scale (lower is better)");
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
