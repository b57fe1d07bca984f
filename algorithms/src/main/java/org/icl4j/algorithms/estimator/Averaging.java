package org.icl4j.algorithms.estimator;

import java.util.Arrays;

/**
 * Averaging (docs/PAPER.md, Reference algorithms): {@code w = (1/k) Σᵢ yᵢ xᵢ} over the k context pairs, and w = 0 for
 * k = 0. O(d) per pair.
 */
public final class Averaging extends PerEpisodeLinearEstimator {

    /** The spec name. */
    public static final String NAME = "averaging";

    /** Creates the estimator named {@code averaging}. */
    public Averaging() {
        this(NAME);
    }

    /** @param name display name, normally the spec string */
    public Averaging(String name) {
        super(name);
    }

    @Override
    int scratchSize(int d) {
        return 2 * d;
    }

    @Override
    long workPerPair(int d) {
        return 4L * d;
    }

    @Override
    void fitEpisode(float[] xs, int xOffset, float[] ys, int yOffset, int pairs, int d, double[] s,
            float[] predictions, int predictionsOffset, double[] weights, int weightsOffset, double[] end, int endOffset) {
        int sum = 0;
        int w = d;
        Arrays.fill(s, 0, 2 * d, 0.0);
        for (int k = 0; k < pairs; k++) {
            int row = xOffset + k * d;
            double prediction = 0;
            for (int j = 0; j < d; j++) {
                prediction += s[w + j] * xs[row + j];
            }
            if (predictions != null) {
                predictions[predictionsOffset + k] = (float) prediction;
            }
            if (weights != null) {
                System.arraycopy(s, w, weights, weightsOffset + k * d, d);
            }
            double y = ys[yOffset + k];
            double scale = 1.0 / (k + 1);
            for (int j = 0; j < d; j++) {
                s[sum + j] += y * xs[row + j];
                s[w + j] = s[sum + j] * scale;
            }
        }
        if (end != null) {
            System.arraycopy(s, w, end, endOffset, d);
        }
    }
}
