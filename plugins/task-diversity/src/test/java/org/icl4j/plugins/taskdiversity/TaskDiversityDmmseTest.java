package org.icl4j.plugins.taskdiversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.LinearEstimator;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.testkit.ReferenceSolutions;
import org.junit.jupiter.api.Test;

class TaskDiversityDmmseTest {

    /**
     * Pool {1, −1}, d = 1, σ = 1: the posterior mean is {@code p₁ − p₂ = tanh((r₂ − r₁)/4σ²)}. After (x, y) = (1, 0.5)
     * the residual sums are r = (0.25, 2.25), so ŵ = tanh(0.5); after (2, 1.5) too they are (0.5, 14.5), so
     * ŵ = tanh(3.5). The predictions multiply by the next input.
     */
    @Test
    void twoMembersByHand() {
        TaskDiversityDmmse dmmse = new TaskDiversityDmmse("dmmse", new float[] {1, -1}, 1, 1.0);
        EpisodeBatch episode = EpisodeBatch.of(1, 3, 1, new float[] {1, 2, -1}, new float[] {0.5f, 1.5f, 0});
        double[] w = dmmse.prefixWeights(episode);
        assertThat(w[0]).isCloseTo(0.0, within(1e-15));
        assertThat(w[1]).isCloseTo(0.46211715726000974, within(1e-12));
        assertThat(w[2]).isCloseTo(0.99817789761119870, within(1e-12));
        float[] predictions = dmmse.predictPrefixes(episode);
        assertThat(predictions).containsExactly(0f, (float) (2 * 0.46211715726000974), (float) (-0.99817789761119870));
    }

    @Test
    void withoutContextThePredictionIsThePoolMean() {
        TaskDiversityPoolTask task = new TaskDiversityPoolTask(50, 4, 3, 0.5, 1.0);
        EpisodeBatch episodes = task.sample(3, 2, new Rng(1));
        for (double noise : new double[] {0.5, 0.0}) {
            double[] w = new TaskDiversityDmmse("dmmse", task, noise).prefixWeights(episodes);
            for (int j = 0; j < 3; j++) {
                double mean = 0;
                for (int m = 0; m < 50; m++) {
                    mean += task.member(m)[j] / 50;
                }
                for (int b = 0; b < 3; b++) {
                    assertThat(w[(b * 2) * 3 + j]).as("noise %s, episode %d, coordinate %d", noise, b, j)
                            .isCloseTo(mean, within(1e-12));
                }
            }
        }
    }

