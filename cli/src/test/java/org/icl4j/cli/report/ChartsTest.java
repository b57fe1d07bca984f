package org.icl4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChartsTest {

    private static final List<String> ESTIMATORS = List.of("ols", "ridge:lambda=0.1", "gd:lr=0.01", "averaging");

    @TempDir
    java.nio.file.Path temp;

    private static MetricResult perK(String metric, String first, String second, double... mean) {
        return new MetricResult(metric, first, second, false, mean, mean.clone(), mean.clone());
    }

    private static MetricOutcome single(String spec, String description, double[][] means) {
        List<MetricResult> results = new ArrayList<>();
        for (int e = 0; e < ESTIMATORS.size(); e++) {
            results.add(perK(spec, ESTIMATORS.get(e), null, means[e]));
        }
        return new MetricOutcome(spec, description, Metric.Arity.SINGLE, false, results);
    }

    /** SPD of every estimator but the reference ols, as compare computes it. */
    private static MetricOutcome againstOls() {
        List<MetricResult> results = new ArrayList<>();
        for (int e = 1; e < ESTIMATORS.size(); e++) {
            results.add(perK("spd", ESTIMATORS.get(e), "ols", 1e-3 * e, 1e-2 * e, 1e-1 * e));
        }
        return new MetricOutcome("spd", "squared prediction difference per k, divided by d", Metric.Arity.PAIR, false,
                results);
    }

    private static Color colour(XYChart chart, String series) {
        XYSeries found = chart.getSeriesMap().get(series);
        assertThat(found).as(series).isNotNull();
        return found.getLineColor();
    }

    @Test
    void eachEstimatorHasOneColourInEveryChartEvenWhereTheReferenceIsLeftOut() {
        double[][] errors = {{1, 0, 0}, {1, 0.2, 0.1}, {1, 0.9, 0.5}, {1, 0.98, 0.3}};
        XYChart squaredError = Charts.curves(single("squared-error", "squared error per k", errors), "ols", ESTIMATORS);
        XYChart spd = Charts.curves(againstOls(), "ols", ESTIMATORS);

        for (String name : ESTIMATORS.subList(1, ESTIMATORS.size())) {
            assertThat(colour(spd, name)).as(name).isEqualTo(colour(squaredError, name));
        }
        assertThat(spd.getSeriesMap()).doesNotContainKey("ols");
        // Four estimators, four different colours.
        assertThat(ESTIMATORS.stream().map(name -> colour(squaredError, name)).distinct()).hasSize(4);
    }

    @Test
    void theRSquaredAxisHoldsTheMostNegativeValue() {
        // k-NN's implicit linear fit at small k can be far worse than the mean: R² = −33 must stay on the chart.
        double[][] r2 = {{1, 1, 1, 1}, {1, 1, 1, 1}, {-33.4, -0.8, 0.3, 0.6}, {-2, 0.1, 0.5, 0.7}};
        XYChart chart = Charts.curves(single("r2", "R^2 of the implicit linear fit per k", r2), "ols", ESTIMATORS);

        assertThat(chart.getStyler().getYAxisMin()).isLessThanOrEqualTo(-33.4);
        assertThat(chart.getStyler().getYAxisMax()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aLogAxisSpansWholeDecadesAndLabelsThemReadably() {
        XYChart spd = Charts.curves(againstOls(), "ols", ESTIMATORS);

        // Values run from 1e-3 (ridge at k = 0) to 0.3 (averaging at k = 2): the axis is 0.001 … 1.
        assertThat(spd.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(spd.getStyler().getYAxisMin()).isEqualTo(1e-3);
        assertThat(spd.getStyler().getYAxisMax()).isEqualTo(1.0);
        assertThat(spd.getStyler().getYAxisDecimalPattern()).isEqualTo("0.###");
        assertThat(new java.text.DecimalFormat(Charts.logPattern(-3, 0)).format(0.001)).isEqualTo("0.001");
        assertThat(new java.text.DecimalFormat(Charts.logPattern(-6, -1)).format(1e-5)).isEqualTo("1E-5");
        assertThat(List.of(Charts.powerOfTen(-5), Charts.powerOfTen(-3), Charts.powerOfTen(-1), Charts.powerOfTen(0),
                Charts.powerOfTen(2), Charts.powerOfTen(6))).containsExactly("1e-5", "0.001", "0.1", "1", "100", "1e6");
    }

    @Test
    void aLongDescriptionIsNotCutAlongTheYAxis() {
        String ilwd = "squared distance between two estimators' implicit linear weights per k, divided by d";
        // The description is wider than the plot is tall, so it cannot be the axis title; the metric's name is.
        assertThat(Charts.axisTitleWidth(ilwd)).isGreaterThan(Charts.axisTitleRoom());
        assertThat(Charts.fittingAxisTitle(ilwd, "ilwd")).isEqualTo("ilwd");
        String short_ = "squared error per k, divided by d";
        assertThat(Charts.fittingAxisTitle(short_, "squared-error")).isEqualTo(short_);
    }

    @Test
    void theLogColourScaleTellsDecadesApartAndTheHeatMapUsesIt() throws Exception {
        LogColourScale scale = new LogColourScale(-5, -1);
        Color small = scale.colour(1e-5);
        Color large = scale.colour(1e-1);
        assertThat(small).isNotEqualTo(large);
        // Every decade between gets its own colour too: a linear scale would give 1e-5 … 1e-2 one colour.
        assertThat(List.of(1e-5, 1e-4, 1e-3, 1e-2, 1e-1).stream().map(scale::colour).distinct()).hasSize(5);
        assertThat(scale.colour(0)).isEqualTo(LogHeatMap.ZERO);

        List<String> names = List.of("gd", "sgd");
        List<MetricResult> cells = List.of(
                new MetricResult("mspd", "gd", "gd", true, new double[] {0}, new double[] {0}, new double[] {0}),
                new MetricResult("mspd", "gd", "sgd", true, new double[] {1e-5}, new double[] {1e-5}, new double[] {1e-5}),
                new MetricResult("mspd", "sgd", "gd", true, new double[] {1e-1}, new double[] {1e-1}, new double[] {1e-1}),
                new MetricResult("mspd", "sgd", "sgd", true, new double[] {0}, new double[] {0}, new double[] {0}));
        MetricOutcome mspd = new MetricOutcome("mspd", "mean SPD", Metric.Arity.PAIR, true, cells);
        java.nio.file.Path file = temp.resolve("mspd.png");
        Charts.write(file, mspd, "gd", names);

        LogHeatMap.Drawing drawing = Charts.heatMap(mspd, names);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(drawing.image().getWidth());
        LogHeatMap.Layout at = drawing.layout();
        // Sample a cell near its corner, away from the value printed at its centre.
        Color rowGdColumnSgd = new Color(png.getRGB(at.x(1) + 3, at.y(0) + 3));
        Color rowSgdColumnGd = new Color(png.getRGB(at.x(0) + 3, at.y(1) + 3));
        Color diagonal = new Color(png.getRGB(at.x(0) + 3, at.y(0) + 3));
        assertThat(rowGdColumnSgd).isEqualTo(drawing.scale().colour(1e-5)).isNotEqualTo(rowSgdColumnGd);
        assertThat(rowSgdColumnGd).isEqualTo(drawing.scale().colour(1e-1));
        assertThat(diagonal).isEqualTo(LogHeatMap.ZERO);
        assertThat(drawing.scale().lowExponent()).isEqualTo(-5);
        assertThat(drawing.scale().highExponent()).isEqualTo(-1);
    }

    @Test
    void cellValuesAreWrittenShortAndExact() {
        assertThat(Charts.compact(3.3e-6)).isEqualTo("3.3e-6");
        assertThat(Charts.compact(0.00512)).isEqualTo("0.00512");
        assertThat(Charts.compact(4.1)).isEqualTo("4.1");
        assertThat(Charts.compact(123456)).isEqualTo("1.2e5");
    }
}
