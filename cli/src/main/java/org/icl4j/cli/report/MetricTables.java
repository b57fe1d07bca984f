package org.icl4j.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.formats.npy.Csv;
import org.icl4j.harness.compare.MetricOutcome;

/**
 * One CSV table per metric (docs/FORMATS.md): per-k metrics in long form ({@code k, estimator[, reference], mean,
 * lower, upper}), aggregate metrics one row per estimator or pair.
 */
public final class MetricTables {

    private MetricTables() {
    }

    /**
     * Writes a metric's table.
     *
     * @param file the CSV file
     * @param outcome the metric's results
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, MetricOutcome outcome) throws IOException {
        boolean pair = outcome.arity() == Metric.Arity.PAIR;
        String second = outcome.isMatrix() ? "second" : "reference";
        List<String> header = outcome.aggregate()
                ? (pair ? List.of("estimator", second, "mean", "lower", "upper") : List.of("estimator", "mean", "lower", "upper"))
                : (pair ? List.of("k", "estimator", second, "mean", "lower", "upper") : List.of("k", "estimator", "mean", "lower", "upper"));
        try (Csv csv = new Csv(file, header)) {
            for (MetricResult result : outcome.results()) {
                for (int k = 0; k < result.mean().length; k++) {
                    Object[] row = outcome.aggregate()
                            ? (pair ? new Object[] {result.first(), result.second(), result.mean()[k], result.lower()[k], result.upper()[k]}
                                    : new Object[] {result.first(), result.mean()[k], result.lower()[k], result.upper()[k]})
                            : (pair ? new Object[] {k, result.first(), result.second(), result.mean()[k], result.lower()[k], result.upper()[k]}
                                    : new Object[] {k, result.first(), result.mean()[k], result.lower()[k], result.upper()[k]});
                    csv.row(row);
                }
            }
        }
    }
}
