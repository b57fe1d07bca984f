package org.icl4j.plugins.sparseregression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.junit.jupiter.api.Test;

class SparseRegressionLassoTest {

    /**
     * d = 1: the minimiser of ½Σ(y − wx)² + λ|w| is S(xᵀy, λ)/xᵀx. Pairs (1, 3), (2, 1): after one pair xᵀy = 3,
     * xᵀx = 1; after two xᵀy = 5, xᵀx = 5. With λ = 2 that is w = 1, then 3/5; with λ = 6 both are 0.
     */
    @Test
    void oneDimensionIsTheSoftThreshold() {
        EpisodeBatch episode = EpisodeBatch.of(1, 3, 1, new float[] {1, 2, 0.5f}, new float[] {3, 1, 0});
        double[] w = new SparseRegressionLasso("lasso:lambda=2", 2, 1e-12, 100).prefixWeights(episode);
        assertThat(w[0]).isZero();
        assertThat(w[1]).isCloseTo(1.0, within(1e-12));
        assertThat(w[2]).isCloseTo(0.6, within(1e-12));
        assertThat(new SparseRegressionLasso("lasso:lambda=2", 2, 1e-12, 100).predictPrefixes(episode))
                .containsExactly(0f, 2f, 0.3f);
        assertThat(new SparseRegressionLasso("lasso:lambda=6", 6, 1e-12, 100).prefixWeights(episode))
                .containsExactly(0, 0, 0);
    }

    /**
     * For d ≤ 4 the solution is found independently by brute force over supports S and signs s: the candidate
     * solves X_SᵀX_S w_S = X_Sᵀy − λs, and the Lasso's KKT conditions (sign(w_S) = s and |x_jᵀ(y − Xw)| ≤ λ off
     * S) single out the minimiser. Every prefix of every episode, including k &lt; d, must match it.
     */
    @Test
    void matchesTheKktSolutionFoundByBruteForceOverSupports() {
        for (int d = 2; d <= 4; d++) {
            EpisodeBatch episodes = new SparseRegressionTask(d, 2, 0.3, 1.0).sample(40, 2 * d + 2, new Rng(d));
            for (double lambda : new double[] {0.05, 0.5, 2.0}) {
                double[] w = new SparseRegressionLasso("lasso", lambda, 1e-13, 100_000).prefixWeights(episodes);
                int n = episodes.length();
                for (int b = 0; b < episodes.batch(); b++) {
                    for (int k = 1; k < n; k++) {
                        double[] expected = bruteForce(episodes, b, k, lambda);
                        for (int j = 0; j < d; j++) {
                            assertThat(w[(b * n + k) * d + j]).as("d %d, lambda %s, episode %d, k %d, weight %d", d,
                                    lambda, b, k, j).isCloseTo(expected[j], within(1e-8));
                        }
                    }
                }
            }
        }
    }

    /**
     * Warm and cold starts converge to the same unique minimiser; each stops once a sweep moves no weight by more
     * than tol = 1e-12, which leaves it within about tol times the context's condition number (below 10⁴ for
     * these contexts) of the minimiser, so they agree within 1e-7.
     */
    @Test
    void warmStartGivesTheColdStartResult() {
        EpisodeBatch episodes = new SparseRegressionTask(6, 2, 0.1, 1.0).sample(60, 18, new Rng(7));
        double[] warm = new SparseRegressionLasso("lasso", 0.2, 1e-12, 100_000, true).prefixWeights(episodes);
        double[] cold = new SparseRegressionLasso("lasso", 0.2, 1e-12, 100_000, false).prefixWeights(episodes);
        for (int i = 0; i < warm.length; i++) {
            assertThat(warm[i]).as("weight %d", i).isCloseTo(cold[i], within(1e-7));
        }
    }

