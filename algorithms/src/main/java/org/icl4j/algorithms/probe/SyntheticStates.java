package org.icl4j.algorithms.probe;

import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.Rng;

/**
 * Gaussian hidden states and targets planted in them: a known answer for checking that a probe (built-in or a
 * plugin's) recovers what is there and nothing more.
 */
public final class SyntheticStates {

    private SyntheticStates() {
    }

    /**
     * @param episodes N
     * @param tokens T
     * @param hidden H
     * @param seed seed
     * @return states with independent N(0, 1) entries
     */
    public static LayerStates gaussian(int episodes, int tokens, int hidden, long seed) {
        Rng random = new Rng(seed);
        float[] values = new float[episodes * tokens * hidden];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new LayerStates(episodes, tokens, hidden, values);
    }

    /**
     * The planted linear target {@code y_k = A_k h_{2k−1} + c_k} with A_k[j][h] = (j + 1)·(h − k)/H and c_k = k,
     * for k = 1 … K.
     *
     * @param states the states
     * @param prefixes K
     * @param dimension the target's dimension
     * @return the targets
     */
    public static PrefixTargets linearOfLastToken(LayerStates states, int prefixes, int dimension) {
        double[] values = new double[states.episodes() * prefixes * dimension];
        for (int i = 0; i < states.episodes(); i++) {
            for (int k = 1; k <= prefixes; k++) {
                int at = states.offset(i, 2 * k - 1);
                for (int j = 0; j < dimension; j++) {
                    double sum = k;
                    for (int h = 0; h < states.hidden(); h++) {
                        sum += (j + 1.0) * (h - k) / states.hidden() * states.values()[at + h];
                    }
                    values[(i * prefixes + k - 1) * dimension + j] = sum;
                }
            }
        }
        return new PrefixTargets("planted", states.episodes(), prefixes, dimension, values);
    }
}
