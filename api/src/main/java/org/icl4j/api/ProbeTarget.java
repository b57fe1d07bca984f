package org.icl4j.api;

/**
 * A quantity that a probe tries to read out of a model's hidden states after the first k pairs of an episode,
 * such as the moment vector Xᵀy or the least-squares weights of those k pairs (Akyürek et al., Fig. 4 and 5). If a
 * probe decodes it from a layer, that layer has computed it (or something it can be read back from).
 *
 * <p>Plugins contribute targets through {@link Plugin#probeTargets()}, e.g. the Lasso weights or a posterior
 * mean. Values follow the prefix convention of {@link LinearEstimator#prefixWeights}: entry {@code [b,k,:]} is
 * computed from pairs {@code 0 … k-1} of episode b only.
 */
public interface ProbeTarget {

    /** @return the spec name, e.g. {@code xty} */
    String name();

    /**
     * @param inputDimension the episodes' input width d
     * @return the number of values per episode and prefix, at least 1 (d for a weight vector)
     */
    int dimension(int inputDimension);

    /**
     * Computes the target for every prefix of every episode.
     *
     * @param episodes the episodes
     * @return values, shape [B, n, dimension(d)]: entry {@code [b,k,:]} from pairs {@code 0 … k-1} of episode b
     * @throws IllegalArgumentException when the episodes lack what the target needs (e.g. true weights)
     */
    double[] prefixValues(EpisodeBatch episodes);
}
