package org.icl4j.algorithms.estimator;

/**
 * Predicts 0 for every input, whatever the context: the baseline every algorithm matches at k = 0 (docs/PAPER.md,
 * Reference algorithms: "Zero examples"). Its weights are 0.
 */
public final class ZeroEstimator extends PerEpisodeLinearEstimator {

    /** The spec name. */
    public static final String NAME = "zero";

    /** Creates the estimator named {@code zero}. */
    public ZeroEstimator() {
        this(NAME);
    }

    /** @param name display name, normally the spec string */
    public ZeroEstimator(String name) {
        super(name);
    }

    @Override
    int scratchSize(int d) {
        return 0;
    }

    @Override
    long workPerPair(int d) {
        return d;
    }

    @Override
    void fitEpisode(float[] xs, int xOffset, float[] ys, int yOffset, int pairs, int d, double[] s,
            float[] predictions, int predictionsOffset, double[] weights, int weightsOffset, double[] end, int endOffset) {
        // Output arrays are freshly allocated (all zeros), so there is nothing to write.
    }
}
