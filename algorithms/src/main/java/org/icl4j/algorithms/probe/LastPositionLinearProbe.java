package org.icl4j.algorithms.probe;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.TrainedProbe;

/**
 * The simple probe (spec name {@value #NAME}): an affine map from the hidden state of the last token of prefix k
 * (token 2k − 1, where y_{k−1} was read) to the target, fit in closed form by ridge regression on centred
 * features, {@code B = (ZᵀZ + λI)⁻¹ZᵀY} with λ = {@value #RELATIVE_RIDGE} · trace(ZᵀZ)/H: small enough to be least
 * squares on full-rank features, large enough to keep the solve defined when H exceeds the episodes.
 */
public final class LastPositionLinearProbe implements ProbeTrainer {

    /** The spec name. */
    public static final String NAME = "last-linear";

    /** Ridge λ relative to the mean eigenvalue of ZᵀZ. */
    static final double RELATIVE_RIDGE = 1e-8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainedProbe train(LayerStates states, PrefixTargets targets) {
        ProbeTrainer.checkMatch(states, targets);
        int prefixes = targets.prefixes();
        int hidden = states.hidden();
        int dimension = targets.dimension();
        int episodes = states.episodes();
        double[][] featureMeans = new double[prefixes][hidden];
        double[][] targetMeans = new double[prefixes][dimension];
        DMatrixRMaj[] maps = new DMatrixRMaj[prefixes];
        for (int k = 1; k <= prefixes; k++) {
            int token = LayerStates.tokensOfPrefix(k) - 1;
            double[] zMean = featureMeans[k - 1];
            double[] yMean = targetMeans[k - 1];
            for (int i = 0; i < episodes; i++) {
                int at = states.offset(i, token);
                for (int h = 0; h < hidden; h++) {
                    zMean[h] += states.values()[at + h] / (double) episodes;
                }
                int y = targets.offset(i, k);
                for (int j = 0; j < dimension; j++) {
                    yMean[j] += targets.values()[y + j] / episodes;
                }
            }
            DMatrixRMaj z = new DMatrixRMaj(episodes, hidden);
            DMatrixRMaj y = new DMatrixRMaj(episodes, dimension);
            for (int i = 0; i < episodes; i++) {
                int at = states.offset(i, token);
                for (int h = 0; h < hidden; h++) {
                    z.set(i, h, states.values()[at + h] - zMean[h]);
                }
                int t = targets.offset(i, k);
                for (int j = 0; j < dimension; j++) {
                    y.set(i, j, targets.values()[t + j] - yMean[j]);
                }
            }
            DMatrixRMaj gram = new DMatrixRMaj(hidden, hidden);
            CommonOps_DDRM.multInner(z, gram);
            double lambda = RELATIVE_RIDGE * Math.max(CommonOps_DDRM.trace(gram) / hidden, Double.MIN_NORMAL);
            for (int h = 0; h < hidden; h++) {
                gram.add(h, h, lambda);
            }
            DMatrixRMaj moments = new DMatrixRMaj(hidden, dimension);
            CommonOps_DDRM.multTransA(z, y, moments);
            DMatrixRMaj map = new DMatrixRMaj(hidden, dimension);
            if (!CommonOps_DDRM.solveSPD(gram, moments, map)) {
                throw new IllegalStateException("the ridge system of prefix k = " + k + " is not positive definite "
                        + "(non-finite hidden states?)");
            }
            maps[k - 1] = map;
        }
        return new Trained(featureMeans, targetMeans, maps);
    }

    private record Trained(double[][] featureMeans, double[][] targetMeans, DMatrixRMaj[] maps) implements TrainedProbe {

        @Override
        public int prefixes() {
            return maps.length;
        }

        @Override
        public int dimension() {
            return targetMeans[0].length;
        }

        @Override
        public double[] predict(LayerStates states) {
            int hidden = featureMeans[0].length;
            if (states.hidden() != hidden || states.prefixes() < prefixes()) {
                throw new IllegalArgumentException("the probe reads " + hidden + "-wide states of at least "
                        + LayerStates.tokensOfPrefix(prefixes()) + " tokens, found width " + states.hidden() + " and "
                        + states.tokens() + " tokens");
            }
            int dimension = dimension();
            double[] out = new double[states.episodes() * prefixes() * dimension];
            for (int i = 0; i < states.episodes(); i++) {
                for (int k = 1; k <= prefixes(); k++) {
                    int at = states.offset(i, LayerStates.tokensOfPrefix(k) - 1);
                    DMatrixRMaj map = maps[k - 1];
                    int row = (i * prefixes() + k - 1) * dimension;
                    for (int j = 0; j < dimension; j++) {
                        double sum = targetMeans[k - 1][j];
                        for (int h = 0; h < hidden; h++) {
                            sum += (states.values()[at + h] - featureMeans[k - 1][h]) * map.get(h, j);
                        }
                        out[row + j] = sum;
                    }
                }
            }
            return out;
        }
    }
}
