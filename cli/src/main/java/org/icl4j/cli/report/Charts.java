package org.icl4j.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a metric's results with XChart:
 * <ul>
 *   <li>per-k single-estimator metrics (squared error, R²): one line per estimator, linear axis;</li>
 *   <li>per-k pairwise metrics (SPD, ILWD against the reference): one line per estimator, logarithmic axis, as in
 *       the paper's Fig. 1;</li>
 *   <li>pairwise aggregate metrics (MSPD): a heat map of the matrix, as in the paper's Fig. 2;</li>
 *   <li>single-estimator aggregate metrics: a bar chart.</li>
 * </ul>
 * {@link #writeLines} plots plain (x, y) lines, such as a training run's loss and evaluations against the update.
 * The confidence interval is drawn as thin dashed lines above and below each curve (in the curve's colour).
 * Points a logarithmic axis cannot show (zero, negative, NaN) are left out of the plot; the CSV has them all.
 */
public final class Charts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0xad494a)};
    private static final BasicStroke BAND = new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 3f}, 0f);

    private Charts() {
    }

    /**
     * Plots a metric into a PNG file.
     *
     * @param file the PNG file
     * @param outcome the metric's results
     * @param reference the reference estimator's name, for titles of pairwise metrics
     * @param estimators every estimator's name, in order (rows and columns of a matrix)
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, MetricOutcome outcome, String reference, List<String> estimators) throws IOException {
        Chart<?, ?> chart;
        if (outcome.isMatrix()) {
            chart = heatMap(outcome, estimators);
        } else if (outcome.aggregate()) {
            chart = bars(outcome);
        } else {
            chart = curves(outcome, reference);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * A named line of a {@link #writeLines} plot.
     *
     * @param name the legend entry
     * @param xs the x values
     * @param ys the y values, one per x
     */
    public record Line(String name, double[] xs, double[] ys) {
        /** Checks that every x has a y. */
        public Line {
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("line '" + name + "' has " + xs.length + " x values but "
                        + ys.length + " y values");
            }
        }
    }

    /**
     * Plots lines of (x, y) points into a PNG file, e.g. a training run's loss against the update.
     * Points a logarithmic axis cannot show (zero, negative) and non-finite points are left out; a line left with
     * no points is not drawn.
     *
     * @param file the PNG file
     * @param title the chart's title
     * @param xAxis the x axis title
     * @param yAxis the y axis title
     * @param logarithmic whether the y axis is logarithmic
     * @param lines the lines, each in its own colour
     * @throws IOException when the file cannot be written
     */
    public static void writeLines(Path file, String title, String xAxis, String yAxis, boolean logarithmic,
                                  List<Line> lines) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setYAxisDecimalPattern(logarithmic ? "0.0E0" : "0.###");
        int colour = 0;
        for (Line line : lines) {
            Color color = PALETTE[colour++ % PALETTE.length];
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < line.xs().length; i++) {
                double x = line.xs()[i];
                double y = line.ys()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logarithmic || y > 0)) {
                    xs.add(x);
                    ys.add(y);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(line.name(), xs, ys);
            series.setLineColor(color);
            series.setLineStyle(SeriesLines.SOLID);
            series.setMarker(xs.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            series.setMarkerColor(color);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.getStyler().setYAxisLogarithmic(false);
            chart.addSeries("no values to plot", new double[] {0}, new double[] {0});
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart curves(MetricOutcome outcome, String reference) {
        boolean pair = outcome.arity() == Metric.Arity.PAIR;
        String title = pair ? outcome.spec() + " against " + reference : outcome.spec();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("k (context pairs)").yAxisTitle(outcome.description()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern(pair ? "0.0E0" : "0.###");
        boolean logarithmic = pair && hasPositive(outcome);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        int colour = 0;
        for (MetricResult result : outcome.results()) {
            Color color = PALETTE[colour++ % PALETTE.length];
            String name = result.first();
            if (!addLine(chart, name, result.mean(), logarithmic, color, true)) {
                continue;
            }
            addLine(chart, name + " (lower)", result.lower(), logarithmic, color, false);
            addLine(chart, name + " (upper)", result.upper(), logarithmic, color, false);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no finite values", new double[] {0}, new double[] {0});
        } else if (!logarithmic) {
            focusOnBulk(chart, outcome);
        }
        return chart;
    }

    private static boolean addLine(XYChart chart, String name, double[] values, boolean logarithmic, Color color,
                                   boolean main) {
        List<Integer> ks = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            if (Double.isFinite(values[k]) && (!logarithmic || values[k] > 0)) {
                ks.add(k);
                ys.add(values[k]);
            }
        }
        if (ks.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, ks, ys);
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.NONE);
        if (main) {
            series.setLineStyle(SeriesLines.SOLID);
        } else {
            series.setLineStyle(BAND);
            series.setShowInLegend(false);
        }
        return true;
    }

    /**
     * On a linear axis a few extreme values (e.g. R² far below 0 where an implicit fit is poor at tiny k) would flatten
     * every other curve; when the full range is more than ten times the range of the middle 90% of the curve
     * values, the axis shows that middle range with a margin and the extremes are clipped (the CSV has them).
     */
    private static void focusOnBulk(XYChart chart, MetricOutcome outcome) {
        List<Double> values = new ArrayList<>();
        for (MetricResult result : outcome.results()) {
            for (double value : result.mean()) {
                if (Double.isFinite(value)) {
                    values.add(value);
                }
            }
        }
        if (values.size() < 20) {
            return;
        }
        values.sort(null);
        double low = values.get((int) (0.05 * (values.size() - 1)));
        double high = values.get((int) Math.ceil(0.95 * (values.size() - 1)));
        double full = values.get(values.size() - 1) - values.get(0);
        double bulk = high - low;
        if (bulk > 0 && full > 10 * bulk) {
            chart.getStyler().setYAxisMin(Math.max(values.get(0), low - 0.5 * bulk));
            chart.getStyler().setYAxisMax(Math.min(values.get(values.size() - 1), high + 0.5 * bulk));
        }
    }

    private static boolean hasPositive(MetricOutcome outcome) {
        for (MetricResult result : outcome.results()) {
            for (double value : result.mean()) {
                if (value > 0 && Double.isFinite(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static HeatMapChart heatMap(MetricOutcome outcome, List<String> estimators) {
        int side = Math.max(HEIGHT, 120 + 70 * estimators.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 360).height(side)
                .title(outcome.spec() + " between every pair").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setHeatMapValueDecimalPattern("0.0E0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(30);
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (MetricResult result : outcome.results()) {
            int x = estimators.indexOf(result.first());
            int y = estimators.indexOf(result.second());
            double value = result.mean()[0];
            if (Double.isFinite(value)) {
                cells.add(new Number[] {x, y, value});
                max = Math.max(max, value);
            }
        }
        chart.getStyler().setMin(0);
        // Round the colour scale's top up to two significant digits so the legend reads cleanly.
        double top = max > 0 ? max : 1;
        int exponent = (int) Math.floor(Math.log10(top)) - 1;
        double digits = Math.ceil(top / Math.pow(10, exponent));
        // Through BigDecimal so that e.g. 34 × 10⁻¹ is the double nearest 3.4, not 3.4000000000000004.
        chart.getStyler().setMax(java.math.BigDecimal.valueOf(digits).scaleByPowerOfTen(exponent).doubleValue());
        chart.addSeries(outcome.spec(), estimators, estimators, cells);
        return chart;
    }

    private static CategoryChart bars(MetricOutcome outcome) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(outcome.spec())
                .yAxisTitle(outcome.description()).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (MetricResult result : outcome.results()) {
            if (Double.isFinite(result.mean()[0])) {
                names.add(result.first());
                values.add(result.mean()[0]);
                // XChart's error bars are symmetric: show the larger half-width of the interval.
                errors.add(Math.max(result.mean()[0] - result.lower()[0], result.upper()[0] - result.mean()[0]));
            }
        }
        if (names.isEmpty()) {
            names.add("no finite values");
            values.add(0.0);
            errors.add(0.0);
        }
        chart.addSeries(outcome.spec(), names, values, errors);
        return chart;
    }
}
