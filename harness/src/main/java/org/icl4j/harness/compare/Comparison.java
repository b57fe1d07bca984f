package org.icl4j.harness.compare;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.harness.Progress;

/**
 * Runs every estimator on the evaluation's episodes and computes every metric:
 * <ul>
 *   <li>a single-estimator metric (squared error, R²) for every estimator;</li>
 *   <li>a pairwise per-k metric (SPD, ILWD) for every estimator against the reference, as the paper's Fig. 1
 *       plots each algorithm against least squares;</li>
 *   <li>a pairwise aggregate metric (MSPD) for every ordered pair, the matrix of the paper's Fig. 2.</li>
 * </ul>
 * Predictions and implicit weights are computed once per estimator and cached by the {@link Evaluation}.
 */
public final class Comparison {

    /**
     * A metric to compute, with the text it was created from.
     *
     * @param spec the spec string
     * @param description the factory's description
     * @param metric the metric
     */
    public record NamedMetric(String spec, String description, Metric metric) {
        /** Validates non-null fields. */
        public NamedMetric {
            requireNonNull(spec, "spec is null");
            requireNonNull(description, "description is null");
            requireNonNull(metric, "metric is null");
        }
    }

    private Comparison() {
    }

    /**
     * Number of progress steps {@link #run} takes before it knows which pairwise metrics are aggregate.
     *
     * @param estimators the number of estimators
     * @param metrics the metrics
     * @return the planned steps
     */
    public static long plannedSteps(int estimators, List<NamedMetric> metrics) {
        long steps = estimators;
        for (NamedMetric metric : metrics) {
            steps += metric.metric().arity() == Metric.Arity.SINGLE ? estimators : Math.max(estimators - 1, 1);
        }
        return steps;
    }

    /**
     * Compares the estimators.
     *
     * @param evaluation the episodes and caches
     * @param estimators the estimators, with unique names
     * @param reference the reference, one of {@code estimators}
     * @param metrics the metrics
     * @param progress receives one step per prediction run and per metric computation
     * @return the results
     */
    public static ComparisonResult run(Evaluation evaluation, List<Estimator> estimators, Estimator reference,
                                       List<NamedMetric> metrics, Progress progress) {
        if (!estimators.contains(reference)) {
            throw new IllegalArgumentException("the reference estimator " + reference.name() + " is not being compared");
        }
        Map<String, float[]> predictions = new LinkedHashMap<>();
        for (Estimator estimator : estimators) {
            predictions.put(estimator.name(), guarded(() -> evaluation.predictions(estimator),
                    "estimator '" + estimator.name() + "' failed while predicting"));
            progress.step("predictions of " + estimator.name());
        }
        long steps = plannedSteps(estimators.size(), metrics);
        List<MetricOutcome> outcomes = new ArrayList<>();
        for (NamedMetric named : metrics) {
            Metric metric = named.metric();
            List<MetricResult> results = new ArrayList<>();
            boolean aggregate;
            if (metric.arity() == Metric.Arity.SINGLE) {
                for (Estimator estimator : estimators) {
                    results.add(guarded(() -> metric.compute(evaluation, estimator, null),
                            "metric '" + named.spec() + "' of estimator '" + estimator.name() + "' failed"));
                    progress.step(named.spec() + " of " + estimator.name());
                }
                aggregate = results.get(0).aggregate();
            } else {
                Estimator probe = estimators.size() > 1
                        ? estimators.get(estimators.get(0) == reference ? 1 : 0) : reference;
                MetricResult first = guarded(() -> metric.compute(evaluation, probe, reference),
                        "metric '" + named.spec() + "' of estimator '" + probe.name() + "' failed");
                aggregate = first.aggregate();
                if (aggregate) {
                    // One number per pair: compute the whole matrix, row by row.
                    steps += (long) estimators.size() * estimators.size() - Math.max(estimators.size() - 1, 1);
                    progress.total(steps);
                    for (Estimator row : estimators) {
                        for (Estimator column : estimators) {
                            results.add(row == probe && column == reference ? first
                                    : guarded(() -> metric.compute(evaluation, row, column), "metric '" + named.spec()
                                            + "' of estimators '" + row.name() + "' and '" + column.name() + "' failed"));
                            progress.step(named.spec() + " of " + row.name() + " and " + column.name());
                        }
                    }
                } else {
                    for (Estimator estimator : estimators) {
                        if (estimator == reference && estimators.size() > 1) {
                            continue;
                        }
                        results.add(estimator == probe ? first : guarded(() -> metric.compute(evaluation, estimator,
                                reference), "metric '" + named.spec() + "' of estimator '" + estimator.name() + "' failed"));
                        progress.step(named.spec() + " of " + estimator.name() + " vs " + reference.name());
                    }
                }
            }
            outcomes.add(new MetricOutcome(named.spec(), named.description(), metric.arity(), aggregate, results));
        }
        List<String> names = estimators.stream().map(Estimator::name).toList();
        return new ComparisonResult(evaluation.episodes(), names, reference.name(), predictions, outcomes);
    }

    /**
     * Runs a component's code; a fault in it (an exception other than the {@link IllegalArgumentException} that
     * reports bad input) becomes a {@link ComponentFailureException} naming the component, since a stack trace from
     * inside a plugin does not say which estimator or metric broke.
     */
    private static <T> T guarded(java.util.function.Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (IllegalArgumentException | ComponentFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ComponentFailureException(what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + "; this is a fault of that component, not of the input: report it to its author", e);
        }
    }
}
