package org.icl4j.bench.djl;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;

/** Minimum-norm least squares w = X⁺y through EJML's pseudo-inverse (PAPER.md, "OLS"), the search's yardstick. */
final class MinimumNormLeastSquares implements Estimator {

    @Override
    public String name() {
        return "ols";
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        int n = episodes.length();
        int d = episodes.dimension();
        float[] predictions = new float[episodes.batch() * n];
        for (int b = 0; b < episodes.batch(); b++) {
            for (int k = 1; k < n; k++) {
                DMatrixRMaj x = new DMatrixRMaj(k, d);
                DMatrixRMaj y = new DMatrixRMaj(k, 1);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < d; j++) {
                        x.set(i, j, episodes.x(b, i, j));
                    }
                    y.set(i, 0, episodes.y(b, i));
                }
                DMatrixRMaj pseudoInverse = new DMatrixRMaj(d, k);
                CommonOps_DDRM.pinv(x, pseudoInverse);
                DMatrixRMaj w = new DMatrixRMaj(d, 1);
                CommonOps_DDRM.mult(pseudoInverse, y, w);
                double prediction = 0;
                for (int j = 0; j < d; j++) {
                    prediction += w.get(j, 0) * episodes.x(b, k, j);
                }
                predictions[b * n + k] = (float) prediction;
            }
        }
        return predictions;
    }
}
