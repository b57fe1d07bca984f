package org.icl4j.algorithms.estimator;

/**
 * A linear estimator whose fit runs one episode at a time with a small scratch array (O(d) or O(d²) per pair),
 * for the algorithms whose cost is not worth a blocked kernel.
 */
abstract class PerEpisodeLinearEstimator extends PrefixLinearEstimator {

    PerEpisodeLinearEstimator(String name) {
        super(name);
    }

    /**
     * @param d input width
     * @return the number of doubles {@link #fitEpisode} needs as scratch space
     */
    abstract int scratchSize(int d);

    /**
     * Fits one episode as {@link #fitEpisodes} describes, with the episode's offsets into every array.
     */
    abstract void fitEpisode(float[] xs, int xOffset, float[] ys, int yOffset, int pairs, int d, double[] scratch,
            float[] predictions, int predictionsOffset, double[] weights, int weightsOffset, double[] end, int endOffset);

    @Override
    final void fitEpisodes(float[] xs, float[] ys, int n, int d, int from, int to, int pairs, float[] predictions,
            double[] weights, double[] end) {
        double[] scratch = new double[scratchSize(d)];
        for (int b = from; b < to; b++) {
            fitEpisode(xs, b * n * d, ys, b * n, pairs, d, scratch, predictions, b * n, weights, b * n * d, end, b * d);
        }
    }
}