    @Test
    void theFactoryReadsItsParametersAndRejectsBadOnes() {
        SparseRegressionLassoFactory factory = new SparseRegressionLassoFactory();
        assertThat(((SparseRegressionLasso) factory.create(Spec.parse("lasso:lambda=0.5"), CreationContext.NONE)).lambda())
                .isEqualTo(0.5);
        assertThatThrownBy(() -> factory.create(Spec.parse("lasso:lambda=0"), CreationContext.NONE))
                .hasMessageContaining("lambda must be > 0 and finite, found 0.0");
        assertThatThrownBy(() -> factory.create(Spec.parse("lasso:tol=-1"), CreationContext.NONE))
                .hasMessageContaining("tol must be > 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("lasso:maxIterations=0"), CreationContext.NONE))
                .hasMessageContaining("maxIterations must be in 1 … 1000000, found 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("lasso:alpha=1"), CreationContext.NONE))
                .hasMessageContaining("unknown parameter 'alpha'");
    }

    private static double[] bruteForce(EpisodeBatch episodes, int b, int k, double lambda) {
        int d = episodes.dimension();
        double[] found = null;
        for (int support = 0; support < 1 << d; support++) {
            int size = Integer.bitCount(support);
            if (size > k) {
                continue;
            }
            for (int signs = 0; signs < 1 << size; signs++) {
                double[] candidate = candidate(episodes, b, k, lambda, support, signs);
                if (candidate != null && satisfiesKkt(episodes, b, k, lambda, support, candidate)) {
                    assertThat(found).as("one KKT point (episode %d, k %d)", b, k).isNull();
                    found = candidate;
                }
            }
        }
        assertThat(found).as("a KKT point exists (episode %d, k %d)", b, k).isNotNull();
        return found;
    }

    /** Solves X_SᵀX_S w_S = X_Sᵀy − λs; null when the signs disagree or the system is singular. */
    private static double[] candidate(EpisodeBatch episodes, int b, int k, double lambda, int support, int signs) {
        int d = episodes.dimension();
        int[] columns = new int[Integer.bitCount(support)];
        for (int j = 0, c = 0; j < d; j++) {
            if ((support & (1 << j)) != 0) {
                columns[c++] = j;
            }
        }
        int size = columns.length;
        double[][] system = new double[size][size + 1];
        for (int p = 0; p < size; p++) {
            double sign = (signs & (1 << p)) != 0 ? 1 : -1;
            for (int i = 0; i < k; i++) {
                double xp = episodes.x(b, i, columns[p]);
                for (int q = 0; q < size; q++) {
                    system[p][q] += xp * episodes.x(b, i, columns[q]);
                }
                system[p][size] += xp * episodes.y(b, i);
            }
            system[p][size] -= lambda * sign;
        }
        double[] solution = solve(system);
        if (solution == null) {
            return null;
        }
        double[] w = new double[d];
        for (int p = 0; p < size; p++) {
            double sign = (signs & (1 << p)) != 0 ? 1 : -1;
            if (solution[p] * sign <= 0) {
                return null;
            }
            w[columns[p]] = solution[p];
        }
        return w;
    }

    private static boolean satisfiesKkt(EpisodeBatch episodes, int b, int k, double lambda, int support, double[] w) {
        int d = episodes.dimension();
        for (int j = 0; j < d; j++) {
            if ((support & (1 << j)) != 0) {
                continue;
            }
            double correlation = 0;
            for (int i = 0; i < k; i++) {
                double residual = episodes.y(b, i);
                for (int l = 0; l < d; l++) {
                    residual -= w[l] * episodes.x(b, i, l);
                }
                correlation += episodes.x(b, i, j) * residual;
            }
            if (Math.abs(correlation) > lambda) {
                return false;
            }
        }
        return true;
    }

    /** Gaussian elimination with partial pivoting on [A | b]; null when A is (numerically) singular. */
    private static double[] solve(double[][] system) {
        int size = system.length;
        for (int column = 0; column < size; column++) {
            int pivot = column;
            for (int row = column + 1; row < size; row++) {
                if (Math.abs(system[row][column]) > Math.abs(system[pivot][column])) {
                    pivot = row;
                }
            }
            if (Math.abs(system[pivot][column]) < 1e-10) {
                return null;
            }
            double[] swap = system[column];
            system[column] = system[pivot];
            system[pivot] = swap;
            for (int row = 0; row < size; row++) {
                if (row != column) {
                    double factor = system[row][column] / system[column][column];
                    for (int c = column; c <= size; c++) {
                        system[row][c] -= factor * system[column][c];
                    }
                }
            }
        }
        double[] solution = new double[size];
        for (int i = 0; i < size; i++) {
            solution[i] = system[i][size] / system[i][i];
        }
        return solution;
    }
}
