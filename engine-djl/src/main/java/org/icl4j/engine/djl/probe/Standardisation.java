package org.icl4j.engine.djl.probe;

import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;

/**
 * Per-column mean and standard deviation from training data, applied as {@code (v − mean)/scale}; a column that
 * does not vary keeps scale 1, so it maps to 0 rather than dividing by zero.
 */
final class Standardisation {

    private final double[] mean;
    private final double[] scale;
    private final int tokens;

    private Standardisation(double[] mean, double[] scale, int tokens) {
        this.mean = mean;
        this.scale = scale;
        this.tokens = tokens;
    }

    /** Per hidden unit, over every episode and the first {@code tokens} tokens. */
    static Standardisation ofFeatures(LayerStates states, int tokens) {
        int hidden = states.hidden();
        double[] sum = new double[hidden];
        double[] squares = new double[hidden];
        for (int i = 0; i < states.episodes(); i++) {
            for (int t = 0; t < tokens; t++) {
                int at = states.offset(i, t);
                for (int h = 0; h < hidden; h++) {
                    double v = states.values()[at + h];
                    sum[h] += v;
                    squares[h] += v * v;
                }
            }
        }
        return of(sum, squares, (long) states.episodes() * tokens, tokens);
    }

    /** Per prefix and component, over every episode. */
    static Standardisation ofTargets(PrefixTargets targets) {
        int columns = targets.prefixes() * targets.dimension();
        double[] sum = new double[columns];
        double[] squares = new double[columns];
        for (int i = 0; i < targets.episodes(); i++) {
            for (int c = 0; c < columns; c++) {
                double v = targets.values()[i * columns + c];
                sum[c] += v;
                squares[c] += v * v;
            }
        }
        return of(sum, squares, targets.episodes(), 0);
    }

    private static Standardisation of(double[] sum, double[] squares, long count, int tokens) {
        double[] mean = new double[sum.length];
        double[] scale = new double[sum.length];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = sum[c] / count;
            double variance = Math.max(0, squares[c] / count - mean[c] * mean[c]);
            scale[c] = variance > 1e-24 ? Math.sqrt(variance) : 1.0;
        }
        return new Standardisation(mean, scale, tokens);
    }

    /** @return the standardised first tokens of every episode, [N, tokens, H] */
    float[] apply(LayerStates states) {
        int hidden = states.hidden();
        float[] out = new float[states.episodes() * tokens * hidden];
        for (int i = 0; i < states.episodes(); i++) {
            for (int t = 0; t < tokens; t++) {
                int at = states.offset(i, t);
                int to = (i * tokens + t) * hidden;
                for (int h = 0; h < hidden; h++) {
                    out[to + h] = (float) ((states.values()[at + h] - mean[h]) / scale[h]);
                }
            }
        }
        return out;
    }

    /** @return the standardised targets rearranged by prefix, [K, N, dimension] */
    float[] targetsByPrefix(PrefixTargets targets) {
        int n = targets.episodes();
        int dimension = targets.dimension();
        float[] out = new float[targets.values().length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < targets.prefixes(); k++) {
                for (int j = 0; j < dimension; j++) {
                    int c = k * dimension + j;
                    out[(k * n + i) * dimension + j] =
                            (float) ((targets.values()[i * mean.length + c] - mean[c]) / scale[c]);
                }
            }
        }
        return out;
    }

    /** @return a standardised value of column {@code column} on its original scale */
    double restore(int column, double value) {
        return mean[column] + scale[column] * value;
    }
}
