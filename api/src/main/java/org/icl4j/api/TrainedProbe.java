package org.icl4j.api;

/** Probes trained by a {@link ProbeTrainer}, one per prefix k = 1 … K. Native ones release memory in close. */
public interface TrainedProbe extends AutoCloseable {

    /** @return K, the number of prefixes probed */
    int prefixes();

    /** @return the target's dimension */
    int dimension();

    /**
     * Predicts the target of every prefix.
     *
     * @param states hidden states of the same width as in training, holding at least the tokens of prefix K
     * @return predictions, shape [N, K, dimension] as in {@link PrefixTargets#values()}
     */
    double[] predict(LayerStates states);

    /** Releases native memory, if any. The default holds none. */
    @Override
    default void close() {
    }
}
