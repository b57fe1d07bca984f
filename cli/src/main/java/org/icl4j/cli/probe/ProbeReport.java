package org.icl4j.cli.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.harness.probe.ProbingResult;
import org.icl4j.cli.report.Charts;
import org.icl4j.cli.report.HtmlReport;
import org.icl4j.cli.report.ProbeTable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The files of a probing run: {@code probe.csv} (every number), per target a heat map of normalised error over
 * layer × k for the model (and the control), a plot of normalised error against the layer at the largest k, and
 * report.html linking them with the command, settings and provenance.
 */
final class ProbeReport {

    private ProbeReport() {
    }

    /**
     * @param folder the run folder
     * @param probing the model's result, then the control's if any
     * @param command the command line
     * @param settings resolved settings
     * @param provenance provenance fields
     * @throws IOException when a file cannot be written
     */
    static void write(Path folder, ProbingResult probing, String command, Map<String, Object> settings,
            Map<String, Object> provenance) throws IOException {
        List<ProbeResult> results = probing.runs().stream().map(ProbingResult.Probed::result).toList();
        List<String> roles = probing.runs().stream().map(ProbingResult.Probed::role).toList();
        ProbeTable.write(folder.resolve("probe.csv"), List.of(probing), List.of(results.get(0).probe()));
        List<HtmlReport.Figure> figures = new ArrayList<>();
        ProbeResult main = results.get(0);
        int lastK = main.prefixes();
        for (int t = 0; t < main.targets().size(); t++) {
            String target = main.targets().get(t).target();
            for (int r = 0; r < results.size(); r++) {
                String image = "heatmap-" + roles.get(r) + "-" + target + ".png";
                heatMap(folder.resolve(image), results.get(r), t, roles.get(r));
                figures.add(new HtmlReport.Figure(target + ": normalised held-out error of " + results.get(r).probe()
                        + " per layer and k (" + roles.get(r) + " " + results.get(r).model() + ")", image, "probe.csv"));
            }
            List<Charts.Line> lines = new ArrayList<>();
            for (int r = 0; r < results.size(); r++) {
                ProbeResult.TargetScores scores = results.get(r).targets().get(t);
                double[] layers = new double[results.get(r).layers()];
                double[] errors = new double[layers.length];
                for (int layer = 0; layer < layers.length; layer++) {
                    layers[layer] = layer;
                    errors[layer] = scores.byLayer().get(layer).normalised(lastK);
                }
                lines.add(new Charts.Line(roles.get(r) + " " + results.get(r).model(), layers, errors));
            }
            String image = "layers-" + target + ".png";
            Charts.writeLines(folder.resolve(image), target + " at k = " + lastK + " (" + main.probe() + ")", "layer",
                    "normalised held-out error (1 = predicting the mean)", false, lines);
            figures.add(new HtmlReport.Figure(target + ": normalised error against the layer at k = " + lastK, image,
                    "probe.csv"));
        }
        List<String> files = new ArrayList<>(List.of("probe.csv"));
        for (HtmlReport.Figure figure : figures) {
            files.add(figure.image());
        }
        HtmlReport.write(folder.resolve("report.html"), "icl4j probe", command, settings, provenance, figures, files);
    }

    private static void heatMap(Path file, ProbeResult result, int target, String role) throws IOException {
        ProbeResult.TargetScores scores = result.targets().get(target);
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k <= result.prefixes(); k++) {
            ks.add(k);
        }
        List<Integer> layers = new ArrayList<>();
        for (int layer = 0; layer < result.layers(); layer++) {
            layers.add(layer);
        }
        List<Number[]> cells = new ArrayList<>();
        double max = 1;
        for (int layer = 0; layer < result.layers(); layer++) {
            for (int k = 1; k <= result.prefixes(); k++) {
                double value = scores.byLayer().get(layer).normalised(k);
                if (Double.isFinite(value)) {
                    cells.add(new Number[] {k - 1, layer, value});
                    max = Math.max(max, value);
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(120 + 40 * ks.size() + 240)
                .height(Math.max(400, 120 + 30 * layers.size()))
                .title(scores.target() + " (" + role + ", " + result.probe() + ")")
                .xAxisTitle("k (context pairs)").yAxisTitle("layer").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(Math.ceil(max * 10) / 10);
        chart.addSeries(scores.target(), ks, layers, cells);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
