package org.icl4j.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of a metric's results:
 * <ul>
 *   <li>per-k single-estimator metrics (squared error, R²): one line per estimator, linear axis whose range holds
 *       every value (a strongly negative R² stretches it rather than being cut off);</li>
 *   <li>per-k pairwise metrics (SPD, ILWD against the reference): one line per estimator, logarithmic axis from the
 *       decade below the smallest value to the decade above the largest, as in the paper's Fig. 1;</li>
 *   <li>pairwise aggregate metrics (MSPD): a heat map of the matrix on a logarithmic colour scale
 *       ({@link LogHeatMap}), as in the paper's Fig. 2;</li>
 *   <li>single-estimator aggregate metrics: a bar chart.</li>
 * </ul>
 * Each estimator has one colour in every chart of a comparison: its position in the comparison's estimator list
 * picks it ({@link #colourOf}), so leaving the reference out of a pairwise chart does not shift the others. Log axes
 * label their decades as 0.001 … 1000, or as 1E-5 … when the range goes beyond. An axis title that would not fit beside the plot is
 * replaced by the metric's name (the report's heading carries the description).
 * {@link #writeLines} plots plain (x, y) lines, such as a training run's loss and evaluations against the update;
 * {@link #writeStyledLines} the same with each line's colour and style chosen by the caller (the suite report's
 * probe error by layer: one colour per probe and target, one style per stage).
 * The confidence interval is drawn as thin dashed lines above and below each curve (in the curve's colour).
 * Points a logarithmic axis cannot show (zero, negative, NaN) are left out of the plot; the CSV has them all.
 */
public final class Charts {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    /** Vertical room the title, x axis and its labels take from a chart's height. */
    private static final int CHROME = 140;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0xad494a)};
    private static final BasicStroke[] LINE_STYLES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
        SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP};
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
     * @param estimators every estimator's name, in order (rows and columns of a matrix; colours)
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, MetricOutcome outcome, String reference, List<String> estimators) throws IOException {
        if (outcome.isMatrix()) {
            LogHeatMap.Drawing drawing = heatMap(outcome, estimators);
            try (OutputStream out = Files.newOutputStream(file)) {
                ImageIO.write(drawing.image(), "png", out);
            }
            return;
        }
        Chart<?, ?> chart = outcome.aggregate() ? bars(outcome) : curves(outcome, reference, estimators);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * @param estimator an estimator's name
     * @param estimators every estimator of the comparison, in order
     * @return the estimator's colour in every chart of the comparison
     */
    public static Color colourOf(String estimator, List<String> estimators) {
        int index = estimators.indexOf(estimator);
        return PALETTE[Math.floorMod(index < 0 ? estimator.hashCode() : index, PALETTE.length)];
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
     * A line of a {@link #writeStyledLines} plot with its colour and line style given, so that several lines can
     * share a colour (the same series of two stages) and differ by style.
     *
     * @param line the line
     * @param colour the colour's position in the palette (taken modulo its size)
     * @param style 0 solid with circles, 1 dashed with squares, 2 dotted with diamonds, 3 dash-dotted with
     *     triangles (taken modulo 4)
     */
    public record StyledLine(Line line, int colour, int style) {
        /** Checks the line is given. */
        public StyledLine {
            Objects.requireNonNull(line, "line is null");
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
        List<StyledLine> styled = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            styled.add(new StyledLine(lines.get(i), i, 0));
        }
        writeStyledLines(file, title, xAxis, yAxis, logarithmic, styled);
    }

    /**
     * Plots lines as {@link #writeLines} does, each in the colour and style it names.
     *
     * @param file the PNG file
     * @param title the chart's title
     * @param xAxis the x axis title
     * @param yAxis the y axis title
     * @param logarithmic whether the y axis is logarithmic
     * @param lines the lines
     * @throws IOException when the file cannot be written
     */
    public static void writeStyledLines(Path file, String title, String xAxis, String yAxis, boolean logarithmic,
                                        List<StyledLine> lines) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle(fittingAxisTitle(yAxis, yAxis.length() > 40 ? yAxis.substring(0, 40) + "…" : yAxis)).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Double> plotted = new ArrayList<>();
        for (StyledLine styled : lines) {
            Line line = styled.line();
            Color color = PALETTE[Math.floorMod(styled.colour(), PALETTE.length)];
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
            plotted.addAll(ys);
            int style = Math.floorMod(styled.style(), LINE_STYLES.length);
            XYSeries series = chart.addSeries(line.name(), xs, ys);
            series.setLineColor(color);
            series.setLineStyle(LINE_STYLES[style]);
            series.setMarker(xs.size() <= 30 ? MARKERS[style] : SeriesMarkers.NONE);
            series.setMarkerColor(color);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no values to plot", new double[] {0}, new double[] {0});
        } else {
            yRange(chart, plotted, logarithmic);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * The per-k chart of a metric, before it is encoded: one line per estimator in its {@link #colourOf colour}.
     *
     * @param outcome a per-k metric's results
     * @param reference the reference's name, for a pairwise metric's title
     * @param estimators every estimator of the comparison, in order
     * @return the chart
     */
    static XYChart curves(MetricOutcome outcome, String reference, List<String> estimators) {
        boolean pair = outcome.arity() == Metric.Arity.PAIR;
        String title = pair ? outcome.spec() + " against " + reference : outcome.spec();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("k (context pairs)").yAxisTitle(fittingAxisTitle(outcome.description(), outcome.spec()))
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        boolean logarithmic = pair && hasPositive(outcome);
        List<Double> plotted = new ArrayList<>();
        for (MetricResult result : outcome.results()) {
            String name = result.first();
            Color color = colourOf(name, estimators);
            if (!addLine(chart, name, result.mean(), logarithmic, color, true, plotted)) {
                continue;
            }
            addLine(chart, name + " (lower)", result.lower(), logarithmic, color, false, plotted);
            addLine(chart, name + " (upper)", result.upper(), logarithmic, color, false, plotted);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no finite values", new double[] {0}, new double[] {0});
        } else {
            yRange(chart, plotted, logarithmic);
        }
        return chart;
    }

    /**
     * Sets the y axis to hold every plotted value: on a log axis from the power of ten at or below the smallest to
     * the one at or above the largest, labelled at each decade; on a linear axis from the smallest to the largest
     * with a 5% margin.
     */
    private static void yRange(XYChart chart, List<Double> values, boolean logarithmic) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (logarithmic) {
            int low = (int) Math.floor(Math.log10(min));
            int high = Math.max((int) Math.ceil(Math.log10(max)), low + 1);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(Math.pow(10, low));
            chart.getStyler().setYAxisMax(Math.pow(10, high));
            // XChart labels a log axis at its decades through a DecimalFormat pattern (a custom formatter would make
            // it step linearly through the range): plain decimals when every decade is within 0.001 … 1000.
            chart.getStyler().setYAxisDecimalPattern(logPattern(low, high));
        } else {
            double margin = max > min ? 0.05 * (max - min) : Math.max(Math.abs(max) * 0.05, 0.05);
            chart.getStyler().setYAxisMin(min - margin);
            chart.getStyler().setYAxisMax(max + margin);
            chart.getStyler().setYAxisDecimalPattern(Math.max(Math.abs(min), Math.abs(max)) >= 1e4
                    || (max - min) < 1e-3 ? "0.##E0" : "0.###");
        }
    }

    /**
     * @param low the axis's lowest decade's exponent
     * @param high its highest decade's exponent
     * @return the tick pattern: {@code 0.###} (0.001 … 1000) when both lie within −3 … 3, else {@code 0E0} (1E-5)
     */
    static String logPattern(int low, int high) {
        return low >= -3 && high <= 3 ? "0.###" : "0E0";
    }

    /**
     * @param exponent a power of ten's exponent
     * @return 10^exponent as a reader writes it: 0.001, 0.01, 0.1, 1, 10, 100, 1000 for exponents −3 … 3, else 1e-5, 1e6
     */
    static String powerOfTen(int exponent) {
        if (exponent >= 0 && exponent <= 3) {
            return "1" + "0".repeat(exponent);
        }
        if (exponent < 0 && exponent >= -3) {
            return "0." + "0".repeat(-exponent - 1) + "1";
        }
        return "1e" + exponent;
    }

    /**
     * @param value a finite value
     * @return the value in at most 7 characters: 3 significant digits between 0.001 and 1000, else 1.2e-5 style
     */
    static String compact(double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e3)) {
            return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros()
                    .toPlainString();
        }
        String text = String.format(java.util.Locale.ROOT, "%.1e", value);
        // 3.3e-06 → 3.3e-6, 4.0e+05 → 4.0e5
        return text.replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    }

    /**
     * @param title the axis title wanted
     * @param fallback a shorter one
     * @return {@code title} when it fits along the plot's height in the axis title font, else {@code fallback}
     */
    static String fittingAxisTitle(String title, String fallback) {
        return axisTitleWidth(title) <= HEIGHT - CHROME ? title : fallback;
    }

    /**
     * @param title an axis title
     * @return its width in pixels in XChart's default axis title font
     */
    static int axisTitleWidth(String title) {
        Font font = new XYChartBuilder().build().getStyler().getAxisTitleFont();
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(title);
        } finally {
            g.dispose();
        }
    }

    /** @return the height of a chart's plot area available to a y-axis title */
    static int axisTitleRoom() {
        return HEIGHT - CHROME;
    }

    private static boolean addLine(XYChart chart, String name, double[] values, boolean logarithmic, Color color,
                                   boolean main, List<Double> plotted) {
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
        plotted.addAll(ys);
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

    /**
     * @param outcome a pairwise aggregate metric's matrix
     * @param estimators rows and columns, in order
     * @return the heat map
     */
    static LogHeatMap.Drawing heatMap(MetricOutcome outcome, List<String> estimators) {
        int n = estimators.size();
        double[][] values = new double[n][n];
        for (double[] row : values) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (MetricResult result : outcome.results()) {
            int row = estimators.indexOf(result.first());
            int column = estimators.indexOf(result.second());
            if (row >= 0 && column >= 0) {
                values[row][column] = result.mean()[0];
            }
        }
        return LogHeatMap.draw(outcome.spec() + " between every pair (row, column), log colour scale", estimators, values);
    }

    private static CategoryChart bars(MetricOutcome outcome) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(outcome.spec())
                .yAxisTitle(fittingAxisTitle(outcome.description(), outcome.spec())).build();
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
