package org.icl4j.harness.compare;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;

/**
 * Everything one metric produced in a comparison: per-k curves (one per estimator, or per estimator against the
 * reference) or aggregate values (one per estimator, or a full pairwise matrix).
 *
 * @param spec the metric's spec string as given, e.g. {@code ilwd:probes=64}
 * @param description the factory's one-line description
 * @param arity single-estimator or pairwise
 * @param aggregate whether each result is one number rather than one per k
 * @param results the results, in estimator order (row-major over pairs for a pairwise aggregate matrix)
 */
public record MetricOutcome(String spec, String description, Metric.Arity arity, boolean aggregate,
                            List<MetricResult> results) {

    /** Validates and copies. */
    public MetricOutcome {
        requireNonNull(spec, "spec is null");
        requireNonNull(description, "description is null");
        requireNonNull(arity, "arity is null");
        results = List.copyOf(results);
    }

    /** @return whether this is a pairwise matrix (a heat map) */
    public boolean isMatrix() {
        return arity == Metric.Arity.PAIR && aggregate;
    }

    /** @return a file-name stem derived from the spec, e.g. {@code ilwd_probes-64} */
    public String fileStem() {
        return spec.replace(':', '_').replace('=', '-').replace(',', '_').replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
