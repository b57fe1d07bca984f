package org.icl4j.api;

/**
 * An estimator whose prediction is linear in the query: {@code ŷ = w·x} with weights fit on the context. It
 * exposes those weights exactly, so metrics such as ILWD use them instead of a fitted implicit weight vector.
 */
public interface LinearEstimator extends Estimator {

    /**
     * The weights fit on every prefix.
     *
     * @param episodes the episodes
     * @return weights, shape [B, n, d]: entry {@code [b,k,:]} is fit on pairs {@code 0 … k-1} (zero for k = 0
     *     unless the algorithm starts elsewhere)
     */
    double[] prefixWeights(EpisodeBatch episodes);

    /** Predictions are {@code w[b,k]·x[b,k]}. */
    @Override
    default float[] predictPrefixes(EpisodeBatch episodes) {
        double[] w = prefixWeights(episodes);
        int d = episodes.dimension();
        int rows = episodes.batch() * episodes.length();
        float[] xs = episodes.xs();
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += w[r * d + j] * xs[r * d + j];
            }
            out[r] = (float) sum;
        }
        return out;
    }
}
