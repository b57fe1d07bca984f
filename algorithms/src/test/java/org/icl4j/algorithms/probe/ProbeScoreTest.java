package org.icl4j.algorithms.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.icl4j.api.PrefixTargets;
import org.junit.jupiter.api.Test;

class ProbeScoreTest {

    @Test
    void predictingTheTrainingMeanScoresOneAndTheTruthZero() {
        // One prefix, dimension 1: training targets 0 and 2 (mean 1); held-out targets 1 and 3.
        PrefixTargets train = new PrefixTargets("t", 2, 1, 1, new double[] {0, 2});
        PrefixTargets test = new PrefixTargets("t", 2, 1, 1, new double[] {1, 3});
        ProbeScore mean = ProbeScore.of(new double[] {1, 1}, test, train);
        // Baseline: ((1 − 1)² + (1 − 3)²)/2 = 2.
        assertThat(mean.baseline()).containsExactly(2.0);
        assertThat(mean.normalised(1)).isEqualTo(1.0);
        assertThat(ProbeScore.of(new double[] {1, 3}, test, train).normalised(1)).isEqualTo(0.0);
        // Predictions (2, 2): ((2 − 1)² + (2 − 3)²)/2 = 1, half the baseline.
        assertThat(ProbeScore.of(new double[] {2, 2}, test, train).normalised(1)).isEqualTo(0.5);
    }
}