    /**
     * d = 4, σ = 0.25, M = 8: a wrong member m loses about ‖w_m − w*‖²/2σ² ≈ 2dτ²/2σ² = 64 nats of log-likelihood per
     * pair, so by k = 8 the posterior sits on the true member unless two members nearly coincide.
     */
    @Test
    void thePosteriorConcentratesOnTheTrueMemberAsTheContextGrows() {
        TaskDiversityPoolTask task = new TaskDiversityPoolTask(8, 2, 4, 0.25, 1.0);
        int batch = 300;
        int n = 9;
        EpisodeBatch episodes = task.sample(batch, n, new Rng(3));
        double[] w = new TaskDiversityDmmse("dmmse", task, 0.25).prefixWeights(episodes);
        double[] meanError = new double[n];
        int close = 0;
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < n; k++) {
                double error = 0;
                for (int j = 0; j < 4; j++) {
                    double difference = w[(b * n + k) * 4 + j] - episodes.ws()[b * 4 + j];
                    error += difference * difference;
                }
                meanError[k] += error / batch;
                if (k == n - 1 && error < 1e-6) {
                    close++;
                }
            }
        }
        // At k = 0 the error is the pool's spread around its mean, about d·τ² = 4.
        assertThat(meanError[0]).isGreaterThan(1.0);
        for (int k = 1; k < n; k++) {
            assertThat(meanError[k]).as("mean squared weight error at k = %d", k).isLessThan(meanError[k - 1]);
        }
        assertThat(meanError[n - 1]).isLessThan(1e-4);
        assertThat(close).as("episodes whose posterior mean is within 1e-3 of the true member at k = 8")
                .isGreaterThanOrEqualTo(batch * 99 / 100);
    }

    /**
     * σ = 0 must equal the limit of small σ: with noiseless episodes the true member fits exactly and wins; with
     * noisy episodes the member of smallest residual sum of squares (found here by brute force) wins.
     */
    @Test
    void zeroNoiseIsTheLimitOfSmallNoise() {
        TaskDiversityPoolTask exact = new TaskDiversityPoolTask(20, 6, 3, 0.0, 1.0);
        EpisodeBatch noiseless = exact.sample(50, 6, new Rng(4));
        double[] limit = new TaskDiversityDmmse("dmmse:noise=0", exact, 0.0).prefixWeights(noiseless);
        double[] small = new TaskDiversityDmmse("dmmse:noise=1e-4", exact, 1e-4).prefixWeights(noiseless);
        for (int b = 0; b < 50; b++) {
            for (int k = 1; k < 6; k++) {
                for (int j = 0; j < 3; j++) {
                    int at = (b * 6 + k) * 3 + j;
                    assertThat(limit[at]).isEqualTo((double) noiseless.ws()[b * 3 + j]);
                    assertThat(small[at]).isCloseTo(limit[at], within(1e-9));
                }
            }
        }

        TaskDiversityPoolTask noisy = new TaskDiversityPoolTask(20, 6, 3, 1.0, 1.0);
        EpisodeBatch episodes = noisy.sample(50, 4, new Rng(5));
        double[] nearest = new TaskDiversityDmmse("dmmse:noise=0", noisy, 0.0).prefixWeights(episodes);
        for (int b = 0; b < 50; b++) {
            for (int k = 1; k < 4; k++) {
                int best = -1;
                double bestResidual = Double.POSITIVE_INFINITY;
                for (int m = 0; m < 20; m++) {
                    double residual = 0;
                    for (int i = 0; i < k; i++) {
                        double r = episodes.y(b, i);
                        for (int j = 0; j < 3; j++) {
                            r -= noisy.member(m)[j] * episodes.x(b, i, j);
                        }
                        residual += r * r;
                    }
                    if (residual < bestResidual) {
                        bestResidual = residual;
                        best = m;
                    }
                }
                for (int j = 0; j < 3; j++) {
                    assertThat(nearest[(b * 4 + k) * 3 + j]).isEqualTo(noisy.member(best)[j]);
                }
            }
        }
    }

    /**
     * With M = 32768 prior draws, the pool's posterior mean is a self-normalised importance-sampling estimate of the
     * Gaussian posterior mean, whose Bayes predictor is ridge with λ = σ²/τ². Its error variance is about the
     * posterior predictive variance xᵀΣx (Σ = σ²(XᵀX + λI)⁻¹) divided by the effective sample size, which is
     * over 1000 here (d = 2, σ = 0.5, k ≤ 4), so the mean squared dMMSE−ridge difference must stay below 5% of the
     * mean posterior predictive variance. A pool of 8 fails that bound, which the test checks too, so the bound
     * tells a large pool from a small one.
     */
    @Test
    void aLargePoolPredictsLikeRidgeWithTheBayesPenalty() {
        double sigma = 0.5;
        double lambda = new GaussianPrior(sigma, 1.0).bayesLambda();
        LinearEstimator ridge = ReferenceSolutions.ridge(lambda);
        int batch = 400;
        int n = 5;
        double large = relativeDifference(new TaskDiversityPoolTask(1 << 15, 7, 2, sigma, 1.0), ridge, batch, n, lambda);
        double small = relativeDifference(new TaskDiversityPoolTask(8, 7, 2, sigma, 1.0), ridge, batch, n, lambda);
        assertThat(large).isLessThan(0.05);
        assertThat(small).isGreaterThan(0.05);
    }

    /** Mean (ŷ_dmmse − ŷ_ridge)² over prefixes k = 1 … n-1 divided by the mean posterior predictive variance. */
    private static double relativeDifference(TaskDiversityPoolTask task, LinearEstimator ridge, int batch, int n,
            double lambda) {
        double sigma = task.noise();
        EpisodeBatch episodes = task.sample(batch, n, new Rng(8));
        float[] dmmse = new TaskDiversityDmmse("dmmse", task, sigma).predictPrefixes(episodes);
        float[] reference = ridge.predictPrefixes(episodes);
        double difference = 0;
        double variance = 0;
        for (int b = 0; b < batch; b++) {
            double a = lambda;
            double c = lambda;
            double off = 0;
            for (int k = 1; k < n; k++) {
                float x0 = episodes.x(b, k - 1, 0);
                float x1 = episodes.x(b, k - 1, 1);
                a += x0 * x0;
                c += x1 * x1;
                off += x0 * x1;
                double determinant = a * c - off * off;
                double q0 = episodes.x(b, k, 0);
                double q1 = episodes.x(b, k, 1);
                // xᵀ (XᵀX + λI)⁻¹ x with the 2×2 inverse [c, −off; −off, a] / det.
                variance += sigma * sigma * (c * q0 * q0 - 2 * off * q0 * q1 + a * q1 * q1) / determinant;
                double gap = dmmse[b * n + k] - reference[b * n + k];
                difference += gap * gap;
            }
        }
        return difference / variance;
    }

    @Test
    void theFactoryNeedsAPoolTaskAndTakesItsNoise() {
        TaskDiversityDmmseFactory factory = new TaskDiversityDmmseFactory();
        Task pool = new TaskDiversityPoolTaskFactory().create(Spec.parse("pool:size=4,d=2,noise=0.3"), CreationContext.NONE);
        assertThat(((TaskDiversityDmmse) factory.create(Spec.parse("dmmse"), new CreationContext(pool))).noise())
                .isEqualTo(0.3);
        assertThat(((TaskDiversityDmmse) factory.create(Spec.parse("dmmse:noise=0"), new CreationContext(pool))).noise())
                .isEqualTo(0.0);
        assertThatThrownBy(() -> factory.create(Spec.parse("dmmse"), CreationContext.NONE))
                .hasMessageContaining("dmmse needs a task");
        Task other = new Task() {
            @Override public String name() { return "linear:d=2"; }
            @Override public int dimension() { return 2; }
            @Override public EpisodeBatch sample(int batch, int length, Rng random) { throw new AssertionError(); }
        };
        assertThatThrownBy(() -> factory.create(Spec.parse("dmmse"), new CreationContext(other)))
                .hasMessageContaining("needs one, e.g. --task pool:size=16; found task 'linear:d=2'");
        assertThatThrownBy(() -> factory.create(Spec.parse("dmmse:noise=-1"), new CreationContext(pool)))
                .hasMessageContaining("noise must be >= 0 or task, found -1.0");
        EpisodeBatch wrongWidth = EpisodeBatch.of(1, 1, 3, new float[3], new float[1]);
        assertThatThrownBy(() -> factory.create(Spec.parse("dmmse"), new CreationContext(pool)).predictPrefixes(wrongWidth))
                .hasMessageContaining("pool of dimension 2 but the episodes have dimension 3");
    }
}
