package org.icl4j.algorithms.estimator;

import java.util.Arrays;

import org.icl4j.algorithms.ParameterChecks;

/**
 * One online pass of stochastic gradient descent from w = 0, one step per context pair in order (docs/PAPER.md,
 * Reference algorithms: SGD(α)): with the per-pair gradient {@code g = 2(x xᵀw − y x + λw)} of
 * {@code (w·x − y)² + λ‖w‖²}, {@code w ← w − α g}, i.e. {@code w ← w − 2α(x xᵀw − y x + λw)}.
 *
 * <p>Optionally each component of g is clipped to [−clip, clip] before the step. Clipping is off by default,
 * so the estimator is the paper's formula; the authors' code clips every gradient to ±20, which
 * {@code sgd:clip=20} reproduces (docs/ALGORITHMS.md). O(d) per pair.
 */
public final class StochasticGradientDescent extends PerEpisodeLinearEstimator {

    private final double learningRate;
    private final double lambda;
    private final double clip;

    /**
     * @param name display name, normally the spec string
     * @param learningRate α, greater than 0
     * @param lambda the penalty λ, at least 0
     * @param clip the bound on each gradient component, greater than 0, or {@code Double.POSITIVE_INFINITY} for
     *     no clipping
     */
    public StochasticGradientDescent(String name, double learningRate, double lambda, double clip) {
        super(name);
        this.learningRate = ParameterChecks.greaterThan("lr", learningRate, 0.0);
        this.lambda = ParameterChecks.atLeast("lambda", lambda, 0.0);
        this.clip = ParameterChecks.greaterThan("clip", clip, 0.0);
    }

    /** @return α */
    public double learningRate() {
        return learningRate;
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    /** @return the gradient clipping bound, infinite when clipping is off */
    public double clip() {
        return clip;
    }

    @Override
    int scratchSize(int d) {
        return 2 * d;
    }

    @Override
    long workPerPair(int d) {
        return 6L * d;
    }

    @Override
    void fitEpisode(float[] xs, int xOffset, float[] ys, int yOffset, int pairs, int d, double[] s,
            float[] predictions, int predictionsOffset, double[] weights, int weightsOffset, double[] end, int endOffset) {
        int w = 0;
        int x = d;
        Arrays.fill(s, 0, d, 0.0);
        for (int k = 0; k < pairs; k++) {
            int row = xOffset + k * d;
            double prediction = 0;
            for (int j = 0; j < d; j++) {
                double value = xs[row + j];
                s[x + j] = value;
                prediction += s[w + j] * value;
            }
            if (predictions != null) {
                predictions[predictionsOffset + k] = (float) prediction;
            }
            if (weights != null) {
                System.arraycopy(s, w, weights, weightsOffset + k * d, d);
            }
            if (end == null && k == pairs - 1) {
                return;
            }
            double error = prediction - ys[yOffset + k];
            for (int j = 0; j < d; j++) {
                double gradient = 2 * (s[x + j] * error + lambda * s[w + j]);
                if (gradient > clip) {
                    gradient = clip;
                } else if (gradient < -clip) {
                    gradient = -clip;
                }
                s[w + j] -= learningRate * gradient;
            }
        }
        System.arraycopy(s, w, end, endOffset, d);
    }
}
