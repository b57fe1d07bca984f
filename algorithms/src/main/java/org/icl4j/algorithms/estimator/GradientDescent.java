package org.icl4j.algorithms.estimator;

import java.util.Arrays;

import org.icl4j.algorithms.ParameterChecks;

/**
 * Full-batch gradient descent from w = 0 on {@code L(w) = Σᵢ (w·xᵢ − yᵢ)² + λ‖w‖²} over the context (docs/PAPER.md,
 * Reference algorithms: GD(α)): {@code steps} updates {@code w ← w − 2α(XᵀX w − Xᵀy + λw)}. One step gives
 * {@code w = 2α Xᵀy}, the predictor the paper's Theorem 1 compiles into one transformer layer.
 *
 * <p>The sufficient statistics XᵀX and Xᵀy are accumulated pair by pair (O(d²) per pair); each prefix then runs
 * its {@code steps} updates from w = 0, O(steps·d²) per prefix (one step needs no iteration at all).
 */
public final class GradientDescent extends PerEpisodeLinearEstimator {

    private final double learningRate;
    private final int steps;
    private final double lambda;

    /**
     * @param name display name, normally the spec string
     * @param learningRate α, greater than 0
     * @param steps number of full-batch steps, at least 1
     * @param lambda the penalty λ, at least 0
     */
    public GradientDescent(String name, double learningRate, int steps, double lambda) {
        super(name);
        this.learningRate = ParameterChecks.greaterThan("lr", learningRate, 0.0);
        this.steps = ParameterChecks.atLeast("steps", steps, 1);
        this.lambda = ParameterChecks.atLeast("lambda", lambda, 0.0);
    }

    /** @return α */
    public double learningRate() {
        return learningRate;
    }

    /** @return the number of full-batch steps */
    public int steps() {
        return steps;
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    @Override
    int scratchSize(int d) {
        return d * d + 4 * d;
    }

    @Override
    long workPerPair(int d) {
        return (steps + 1L) * d * d;
    }

    @Override
    void fitEpisode(float[] xs, int xOffset, float[] ys, int yOffset, int pairs, int d, double[] s,
            float[] predictions, int predictionsOffset, double[] weights, int weightsOffset, double[] end, int endOffset) {
        int gram = 0;
        int moment = d * d;
        int w = moment + d;
        int x = w + d;
        int gradient = x + d;
        Arrays.fill(s, 0, d * d + 4 * d, 0.0);
        double twoAlpha = 2 * learningRate;
        for (int k = 0; k <= pairs; k++) {
            if (k == pairs && end == null) {
                return;
            }
            // w after `steps` updates on pairs 0 … k-1, from w = 0.
            if (steps == 1) {
                for (int j = 0; j < d; j++) {
                    s[w + j] = twoAlpha * s[moment + j];
                }
            } else {
                Arrays.fill(s, w, w + d, 0.0);
                for (int step = 0; step < steps; step++) {
                    for (int i = 0; i < d; i++) {
                        double sum = 0;
                        for (int j = 0; j < d; j++) {
                            sum += s[gram + i * d + j] * s[w + j];
                        }
                        s[gradient + i] = sum;
                    }
                    for (int j = 0; j < d; j++) {
                        s[gradient + j] += lambda * s[w + j] - s[moment + j];
                    }
                    for (int j = 0; j < d; j++) {
                        s[w + j] -= twoAlpha * s[gradient + j];
                    }
                }
            }
            if (k == pairs) {
                break;
            }
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
            double y = ys[yOffset + k];
            for (int i = 0; i < d; i++) {
                double xi = s[x + i];
                s[moment + i] += y * xi;
                int row2 = gram + i * d;
                for (int j = 0; j < d; j++) {
                    s[row2 + j] += xi * s[x + j];
                }
            }
        }
        System.arraycopy(s, w, end, endOffset, d);
    }
}
