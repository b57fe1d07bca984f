package org.icl4j.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icl4j.cli.report.Charts;
import org.icl4j.cli.report.HtmlReport;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.RunLayout;

/**
 * The plots and page a finished training run leaves in its run folder (docs/TRAINING.md, "Run folder"), drawn
 * from {@code metrics.jsonl}, so a resumed run's plots cover the whole run:
 * <ul>
 *   <li>{@value #TRAINING_PLOT}: the training loss against the update, logarithmic y;</li>
 *   <li>{@value #EVALUATION_PLOT}: from each periodic evaluation, the model's squared error/d and its SPD/d
 *       against the reference estimator, both averaged over k ≥ d (where least squares is determined; docs/PAPER.md,
 *       "Metrics"), against the update;</li>
 *   <li>{@value #LAST_EVALUATION_PLOT}: the last evaluation's squared error/d and SPD/d against k;</li>
 *   <li>{@value #REPORT}: the three plots with the command line, the settings and provenance.</li>
 * </ul>
 */
final class TrainingReport {

    static final String TRAINING_PLOT = "training.png";
    static final String EVALUATION_PLOT = "evaluation.png";
    static final String LAST_EVALUATION_PLOT = "evaluation-by-k.png";
    static final String REPORT = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingReport() {
    }

    /**
     * Writes the plots and {@value #REPORT} into the run folder.
     *
     * @param run the run folder (holding {@code metrics.jsonl})
     * @param dimension the task's d
     * @param command the command line as typed
     * @param settings the run's settings, shown in the report
     * @param provenance the provenance fields
     * @throws IOException when metrics.jsonl cannot be read or a file cannot be written
     */
    static void write(Path run, int dimension, String command, Map<String, Object> settings,
                      Map<String, Object> provenance) throws IOException {
        List<Double> lossSteps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> evaluationSteps = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        JsonNode last = null;
        String baseline = null;
        Path metrics = run.resolve(RunLayout.METRICS_FILE);
        for (String text : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            JsonNode line = JSON.readTree(text);
            if (line == null || !line.has("step")) {
                continue;
            }
            double step = line.get("step").asDouble();
            if (line.has("loss")) {
                lossSteps.add(step);
                losses.add(line.get("loss").asDouble());
            }
            JsonNode evaluation = line.get("evaluation");
            if (evaluation != null) {
                double[] byK = values(evaluation.get("mseOverDByK"));
                evaluationSteps.add(step);
                errors.add(meanFrom(byK, Math.min(dimension, byK.length - 1)));
                differences.add(evaluation.path("spdOverDAtKAtLeastD").asDouble(Double.NaN));
                if (evaluation.has("baseline")) {
                    baseline = evaluation.get("baseline").asText();
                }
                last = line;
            }
        }

        List<HtmlReport.Figure> figures = new ArrayList<>();
        Charts.writeLines(run.resolve(TRAINING_PLOT), "Training loss", "update", "loss (mean (ŷ − y)² over prefixes)",
                true, List.of(new Charts.Line("training loss", array(lossSteps), array(losses))));
        figures.add(new HtmlReport.Figure("Training loss against the update", TRAINING_PLOT,
                RunLayout.METRICS_FILE));
        if (last != null) {
            String kAtLeastD = " (k ≥ " + dimension + ")";
            List<Charts.Line> lines = new ArrayList<>();
            lines.add(new Charts.Line("model squared error/d" + kAtLeastD, array(evaluationSteps), array(errors)));
            if (baseline != null) {
                lines.add(new Charts.Line("SPD/d vs " + baseline + kAtLeastD, array(evaluationSteps),
                        array(differences)));
            }
            Charts.writeLines(run.resolve(EVALUATION_PLOT), "Held-out evaluations", "update", "per dimension",
                    true, lines);
            figures.add(new HtmlReport.Figure("Held-out evaluations against the update", EVALUATION_PLOT,
                    RunLayout.METRICS_FILE));

            JsonNode evaluation = last.get("evaluation");
            double[] errorByK = values(evaluation.get("mseOverDByK"));
            List<Charts.Line> byK = new ArrayList<>();
            byK.add(new Charts.Line("model squared error/d", ks(errorByK.length), errorByK));
            if (evaluation.has("spdOverDByK")) {
                double[] spd = values(evaluation.get("spdOverDByK"));
                byK.add(new Charts.Line("SPD/d vs " + baseline, ks(spd.length), spd));
            }
            long step = last.get("step").asLong();
            Charts.writeLines(run.resolve(LAST_EVALUATION_PLOT), "Evaluation at update " + step,
                    "k (context pairs)", "per dimension", true, byK);
            figures.add(new HtmlReport.Figure("The evaluation at update " + step + " against k",
                    LAST_EVALUATION_PLOT, RunLayout.METRICS_FILE));
        }
        List<String> files = List.of(RunLayout.METRICS_FILE,
                RunLayout.CHECKPOINT_DIRECTORY + "/config.json");
        HtmlReport.write(run.resolve(REPORT), "icl4j train", command, settings, provenance, figures, files);
    }

    private static double[] values(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new double[0];
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double meanFrom(double[] values, int from) {
        if (from < 0 || from >= values.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (int k = from; k < values.length; k++) {
            sum += values[k];
        }
        return sum / (values.length - from);
    }

    private static double[] ks(int count) {
        double[] ks = new double[count];
        for (int k = 0; k < count; k++) {
            ks[k] = k;
        }
        return ks;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
