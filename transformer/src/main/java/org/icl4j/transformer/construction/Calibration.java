package org.icl4j.transformer.construction;

import java.util.Arrays;
import org.icl4j.api.Rng;

/**
 * The typical size of every product's operands, measured by running the program exactly on a few episodes of
 * the task the paper studies (x ~ N(0, I_d), w ~ N(0, I_d), y = w·x, docs/PAPER.md "Tasks"). The compiler scales each
 * operand of the GeLU multiplication by {@code ε / max|operand|}, so that the knob p means the same for a
 * label-sized number and for an entry of (XᵀX + λI)⁻¹ (Lemma 4 is accurate only for small inputs, and in
 * float32 only for inputs not too small).
 */
final class Calibration {

    /** Episodes run; their maxima decide the scales. */
    static final int EPISODES = 8;

    /** The seed of the calibration episodes, so that compiling is deterministic. */
    static final long SEED = 20230101L;

    /** Scales of the left and right operands of every product, per step (null for steps without products). */
    private final double[][] left;
    private final double[][] right;

    private Calibration(double[][] left, double[][] right) {
        this.left = left;
        this.right = right;
    }

    /**
     * @param program the program
     * @return the largest |operand| of every product over the calibration episodes (1 where always zero)
     */
    static Calibration of(Program program) {
        int steps = program.steps().size();
        double[][] left = new double[steps][];
        double[][] right = new double[steps][];
        Rng random = new Rng(SEED);
        int d = program.dimension();
        for (int e = 0; e < EPISODES; e++) {
            int n = program.maxPairs();
            double[][] xs = new double[n][d];
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = random.nextGaussian();
            }
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    xs[i][j] = random.nextGaussian();
                    ys[i] += w[j] * xs[i][j];
                }
            }
            double[][][] states = Interpreter.trace(program, xs, ys);
            for (int l = 0; l < steps; l++) {
                if (!(program.steps().get(l) instanceof RawForm form)) {
                    continue;
                }
                Raw raw = form.toRaw();
                if (raw.operation() != Raw.Operation.MULTIPLY) {
                    continue;
                }
                if (left[l] == null) {
                    left[l] = new double[raw.terms()];
                    right[l] = new double[raw.terms()];
                }
                double[][] h = states[l];
                for (int t = 0; t < h[0].length; t++) {
                    double[] a = Interpreter.multiply(raw.readWeights(), Interpreter.read(raw, h, t));
                    double[] b = Interpreter.multiply(raw.selfWeights(), Interpreter.rows(h, raw.selfRows(), t));
                    for (int k = 0; k < a.length; k++) {
                        left[l][k] = Math.max(left[l][k], Math.abs(a[k]));
                        right[l][k] = Math.max(right[l][k], Math.abs(b[k]));
                    }
                }
            }
        }
        for (int l = 0; l < steps; l++) {
            if (left[l] != null) {
                replaceZeros(left[l]);
                replaceZeros(right[l]);
            }
        }
        return new Calibration(left, right);
    }

    private static void replaceZeros(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 1e-12)) {
                values[i] = 1;
            }
        }
    }

    /**
     * @param step a step with products
     * @return the size of each product's left operand
     */
    double[] left(int step) {
        return Arrays.copyOf(left[step], left[step].length);
    }

    /**
     * @param step a step with products
     * @return the size of each product's right operand
     */
    double[] right(int step) {
        return Arrays.copyOf(right[step], right[step].length);
    }
}
