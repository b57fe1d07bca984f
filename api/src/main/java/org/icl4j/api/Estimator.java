package org.icl4j.api;

/**
 * An in-context learning algorithm: given the pairs of an episode seen so far, it predicts the label of the
 * next input.
 *
 * <p>The single primitive is batched and causal: {@link #predictPrefixes} returns, for every episode {@code b}
 * and every position {@code k} (including {@code k = 0}), the prediction for {@code x[b,k]} made from pairs
 * {@code 0 … k-1} only. Changing pairs at positions {@code ≥ k} must not change prediction {@code k}
 * (causality), and episodes must not influence each other (batch independence). Reference algorithms,
 * trained transformers and compiled constructions all implement this interface, so every comparison treats
 * them alike.
 *
 * <p>Estimators that hold native resources release them in {@link #close()}.
 */
public interface Estimator extends AutoCloseable {

    /** @return the estimator's display name, normally its spec string, e.g. {@code ridge:lambda=0.25} */
    String name();

    /**
     * Predicts every prefix of every episode.
     *
     * @param episodes the episodes
     * @return predictions, shape [B, n]: entry {@code b*n + k} predicts {@code y[b,k]} from pairs {@code 0 … k-1}
     * @throws IllegalArgumentException when the episodes do not fit this estimator (dimension, length)
     */
    float[] predictPrefixes(EpisodeBatch episodes);

    /**
     * Predicts labels of query inputs against a fixed context: the first {@code contextPairs} pairs of each
     * episode. Derived from {@link #predictPrefixes}: each query is placed at position {@code contextPairs} of a
     * copy of its episode's context. Estimators with a cheaper route (e.g. explicit weights) override it.
     *
     * @param episodes episodes that supply the contexts; only pairs {@code 0 … contextPairs-1} are read
     * @param contextPairs number of context pairs k, 0 … n
     * @param queries query inputs, shape [B, m, d]
     * @param queriesPerEpisode m, at least 1
     * @return predictions, shape [B, m]
     */
    default float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        int batch = episodes.batch();
        int d = episodes.dimension();
        int m = queriesPerEpisode;
        if (contextPairs < 0 || contextPairs > episodes.length()) {
            throw new IllegalArgumentException(
                    "contextPairs must be in 0 … " + episodes.length() + ", found " + contextPairs);
        }
        if (m < 1 || queries.length != (long) batch * m * d) {
            throw new IllegalArgumentException("queries must have shape [" + batch + ", " + m + ", " + d
                    + "] (" + ((long) batch * m * d) + " values), found " + queries.length + " values");
        }
        int length = contextPairs + 1;
        float[] xs = new float[batch * m * length * d];
        float[] ys = new float[batch * m * length];
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < m; q++) {
                int episode = b * m + q;
                System.arraycopy(episodes.xs(), episodes.xOffset(b, 0), xs, episode * length * d, contextPairs * d);
                System.arraycopy(episodes.ys(), b * episodes.length(), ys, episode * length, contextPairs);
                System.arraycopy(queries, (b * m + q) * d, xs, (episode * length + contextPairs) * d, d);
            }
        }
        float[] predictions = predictPrefixes(EpisodeBatch.of(batch * m, length, d, xs, ys));
        float[] result = new float[batch * m];
        for (int i = 0; i < batch * m; i++) {
            result[i] = predictions[i * length + contextPairs];
        }
        return result;
    }

    /** Releases native resources, if any. The default holds none. */
    @Override
    default void close() {
    }
}
