package org.icl4j.transformer.construction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's constructions (Section 3, Appendices A–B) as programs over the token layout of docs/MODEL.md,
 * predicting every prefix at once: column 2i ends with the prediction for y_i from pairs 0 … i−1.
 *
 * <p>All three start with the same two steps, which put pair i−1 next to the query x_i: rows {@code xp} of
 * column 2i receive x_{i−1} (read two columns back, multiplied by {@link PositionFeature#HAS_PAIR} so that
 * column 0, which can only read itself, gets zero) and row {@code yp} receives y_{i−1} (one column back; column
 * 0 reads its own zero label row). Label columns end up with zero in both, so they never contribute.
 */
public final class LearningPrograms {

    private LearningPrograms() {
    }

    /**
     * One full-batch gradient step on the ridge objective from initial weights w₀ (Theorem 1, generalised from
     * one in-context example to every prefix), and the prediction w′·x_i:
     * {@code w′ = w₀ − 2α(Σ_{j<i} x_j (w₀·x_j − y_j) + λ w₀)}. With w₀ = 0 this is the paper's GD(α), w = 2αXᵀy
     * (docs/PAPER.md, Reference algorithms).
     *
     * <p>The chain (8 layers whatever d and n; O(d) rows): mov x_{i−1} (masked), mov y_{i−1}, aff w₀·x − y,
     * mul x(w₀·x − y), mov with a prefix mean (the paper's mov of the update to the query's column, here over
     * all earlier pairs), mul by (t+1)/P (mean → sum), aff w′, mul w′·x. Theorem 1's chain has the same shape
     * (mov, aff, aff, mul, aff, aff, aff, mov, mul); two of its affs are folded into one here, and its write of
     * w₀ is the bias of the w′ aff.
     *
     * @param dimension d
     * @param maxPairs longest episode (the prefix mean divides by t + 1 ≤ 2·maxPairs)
     * @param learningRate α
     * @param lambda λ ≥ 0
     * @param initialWeights w₀, [d]
     * @return the program
     */
    public static Program gradientDescent(int dimension, int maxPairs, double learningRate, double lambda,
            double[] initialWeights) {
        checkCommon(dimension, learningRate, lambda);
        if (initialWeights.length != dimension) {
            throw new IllegalArgumentException("initialWeights must have " + dimension + " entries, found "
                    + initialWeights.length);
        }
        Builder b = new Builder(dimension, true);
        int d = dimension;
        RowRange r = b.layout.allocate("residual", 1);
        RowRange g = b.layout.allocate("gradient", d);
        RowRange mean = b.layout.allocate("gradientMean", d);
        RowRange sum = b.layout.allocate("gradientSum", d);
        RowRange w = b.layout.allocate("w", d);
        RowRange prediction = b.layout.allocate("prediction", 1);
        int positions = 2 * maxPairs;

        b.pairRows();
        b.steps.add(new Aff(b.xp, new double[][] {initialWeights.clone()}, b.yp, new double[][] {{-1}}, null, r));
        b.steps.add(new Mul(d, 1, 1, b.xp, r, g));
        b.steps.add(new Mov(ColumnRead.PREFIX_MEAN, g, mean));
        b.steps.add(new Mul(d, 1, 1, mean, b.fraction, sum));
        double[] bias = new double[d];
        for (int j = 0; j < d; j++) {
            bias[j] = (1 - 2 * learningRate * lambda) * initialWeights[j];
        }
        b.steps.add(new Aff(sum, scaledIdentity(d, -2 * learningRate * positions), null, null, bias, w));
        b.steps.add(new Mul(1, d, 1, w, b.x, prediction));
        boolean zeroStart = Arrays.stream(initialWeights).allMatch(value -> value == 0);
        return b.build("gd:lr=" + learningRate + ",lambda=" + lambda + (zeroStart ? "" : ",initialWeights=given"),
                maxPairs, prediction);
    }

    /**
     * One online pass of SGD from w = 0 over the first pairs (Theorem 1 repeated, Appendix A "Generalizing to
     * multiple steps"): for each pair in order {@code w ← w − 2α(x (w·x − y) + λ w)}, then the prediction w·x_i.
     *
     * <p>Step s (of k) moves every column's w two columns on, from the previous x token, and applies the pair
     * sitting there; after k steps column 2i holds SGD over pairs 0 … i−1 exactly for every i ≤ k (a longer
     * episode would see only its last k pairs), so the program serves episodes of up to k + 1 pairs. Layers:
     * 5k + 3; rows O(d).
     *
     * @param dimension d
     * @param steps k, the number of context pairs, at least 1
     * @param learningRate α
     * @param lambda λ ≥ 0
     * @return the program, with maxPairs = k + 1
     */
    public static Program onlineSgd(int dimension, int steps, double learningRate, double lambda) {
        checkCommon(dimension, learningRate, lambda);
        checkSteps(steps);
        int d = dimension;
        Builder b = new Builder(dimension, false);
        RowRange w = b.layout.allocate("w", d);
        RowRange r = b.layout.allocate("residual", 1);
        RowRange g = b.layout.allocate("gradient", d);
        RowRange prediction = b.layout.allocate("prediction", 1);

        b.pairRows();
        for (int s = 0; s < steps; s++) {
            b.steps.add(new Mov(ColumnRead.back(2), w, w));
            b.steps.add(new Mul(1, d, 1, w, b.xp, r));
            b.steps.add(new Aff(r, new double[][] {{1}}, b.yp, new double[][] {{-1}}, null, r));
            b.steps.add(new Mul(d, 1, 1, b.xp, r, g));
            b.steps.add(new Aff(w, scaledIdentity(d, 1 - 2 * learningRate * lambda), g,
                    scaledIdentity(d, -2 * learningRate), null, w));
        }
        b.steps.add(new Mul(1, d, 1, w, b.x, prediction));
        return b.build("sgd:lr=" + learningRate + ",lambda=" + lambda + ",steps=" + steps, steps + 1, prediction);
    }

    /**
     * Ridge regression {@code w = (XᵀX + λI)⁻¹ Xᵀy} by Sherman–Morrison updates (Theorem 2, Appendix B): from
     * A⁻¹ = I/λ and b = 0, each pair (x, y) applies
     * {@code A⁻¹ ← A⁻¹ − (A⁻¹x)(xᵀA⁻¹) / (1 + xᵀA⁻¹x)} and {@code b ← b + y x}; then w = A⁻¹b and the
     * prediction w·x_i.
     *
     * <p>Per update 9 layers (mov of A⁻¹ and b, mul A⁻¹u, mul vᵀA⁻¹, mul outer product, mul vᵀA⁻¹u, aff 1 + …,
     * div, aff A⁻¹ − …, aff b + y x), the steps of Theorem 2's 14-primitive chain that depend on the pair; the
     * others (mov x, mul x y, aff A⁻¹ = I/λ, and the final mul A⁻¹b, mul w·x) run once. Layers: 9k + 6; rows
     * O(d²). As for SGD, column 2i is exact for every i ≤ k, so the program serves episodes of up to k + 1 pairs.
     *
     * @param dimension d
     * @param steps k, the number of context pairs, at least 1
     * @param lambda λ > 0
     * @return the program, with maxPairs = k + 1
     */
    public static Program ridge(int dimension, int steps, double lambda) {
        if (!(lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("lambda must be > 0 and finite for Sherman–Morrison ridge (A⁻¹ starts "
                    + "at I/λ), found " + lambda);
        }
        checkCommon(dimension, 1, lambda);
        checkSteps(steps);
        int d = dimension;
        Builder b = new Builder(dimension, false);
        RowRange moment = b.layout.allocate("labelledInput", d);
        RowRange state = b.layout.allocate("state", d * d + d);
        RowRange inverse = state.slice("inverse", 0, d * d);
        RowRange vector = state.slice("moment", d * d, d);
        RowRange u = b.layout.allocate("inverseTimesX", d);
        RowRange v = b.layout.allocate("xTimesInverse", d);
        RowRange outer = b.layout.allocate("outer", d * d);
        RowRange denominator = b.layout.allocate("denominator", 1);
        RowRange correction = b.layout.allocate("correction", d * d);
        RowRange w = b.layout.allocate("w", d);
        RowRange prediction = b.layout.allocate("prediction", 1);

        b.pairRows();
        b.steps.add(new Mul(d, 1, 1, b.xp, b.yp, moment));
        double[] start = new double[d * d];
        for (int j = 0; j < d; j++) {
            start[j * d + j] = 1 / lambda;
        }
        b.steps.add(new Aff(null, null, null, null, start, inverse));
        for (int s = 0; s < steps; s++) {
            b.steps.add(new Mov(ColumnRead.back(2), state, state));
            b.steps.add(new Mul(d, d, 1, inverse, b.xp, u));
            b.steps.add(new Mul(1, d, d, b.xp, inverse, v));
            b.steps.add(new Mul(d, 1, d, u, v, outer));
            b.steps.add(new Mul(1, d, 1, b.xp, u, denominator));
            b.steps.add(new Aff(denominator, new double[][] {{1}}, null, null, new double[] {1}, denominator));
            b.steps.add(new Div(outer, denominator, correction));
            b.steps.add(new Aff(inverse, scaledIdentity(d * d, 1), correction, scaledIdentity(d * d, -1), null,
                    inverse));
            b.steps.add(new Aff(vector, scaledIdentity(d, 1), moment, scaledIdentity(d, 1), null, vector));
        }
        b.steps.add(new Mul(d, d, 1, inverse, vector, w));
        b.steps.add(new Mul(1, d, 1, w, b.x, prediction));
        return b.build("ridge:lambda=" + lambda + ",steps=" + steps, steps + 1, prediction);
    }

    private static void checkCommon(int dimension, double learningRate, double lambda) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, found " + dimension);
        }
        if (!Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite, found " + learningRate);
        }
        if (!(lambda >= 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("lambda must be >= 0 and finite, found " + lambda);
        }
    }

    private static void checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps (context pairs k) must be >= 1, found " + steps);
        }
    }

    static double[][] scaledIdentity(int size, double scale) {
        double[][] result = new double[size][size];
        for (int i = 0; i < size; i++) {
            result[i][i] = scale;
        }
        return result;
    }

    /** Shared layout: the token rows, the position features and the previous pair's rows. */
    private static final class Builder {
        final RowLayout layout = new RowLayout();
        final List<Primitive> steps = new ArrayList<>();
        final Map<PositionFeature, RowRange> features = new EnumMap<>(PositionFeature.class);
        final int dimension;
        final RowRange x;
        final RowRange y;
        final RowRange hasPair;
        final RowRange fraction;
        final RowRange xp;
        final RowRange yp;

        Builder(int dimension, boolean withFraction) {
            this.dimension = dimension;
            y = layout.allocate("y", 1);
            x = layout.allocate("x", dimension);
            hasPair = layout.allocate("hasPair", 1);
            features.put(PositionFeature.HAS_PAIR, hasPair);
            if (withFraction) {
                fraction = layout.allocate("prefixFraction", 1);
                features.put(PositionFeature.PREFIX_FRACTION, fraction);
            } else {
                fraction = null;
            }
            xp = layout.allocate("previousX", dimension);
            yp = layout.allocate("previousY", 1);
        }

        /** x_{i−1} ⊙ hasPair and y_{i−1} into column 2i: a RAW ⊙ (the paper's "mov x", masked) and a mov. */
        void pairRows() {
            double[][] ones = new double[dimension][1];
            for (double[] row : ones) {
                row[0] = 1;
            }
            steps.add(new Raw("raw", Raw.Operation.MULTIPLY, ColumnRead.back(2), x, scaledIdentity(dimension, 1),
                    hasPair, ones, scaledIdentity(dimension, 1), null, xp));
            steps.add(new Mov(ColumnRead.back(1), y, yp));
        }

        Program build(String name, int maxPairs, RowRange prediction) {
            return new Program(name, dimension, maxPairs, layout.rows(), x, y, features, steps, prediction,
                    layout.ranges());
        }
    }
}
