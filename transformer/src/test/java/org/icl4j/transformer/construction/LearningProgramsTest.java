package org.icl4j.transformer.construction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icl4j.api.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpreter's result of each program equals the reference algorithm written out independently here (a
 * closed form, the SGD recursion, or EJML's solver), on random episodes, for every prefix.
 */
class LearningProgramsTest {

    /** The decomposition is exact; only double rounding separates the two computations. */
    private static final double TOLERANCE = 1e-9;

    static double[][] inputs(Rng random, int n, int d) {
        double[][] xs = new double[n][d];
        for (double[] x : xs) {
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian();
            }
        }
        return xs;
    }

    static double[] labels(Rng random, double[][] xs) {
        int d = xs[0].length;
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = random.nextGaussian();
        }
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = dot(w, xs[i]) + 0.1 * random.nextGaussian();
        }
        return ys;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8})
    void oneGradientStepFromZeroIsTwoAlphaXTransposeY(int d) {
        Rng random = new Rng(11 + d);
        int n = 12;
        double alpha = 0.03;
        Program program = LearningPrograms.gradientDescent(d, n, alpha, 0, new double[d]);
        double[][] xs = inputs(random, n, d);
        double[] ys = labels(random, xs);
        double[] predictions = Interpreter.predictions(program, xs, ys);
        for (int i = 0; i < n; i++) {
            double[] w = new double[d];
            for (int j = 0; j < i; j++) {
                for (int c = 0; c < d; c++) {
                    w[c] += 2 * alpha * ys[j] * xs[j][c];
                }
            }
            assertThat(predictions[i]).as("prefix %d", i).isCloseTo(dot(w, xs[i]), within(TOLERANCE));
        }
        assertThat(program.layers()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void oneGradientStepFromGivenWeightsWithRidgePenalty(int d) {
        Rng random = new Rng(23 + d);
        int n = 9;
        double alpha = 0.05;
        double lambda = 0.4;
        double[] w0 = new double[d];
        for (int j = 0; j < d; j++) {
            w0[j] = random.nextGaussian();
        }
        Program program = LearningPrograms.gradientDescent(d, n, alpha, lambda, w0);
        double[][] xs = inputs(random, n, d);
        double[] ys = labels(random, xs);
        double[] predictions = Interpreter.predictions(program, xs, ys);
        for (int i = 0; i < n; i++) {
            double[] gradient = new double[d];
            for (int j = 0; j < i; j++) {
                double residual = dot(w0, xs[j]) - ys[j];
                for (int c = 0; c < d; c++) {
                    gradient[c] += xs[j][c] * residual;
                }
            }
            double[] w = new double[d];
            for (int c = 0; c < d; c++) {
                w[c] = w0[c] - 2 * alpha * (gradient[c] + lambda * w0[c]);
            }
            assertThat(predictions[i]).as("prefix %d", i).isCloseTo(dot(w, xs[i]), within(TOLERANCE));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void onlineSgdFollowsTheRecursionPairByPair(int d) {
        Rng random = new Rng(37 + d);
        int k = 7;
        double alpha = 0.04;
        double lambda = 0.2;
        Program program = LearningPrograms.onlineSgd(d, k, alpha, lambda);
        double[][] xs = inputs(random, k + 1, d);
        double[] ys = labels(random, xs);
        double[] predictions = Interpreter.predictions(program, xs, ys);
        double[] w = new double[d];
        for (int i = 0; i <= k; i++) {
            assertThat(predictions[i]).as("prefix %d", i).isCloseTo(dot(w, xs[i]), within(TOLERANCE));
            double residual = dot(w, xs[i]) - ys[i];
            double[] next = new double[d];
            for (int c = 0; c < d; c++) {
                next[c] = w[c] - 2 * alpha * (xs[i][c] * residual + lambda * w[c]);
            }
            w = next;
        }
        assertThat(program.layers()).isEqualTo(5 * k + 3);
        assertThat(program.maxPairs()).isEqualTo(k + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void shermanMorrisonRidgeEqualsTheNormalEquations(int d) {
        Rng random = new Rng(51 + d);
        int k = 10;
        double lambda = 0.25;
        Program program = LearningPrograms.ridge(d, k, lambda);
        double[][] xs = inputs(random, k + 1, d);
        double[] ys = labels(random, xs);
        double[] predictions = Interpreter.predictions(program, xs, ys);
        for (int i = 0; i <= k; i++) {
            DMatrixRMaj gram = CommonOps_DDRM.identity(d);
            CommonOps_DDRM.scale(lambda, gram);
            DMatrixRMaj moment = new DMatrixRMaj(d, 1);
            for (int j = 0; j < i; j++) {
                DMatrixRMaj x = new DMatrixRMaj(d, 1, true, xs[j]);
                CommonOps_DDRM.multAddTransB(x, x, gram);
                CommonOps_DDRM.addEquals(moment, ys[j], x);
            }
            DMatrixRMaj w = new DMatrixRMaj(d, 1);
            assertThat(CommonOps_DDRM.solve(gram, moment, w)).isTrue();
            double expected = dot(w.getData(), xs[i]);
            assertThat(predictions[i]).as("prefix %d", i).isCloseTo(expected, within(TOLERANCE));
        }
        assertThat(program.layers()).isEqualTo(9 * k + 6);
        assertThat(program.count("div")).isEqualTo(k);
    }
}
