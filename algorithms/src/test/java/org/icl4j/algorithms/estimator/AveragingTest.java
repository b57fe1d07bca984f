package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class AveragingTest {

    @Test
    void averagesLabelWeightedInputs() {
        // x0 = (1,2), y0 = 2; x1 = (3,0), y1 = 1. k = 1: w = 2·(1,2); k = 2: w = ((2,4) + (3,0))/2 = (2.5, 2).
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{1, 2}, {3, 0}, {1, 1}}, new double[] {2, 1, 0});
        Averaging averaging = new Averaging();
        assertThat(averaging.prefixWeights(episode)).containsExactly(new double[] {0, 0, 2, 4, 2.5, 2}, within(1e-12));
        // Predictions: 0, (2,4)·(3,0) = 6, (2.5,2)·(1,1) = 4.5.
        assertThat(averaging.predictPrefixes(episode)).containsExactly(0f, 6f, 4.5f);
    }

    @Test
    void zeroEstimatorPredictsZero() {
        EpisodeBatch episodes = TestEpisodes.gaussian(3, 5, 2, 0.0, 51);
        assertThat(new ZeroEstimator().predictPrefixes(episodes)).containsOnly(0f);
        assertThat(new ZeroEstimator().prefixWeights(episodes)).containsOnly(0.0);
    }
}
