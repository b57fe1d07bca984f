package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.algorithms.task.GaussianLinearRegressionTaskFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    /** Hand-worked values are exact in double; the only error is the float rounding of outputs. */
    private static final double EXACT = 1e-12;

    @Test
    void handWorkedPrefixesInTwoDimensions() {
        // x0 = (1,0), y0 = 2; x1 = (1,1), y1 = 3; x2 = (0,1), y2 = 5.
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{1, 0}, {1, 1}, {0, 1}}, new double[] {2, 3, 5});
        LeastSquares ols = new LeastSquares();
        double[] w = ols.prefixWeights(episode);
        // k = 0: w = 0. k = 1: the minimum-norm solution of w1 = 2 is (2, 0). k = 2: w1 = 2, w1 + w2 = 3 → (2, 1).
        assertThat(w).containsExactly(new double[] {0, 0, 2, 0, 2, 1}, within(EXACT));
        assertThat(ols.predictPrefixes(episode)).containsExactly(0f, 2f, 1f);
        // All three pairs: XᵀX = [[2,1],[1,2]], Xᵀy = (5, 8), so w = (1/3)(2·5 − 8, −5 + 2·8) = (2/3, 11/3).
        assertThat(ols.contextWeights(episode, 3)).containsExactly(new double[] {2.0 / 3, 11.0 / 3}, within(1e-12));
    }

    @Test
    void minimumNormInterpolantOfOnePair() {
        // One pair in three dimensions: w = y x/‖x‖² = 2 (1,1,0)/2.
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{1, 1, 0}, {0, 0, 1}}, new double[] {2, 0});
        double[] w = new LeastSquares().prefixWeights(episode);
        assertThat(TestEpisodes.at(w, episode, 0, 1)).containsExactly(new double[] {1, 1, 0}, within(EXACT));
    }

    @Test
    void matchesTheSvdPseudoInverseForEveryPrefix() {
        // 300 episodes: several blocks of episodes including a partial one, split over threads.
        EpisodeBatch episodes = TestEpisodes.gaussian(300, 40, 8, 0.1, 11);
        double[] w = new LeastSquares().prefixWeights(episodes);
        for (int b = 0; b < 300; b++) {
            for (int k = 1; k < 40; k++) {
                double[] expected = TestEpisodes.pseudoInverseSolution(episodes, b, k);
                // Relative to the solution's size: at k = d the system can be ill-conditioned (κ(X) ~ 10³ for a
                // few of 300 Gaussian 8×8 matrices), and the incremental update loses about ε·κ² relative.
                assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episodes, b, k), expected))
                        .as("episode %d, prefix %d", b, k)
                        .isLessThan(1e-7 * (1 + TestEpisodes.maxAbs(expected)));
            }
        }
    }

    @Test
    void underdeterminedPrefixesAreMinimumNorm() {
        EpisodeBatch episodes = TestEpisodes.gaussian(20, 12, 16, 0.0, 12);
        double[] w = new LeastSquares().prefixWeights(episodes);
        for (int b = 0; b < 20; b++) {
            for (int k = 1; k < 12; k++) {
                double[] expected = TestEpisodes.pseudoInverseSolution(episodes, b, k);
                assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episodes, b, k), expected))
                        .as("episode %d, prefix %d", b, k).isLessThan(1e-9 * (1 + TestEpisodes.maxAbs(expected)));
            }
        }
    }

    @Test
    void repeatedDirectionFallsBackToThePseudoInverse() {
        // x1 = 2·x0 is dependent: for k = 2 the least-squares fit along e1 is (1·1 + 2·4)/(1 + 4) = 9/5, and the
        // minimum-norm solution puts nothing on e2, e3. Then x2 = e2 with y2 = 3 sets w2 = 3.
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{1, 0, 0}, {2, 0, 0}, {0, 1, 0}, {0, 0, 1}},
                new double[] {1, 4, 3, 7});
        LeastSquares ols = new LeastSquares();
        double[] w = ols.prefixWeights(episode);
        assertThat(TestEpisodes.at(w, episode, 0, 1)).containsExactly(new double[] {1, 0, 0}, within(1e-12));
        assertThat(TestEpisodes.at(w, episode, 0, 2)).containsExactly(new double[] {1.8, 0, 0}, within(1e-12));
        assertThat(TestEpisodes.at(w, episode, 0, 3)).containsExactly(new double[] {1.8, 3, 0}, within(1e-12));
        assertThat(ols.contextWeights(episode, 4)).containsExactly(new double[] {1.8, 3, 7}, within(1e-12));
        assertThat(ols.predictPrefixes(episode)).containsExactly(0f, 2f, 0f, 0f);
    }

    @Test
    void zeroInputFallsBackToThePseudoInverse() {
        // x0 = 0 carries no information; x1 = e1 with y1 = 2 gives w = (2, 0).
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{0, 0}, {1, 0}, {1, 1}}, new double[] {5, 2, 0});
        double[] w = new LeastSquares().prefixWeights(episode);
        assertThat(w).containsExactly(new double[] {0, 0, 0, 0, 2, 0}, within(1e-12));
    }

    @Test
    void rankDeficientEpisodeDoesNotDisturbItsBlock() {
        EpisodeBatch random = TestEpisodes.gaussian(70, 6, 3, 0.0, 13);
        float[] xs = random.xs().clone();
        float[] ys = random.ys().clone();
        // Episode 5 repeats its first input, so it needs the fallback; its neighbours in the block do not.
        System.arraycopy(xs, random.xOffset(5, 0), xs, random.xOffset(5, 1), 3);
        EpisodeBatch episodes = EpisodeBatch.of(70, 6, 3, xs, ys);
        double[] w = new LeastSquares().prefixWeights(episodes);
        for (int b : new int[] {4, 5, 6, 69}) {
            for (int k = 1; k < 6; k++) {
                double[] expected = TestEpisodes.pseudoInverseSolution(episodes, b, k);
                assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episodes, b, k), expected))
                        .as("episode %d, prefix %d", b, k).isLessThan(1e-9 * (1 + TestEpisodes.maxAbs(expected)));
            }
        }
    }

    @Test
    void nearlyDependentRowsStayAccurate() {
        // x2 leaves the span of x0, x1 by 1e-3 relative (above the 1e-5 fallback threshold): κ(X) ≈ 1e3 at k = 3,
        // the incremental path divides by ‖r‖² ≈ 1e-6, and later pairs are recursive least squares from there.
        double[][] rows = {{1, 0, 0}, {0, 1, 0}, {1, 1, 1e-3}, {0.5, -1, 2}, {1, 2, 3}, {-1, 0.5, 1}, {0, 0, 0}};
        EpisodeBatch episode = TestEpisodes.single(rows, new double[] {1, -2, 0.5, 3, 1, 2, 0});
        double[] w = new LeastSquares().prefixWeights(episode);
        for (int k = 1; k < rows.length; k++) {
            double[] expected = TestEpisodes.pseudoInverseSolution(episode, 0, k);
            // Relative error ≲ ε·κ² ≈ 1e-10 at k = 3; allow 1e-8 of the solution's size (‖w‖ ≈ 1e3 at k = 3).
            assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episode, 0, k), expected)).as("prefix %d", k)
                    .isLessThan(1e-8 * (1 + TestEpisodes.maxAbs(expected)));
        }
    }

    @Test
    void rowsBelowTheDependenceThresholdUseThePseudoInverse() {
        // x2 leaves the span by 1e-7 relative: numerically dependent, so prefixes from 3 pairs on come from the
        // SVD pseudo-inverse (EJML counts singular values above its ~1e-15 relative tolerance, as here).
        double[][] rows = {{1, 0, 0}, {0, 1, 0}, {1, 1, 1e-7}, {0.5, -1, 2}, {0, 0, 0}};
        EpisodeBatch episode = TestEpisodes.single(rows, new double[] {1, -2, 0.5, 3, 0});
        double[] w = new LeastSquares().prefixWeights(episode);
        for (int k = 1; k < rows.length; k++) {
            double[] expected = TestEpisodes.pseudoInverseSolution(episode, 0, k);
            assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episode, 0, k), expected)).as("prefix %d", k)
                    .isLessThan(1e-9 * (1 + TestEpisodes.maxAbs(expected)));
        }
    }

    @Test
    void shiftedInputsOfTheOutOfDistributionTestsStayAccurate() {
        // x ~ N(2.5, 1) (the authors' shifted inputs, docs/PAPER.md, Tasks) share a large common component, so X is
        // worse conditioned than for centred inputs; every prefix must still match the SVD pseudo-inverse.
        EpisodeBatch episodes = new GaussianLinearRegressionTaskFactory()
                .create(Spec.parse("linear:d=8,x-shift=2.5,noise=0.1"), CreationContext.NONE)
                .sample(100, 40, new Rng(14));
        double[] w = new LeastSquares().prefixWeights(episodes);
        double[] ridge = new RidgeRegression(1e-3).prefixWeights(episodes);
        for (int b = 0; b < 100; b++) {
            for (int k = 1; k < 40; k++) {
                double[] expected = TestEpisodes.pseudoInverseSolution(episodes, b, k);
                assertThat(TestEpisodes.maxDifference(TestEpisodes.at(w, episodes, b, k), expected))
                        .as("episode %d, prefix %d", b, k).isLessThan(1e-7 * (1 + TestEpisodes.maxAbs(expected)));
                double[] expectedRidge = TestEpisodes.ridgeSolution(episodes, b, k, 1e-3);
                assertThat(TestEpisodes.maxDifference(TestEpisodes.at(ridge, episodes, b, k), expectedRidge))
                        .as("ridge, episode %d, prefix %d", b, k)
                        .isLessThan(1e-7 * (1 + TestEpisodes.maxAbs(expectedRidge)));
            }
        }
    }
}
