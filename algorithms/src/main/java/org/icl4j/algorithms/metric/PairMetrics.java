package org.icl4j.algorithms.metric;

import org.icl4j.api.Estimator;

/** Argument checks shared by the pairwise metrics. */
final class PairMetrics {

    private PairMetrics() {
    }

    static void requireSecond(String metric, Estimator second) {
        if (second == null) {
            throw new IllegalArgumentException(metric + " compares two estimators, but no second estimator was given");
        }
    }
}
