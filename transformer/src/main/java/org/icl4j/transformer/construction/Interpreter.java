package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Runs a {@link Program} exactly, in double precision: the reference semantics that every compiled layer is
 * checked against.
 */
public final class Interpreter {

    private Interpreter() {
    }

    /**
     * The hidden-state matrix before the first primitive (see {@link Program} for the layout).
     *
     * @param program the program
     * @param xs inputs, [n][d], n at most {@code maxPairs}
     * @param ys labels, [n] (the last is never read, as in docs/MODEL.md)
     * @return H, [rows][2n − 1]
     */
    public static double[][] initialState(Program program, double[][] xs, double[] ys) {
        requireNonNull(xs, "xs is null");
        requireNonNull(ys, "ys is null");
        int n = xs.length;
        if (n < 1 || n > program.maxPairs() || ys.length != n) {
            throw new IllegalArgumentException("program " + program.name() + " reads 1 … " + program.maxPairs()
                    + " pairs with one label each, found " + n + " inputs and " + ys.length + " labels");
        }
        int columns = 2 * n - 1;
        double[][] h = new double[program.rows()][columns];
        for (int i = 0; i < n; i++) {
            if (xs[i].length != program.dimension()) {
                throw new IllegalArgumentException("program " + program.name() + " reads inputs of dimension "
                        + program.dimension() + ", found " + xs[i].length + " at pair " + i);
            }
            for (int j = 0; j < program.dimension(); j++) {
                h[program.x().row(j)][2 * i] = xs[i][j];
            }
            if (2 * i + 1 < columns) {
                h[program.y().start()][2 * i + 1] = ys[i];
            }
        }
        for (Map.Entry<PositionFeature, RowRange> feature : program.features().entrySet()) {
            for (int t = 0; t < columns; t++) {
                h[feature.getValue().start()][t] = feature.getKey().value(t, program.positions());
            }
        }
        return h;
    }

    /**
     * Applies every step of the program.
     *
     * @param program the program
     * @param xs inputs [n][d]
     * @param ys labels [n]
     * @return the hidden states, [steps + 1][rows][2n − 1]: entry 0 the initial state, entry l after step l
     */
    public static double[][][] trace(Program program, double[][] xs, double[] ys) {
        double[][][] states = new double[program.steps().size() + 1][][];
        states[0] = initialState(program, xs, ys);
        for (int l = 0; l < program.steps().size(); l++) {
            states[l + 1] = apply(program.steps().get(l), states[l]);
        }
        return states;
    }

    /**
     * @param program the program
     * @param xs inputs [n][d]
     * @param ys labels [n]
     * @return the prediction for every y_i from pairs 0 … i−1, [n]
     */
    public static double[] predictions(Program program, double[][] xs, double[] ys) {
        double[][][] states = trace(program, xs, ys);
        double[][] last = states[states.length - 1];
        double[] result = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            result[i] = last[program.prediction().start()][2 * i];
        }
        return result;
    }

    /**
     * Applies one primitive to every column.
     *
     * @param step the primitive
     * @param h the hidden state [rows][columns]; not changed
     * @return the new hidden state
     */
    public static double[][] apply(Primitive step, double[][] h) {
        double[][] result = new double[h.length][];
        for (int r = 0; r < h.length; r++) {
            result[r] = h[r].clone();
        }
        int columns = h[0].length;
        if (step instanceof Div div) {
            for (int t = 0; t < columns; t++) {
                double divisor = Math.abs(h[div.divisor().start()][t]);
                for (int i = 0; i < div.to().size(); i++) {
                    result[div.to().row(i)][t] = h[div.numerator().row(i)][t] / divisor;
                }
            }
            return result;
        }
        Raw raw = ((RawForm) step).toRaw();
        int m = raw.terms();
        for (int t = 0; t < columns; t++) {
            double[] a = raw.readRows() == null ? new double[m] : multiply(raw.readWeights(), read(raw, h, t));
            double[] b = raw.selfRows() == null ? new double[m] : multiply(raw.selfWeights(), rows(h, raw.selfRows(), t));
            double[] e = new double[m];
            for (int k = 0; k < m; k++) {
                e[k] = raw.operation() == Raw.Operation.ADD ? a[k] + b[k] : a[k] * b[k];
            }
            double[] out = multiply(raw.outputWeights(), e);
            for (int i = 0; i < out.length; i++) {
                result[raw.writeRows().row(i)][t] = out[i] + raw.bias()[i];
            }
        }
        return result;
    }

    static double[] read(Raw raw, double[][] h, int t) {
        if (!raw.read().prefixMean()) {
            return rows(h, raw.readRows(), raw.read().source(t));
        }
        double[] mean = new double[raw.readRows().size()];
        for (int u = 0; u <= t; u++) {
            double[] values = rows(h, raw.readRows(), u);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += values[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= t + 1;
        }
        return mean;
    }

    static double[] rows(double[][] h, RowRange range, int column) {
        double[] values = new double[range.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = h[range.row(i)][column];
        }
        return values;
    }

    static double[] multiply(double[][] matrix, double[] vector) {
        double[] out = new double[matrix.length];
        for (int r = 0; r < matrix.length; r++) {
            double sum = 0;
            for (int c = 0; c < vector.length; c++) {
                sum += matrix[r][c] * vector[c];
            }
            out[r] = sum;
        }
        return out;
    }
}
