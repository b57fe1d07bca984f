package org.icl4j.algorithms;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The minimum-norm least-squares solution {@code w = X⁺y} of a few rows stored as floats, by EJML's SVD
 * pseudo-inverse (singular values below EJML's default relative tolerance count as zero). The fallback of the
 * incremental solvers when their rows are numerically dependent.
 */
public final class MinimumNormSolution {

    private MinimumNormSolution() {
    }

    /**
     * @param xs rows of width d, row i at {@code xs[xOffset + i·d …]}
     * @param xOffset where row 0 starts
     * @param ys labels, label i at {@code ys[yOffset + i]}
     * @param yOffset where label 0 starts
     * @param rows the number of rows, at least 1
     * @param d the row width
     * @param out receives w, d values from index 0
     */
    public static void solve(float[] xs, int xOffset, float[] ys, int yOffset, int rows, int d, double[] out) {
        DMatrixRMaj design = new DMatrixRMaj(rows, d);
        DMatrixRMaj labels = new DMatrixRMaj(rows, 1);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                design.set(i, j, xs[xOffset + i * d + j]);
            }
            labels.set(i, 0, ys[yOffset + i]);
        }
        DMatrixRMaj pseudoInverse = new DMatrixRMaj(d, rows);
        CommonOps_DDRM.pinv(design, pseudoInverse);
        DMatrixRMaj solution = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(pseudoInverse, labels, solution);
        for (int j = 0; j < d; j++) {
            out[j] = solution.get(j, 0);
        }
    }
}
