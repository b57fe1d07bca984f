package org.icl4j.algorithms.estimator;

import static java.util.Objects.requireNonNull;

import org.icl4j.algorithms.EpisodeParallelism;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;

/**
 * Shared driver of the linear reference algorithms: each algorithm fits a chunk of episodes' prefixes
 * incrementally in {@link #fitEpisodes}, and this class runs that over the batch (in parallel over chunks of
 * episodes) for predictions, prefix weights and context weights alike.
 */
abstract class PrefixLinearEstimator implements LinearEstimator {

    private final String name;

    PrefixLinearEstimator(String name) {
        this.name = requireNonNull(name, "name is null");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * @param d input width
     * @return rough floating-point operations per pair, to decide whether a batch is worth splitting
     */
    abstract long workPerPair(int d);

    /**
     * Fits pairs {@code 0 … pairs-1} of episodes {@code from … to-1} (each episode has {@code n} pairs in
     * {@code xs}/{@code ys}). For every episode b and k = 0 … pairs-1, before consuming pair k it writes the
     * current weights w_k (fit on pairs {@code 0 … k-1}) to {@code weights[(b·n + k)·d …]} when {@code weights} is
     * not null, and the prediction {@code w_k·x_k} to {@code predictions[b·n + k]} when {@code predictions} is not
     * null. When {@code end} is not null, the weights fit on all {@code pairs} pairs go to {@code end[b·d …]};
     * otherwise the last pair need not be consumed. Scratch space is allocated once per call, never per prefix.
     */
    abstract void fitEpisodes(float[] xs, float[] ys, int n, int d, int from, int to, int pairs, float[] predictions,
            double[] weights, double[] end);

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        float[] xs = episodes.xs();
        float[] ys = episodes.ys();
        float[] predictions = new float[batch * n];
        EpisodeParallelism.forEachChunk(batch, n * workPerPair(d), EpisodeBlocks.LANES,
                (from, to) -> fitEpisodes(xs, ys, n, d, from, to, n, predictions, null, null));
        return predictions;
    }

    @Override
    public double[] prefixWeights(EpisodeBatch episodes) {
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        float[] xs = episodes.xs();
        float[] ys = episodes.ys();
        double[] weights = new double[batch * n * d];
        EpisodeParallelism.forEachChunk(batch, n * workPerPair(d), EpisodeBlocks.LANES,
                (from, to) -> fitEpisodes(xs, ys, n, d, from, to, n, null, weights, null));
        return weights;
    }

    /**
     * The weights fit on the first {@code contextPairs} pairs of every episode.
     *
     * @param episodes the episodes
     * @param contextPairs pairs to fit, 0 … n
     * @return weights, shape [B, d]
     */
    public double[] contextWeights(EpisodeBatch episodes, int contextPairs) {
        if (contextPairs < 0 || contextPairs > episodes.length()) {
            throw new IllegalArgumentException(
                    "contextPairs must be in 0 … " + episodes.length() + ", found " + contextPairs);
        }
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        float[] xs = episodes.xs();
        float[] ys = episodes.ys();
        double[] end = new double[batch * d];
        EpisodeParallelism.forEachChunk(batch, contextPairs * workPerPair(d), EpisodeBlocks.LANES,
                (from, to) -> fitEpisodes(xs, ys, n, d, from, to, contextPairs, null, null, end));
        return end;
    }

    /** Predicts queries with the explicit weights fit on the context: {@code ŷ = w·x′}. */
    @Override
    public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        QueryShapes.check(episodes, contextPairs, queries, queriesPerEpisode);
        double[] w = contextWeights(episodes, contextPairs);
        int d = episodes.dimension();
        int count = episodes.batch() * queriesPerEpisode;
        float[] out = new float[count];
        for (int q = 0; q < count; q++) {
            int b = q / queriesPerEpisode;
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += w[b * d + j] * queries[q * d + j];
            }
            out[q] = (float) sum;
        }
        return out;
    }
}
