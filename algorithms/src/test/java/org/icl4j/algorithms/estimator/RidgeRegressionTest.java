package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    @Test
    void handWorkedOneDimensionalCase() {
        // w_k = Σ x y / (Σ x² + λ): k = 1: 1/(1 + 0.5) = 2/3; k = 2: (1 + 6)/(1 + 4 + 0.5) = 14/11.
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{1}, {2}, {1}}, new double[] {1, 3, 0});
        RidgeRegression ridge = new RidgeRegression(0.5);
        assertThat(ridge.prefixWeights(episode)).containsExactly(new double[] {0, 2.0 / 3, 14.0 / 11}, within(1e-12));
        assertThat(ridge.predictPrefixes(episode)).containsExactly(0f, (float) (4.0 / 3), (float) (14.0 / 11));
    }

    @Test
    void matchesADirectSolveForEveryPrefix() {
        EpisodeBatch episodes = TestEpisodes.gaussian(150, 40, 8, 0.5, 21);
        for (double lambda : new double[] {0.1, 1.0 / 16}) {
            double[] w = new RidgeRegression(lambda).prefixWeights(episodes);
            for (int b = 0; b < 150; b++) {
                for (int k = 0; k < 40; k++) {
                    double[] expected = TestEpisodes.ridgeSolution(episodes, b, k, lambda);
                    // λ ≥ 1/16 bounds the condition number, so the recursive update stays within ~1e-12.
                    assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episodes, b, k), expected))
                            .as("lambda %s, episode %d, prefix %d", lambda, b, k)
                            .isLessThan(1e-9 * (1 + TestEpisodes.maxAbs(expected)));
                }
            }
        }
    }

    @Test
    void approachesLeastSquaresAsLambdaVanishes() {
        EpisodeBatch episodes = TestEpisodes.gaussian(40, 30, 6, 0.2, 22);
        double[] ols = new LeastSquares().prefixWeights(episodes);
        double[] previousGap = null;
        for (double lambda : new double[] {1e-2, 1e-4, 1e-6}) {
            double[] ridge = new RidgeRegression(lambda).prefixWeights(episodes);
            double[] gap = new double[40];
            for (int b = 0; b < 40; b++) {
                for (int k = 8; k < 30; k++) {
                    gap[b] = Math.max(gap[b], TestEpisodes.maxDifference(TestEpisodes.at(ridge, episodes, b, k),
                            TestEpisodes.at(ols, episodes, b, k)));
                }
            }
            if (previousGap != null) {
                // The gap is O(λ ‖(XᵀX)⁻¹‖ ‖w‖): a hundredfold smaller λ must shrink it by well over tenfold.
                for (int b = 0; b < 40; b++) {
                    assertThat(gap[b]).as("episode %d at lambda %s", b, lambda).isLessThan(previousGap[b] / 10 + 1e-9);
                }
            }
            previousGap = gap;
        }
        for (int b = 0; b < 40; b++) {
            assertThat(previousGap[b]).as("episode %d at lambda 1e-6", b).isLessThan(1e-3);
        }
    }

    @Test
    void zeroLambdaIsLeastSquares() {
        EpisodeBatch episodes = TestEpisodes.gaussian(30, 20, 5, 0.1, 23);
        assertThat(new RidgeRegression(0.0).predictPrefixes(episodes))
                .containsExactly(new LeastSquares().predictPrefixes(episodes));
    }

    @Test
    void rejectsNegativeLambda() {
        assertThatThrownBy(() -> new RidgeRegression(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda must be >= 0, found -1.0");
        RidgeRegressionFactory factory = new RidgeRegressionFactory();
        assertThatThrownBy(() -> factory.create(Spec.parse("ridge:lambda=-1"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lambda must be >= 0, found -1.0");
        assertThatThrownBy(() -> factory.create(Spec.parse("ridge:lambda=big"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a number, found 'big'");
        assertThatThrownBy(() -> factory.create(Spec.parse("ridge:alpha=1"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'alpha'");
    }

    @Test
    void factoryReadsFractions() {
        RidgeRegression ridge = (RidgeRegression) new RidgeRegressionFactory().create(Spec.parse("ridge:lambda=1/16"),
                CreationContext.NONE);
        assertThat(ridge.lambda()).isEqualTo(0.0625);
        assertThat(ridge.name()).isEqualTo("ridge:lambda=1/16");
    }
}
