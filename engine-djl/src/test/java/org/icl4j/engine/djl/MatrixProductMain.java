package org.icl4j.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The child JVM of {@link MklDispatchTest}: multiplies two 96 × 80 and 80 × 72 matrices of small multiples of 1/4 on
 * PyTorch (one MKL SGEMM) and prints the product's entries, one per line after "= ". Every entry and every partial sum is a
 * multiple of 1/16 below 2^12, so any correct float32 kernel gives the exact product whatever its order of sums.
 */
final class MatrixProductMain {

    static final int ROWS = 96;
    static final int INNER = 80;
    static final int COLUMNS = 72;

    private MatrixProductMain() {
    }

    /** Entry (i, k) of the left factor. */
    static int left(int i, int k) {
        return (i * 7 + k * 3) % 11 - 5;
    }

    /** Entry (k, j) of the right factor. */
    static int right(int k, int j) {
        return (k * 5 + j * 2) % 9 - 4;
    }

    public static void main(String[] args) {
        float[] a = new float[ROWS * INNER];
        float[] b = new float[INNER * COLUMNS];
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < INNER; k++) {
                a[i * INNER + k] = left(i, k) / 4f;
            }
        }
        for (int k = 0; k < INNER; k++) {
            for (int j = 0; j < COLUMNS; j++) {
                b[k * COLUMNS + j] = right(k, j) / 4f;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray product = manager.create(a, new Shape(ROWS, INNER)).matMul(manager.create(b, new Shape(INNER,
                    COLUMNS)));
            StringBuilder out = new StringBuilder();
            for (float value : product.toFloatArray()) {
                out.append("= ").append(value).append('\n');
            }
            System.out.print(out);
        }
    }
}
