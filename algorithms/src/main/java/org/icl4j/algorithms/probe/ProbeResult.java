package org.icl4j.algorithms.probe;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Held-out scores of one probe kind on one model: for every target and layer (0 = embedding, L = last block),
 * a {@link ProbeScore} over prefixes k = 1 … K.
 *
 * @param model the model's name
 * @param probe the probe's name
 * @param layers number of layers probed, L + 1
 * @param prefixes K
 * @param targets one entry per target, in the order requested
 */
public record ProbeResult(String model, String probe, int layers, int prefixes, List<TargetScores> targets) {

    /**
     * One target's scores.
     *
     * @param target the target's name
     * @param dimension values per prefix
     * @param byLayer one score per layer
     */
    public record TargetScores(String target, int dimension, List<ProbeScore> byLayer) {
        /** Copies the list. */
        public TargetScores {
            requireNonNull(target, "target is null");
            byLayer = List.copyOf(byLayer);
        }

        /**
         * @param pairs the prefix k
         * @param threshold a normalised error, e.g. 0.1
         * @return the first layer whose normalised error at k is below the threshold, or −1 when none is
         */
        public int firstLayerBelow(int pairs, double threshold) {
            for (int layer = 0; layer < byLayer.size(); layer++) {
                if (byLayer.get(layer).normalised(pairs) < threshold) {
                    return layer;
                }
            }
            return -1;
        }
    }

    /** Copies the list and checks the shapes agree. */
    public ProbeResult {
        requireNonNull(model, "model is null");
        requireNonNull(probe, "probe is null");
        targets = List.copyOf(targets);
        for (TargetScores scores : targets) {
            if (scores.byLayer().size() != layers) {
                throw new IllegalArgumentException("target '" + scores.target() + "' has scores for "
                        + scores.byLayer().size() + " layers, expected " + layers);
            }
        }
    }
}
