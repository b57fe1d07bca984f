package org.icl4j.transformer.construction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.algorithms.estimator.GradientDescent;
import org.icl4j.algorithms.estimator.RidgeRegression;
import org.icl4j.algorithms.estimator.StochasticGradientDescent;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The interpreted programs against the project's reference estimators gd, sgd and ridge. */
class ReferenceEstimatorsTest {

    /** Both sides compute in double from the same float inputs; only summation order differs. */
    private static final double TOLERANCE = 1e-9;


    private static void assertAgree(Program program, LinearEstimator estimator, EpisodeBatch episodes) {
        double[] weights = estimator.prefixWeights(episodes);
        int n = episodes.length();
        int d = episodes.dimension();
        for (int b = 0; b < episodes.batch(); b++) {
            double[][] xs = new double[n][d];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    xs[i][j] = episodes.x(b, i, j);
                }
                ys[i] = episodes.y(b, i);
            }
            double[] predictions = Interpreter.predictions(program, xs, ys);
            for (int i = 0; i < n; i++) {
                double expected = 0;
                for (int j = 0; j < d; j++) {
                    expected += weights[(b * n + i) * d + j] * xs[i][j];
                }
                assertThat(predictions[i]).as("%s, episode %d, prefix %d", program.name(), b, i)
                        .isCloseTo(expected, within(TOLERANCE));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void programsEqualTheReferenceEstimators(int d) {
        int k = 6;
        EpisodeBatch episodes = RandomCheckpoints.episodes(3, k + 1, d, 40 + d);
        assertAgree(LearningPrograms.gradientDescent(d, k + 1, 0.02, 0, new double[d]),
                new GradientDescent("gd:lr=0.02", 0.02, 1, 0), episodes);
        assertAgree(LearningPrograms.onlineSgd(d, k, 0.03, 0.1),
                new StochasticGradientDescent("sgd:lr=0.03,lambda=0.1", 0.03, 0.1, Double.POSITIVE_INFINITY),
                episodes);
        assertAgree(LearningPrograms.ridge(d, k, 0.25), new RidgeRegression(0.25), episodes);
    }
}
