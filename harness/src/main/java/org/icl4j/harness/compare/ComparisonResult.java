package org.icl4j.harness.compare;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;

/**
 * The outcome of comparing estimators on one set of episodes.
 *
 * @param episodes the episodes every estimator saw
 * @param estimators the estimators' names, in the order given (reference included)
 * @param reference the reference estimator's name
 * @param predictions each estimator's prefix predictions [B, n], by name
 * @param metrics each metric's outcome, in the order given
 */
public record ComparisonResult(EpisodeBatch episodes, List<String> estimators, String reference,
                               Map<String, float[]> predictions, List<MetricOutcome> metrics) {

    /** Validates and copies. */
    public ComparisonResult {
        requireNonNull(episodes, "episodes is null");
        requireNonNull(reference, "reference is null");
        estimators = List.copyOf(estimators);
        predictions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
        metrics = List.copyOf(metrics);
    }
}
