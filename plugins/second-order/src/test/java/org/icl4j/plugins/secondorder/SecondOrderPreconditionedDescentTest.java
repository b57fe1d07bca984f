package org.icl4j.plugins.secondorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.testkit.TestEpisodes;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.plugins.secondorder.SecondOrderPreconditionedDescent.Preconditioner;
import org.icl4j.testkit.ReferenceSolutions;
import org.junit.jupiter.api.Test;

class SecondOrderPreconditionedDescentTest {

    /**
     * One pair x, y: A = xxᵀ has rank 1, so B's one non-zero eigenvalue equals ‖B‖_F and one step lands on the
     * limit. Identity: w = x y/‖x‖² (minimum norm). Jacobi: D = diag(x_j²), ‖B‖_F = d, w_j = y/(d x_j), the
     * interpolant of smallest Σ x_j² w_j².
     */
    @Test
    void oneStepOnOnePairByHand() {
        EpisodeBatch episode = EpisodeBatch.of(1, 2, 3, new float[] {1, -2, 4, 0, 0, 0}, new float[] {3, 0});
        double[] identity = new SecondOrderPreconditionedDescent("pgd", 1, Preconditioner.IDENTITY).prefixWeights(episode);
        double[] jacobi = new SecondOrderPreconditionedDescent("pgd", 1, Preconditioner.JACOBI).prefixWeights(episode);
        double[] x = {1, -2, 4};
        for (int j = 0; j < 3; j++) {
            assertThat(identity[3 + j]).isCloseTo(x[j] * 3 / 21, within(1e-14));
            assertThat(jacobi[3 + j]).isCloseTo(3 / (3 * x[j]), within(1e-14));
        }
    }

    /**
     * The documented rate for d = 2, where B's eigenvalues have a closed form: ‖D^{1/2}(w_t − w*)‖ ≤ ρ^t ‖D^{1/2}w*‖
     * with ρ = 1 − λ_min(B)/‖B‖_F, for every step t and both preconditioners, w* the 2×2 least-squares solution.
     */
    @Test
    void theErrorFallsAtLeastAtTheDocumentedLinearRate() {
        EpisodeBatch episodes = TestEpisodes.gaussian(20, 8, 2, 0.3, 7);
        for (Preconditioner preconditioner : Preconditioner.values()) {
            double[][] iterates = new double[41][];
            for (int t = 1; t <= 40; t++) {
                iterates[t] = new SecondOrderPreconditionedDescent("pgd", t, preconditioner).prefixWeights(episodes);
            }
            for (int b = 0; b < 20; b++) {
                for (int k = 2; k < 8; k++) {
                    double a00 = 0;
                    double a01 = 0;
                    double a11 = 0;
                    double b0 = 0;
                    double b1 = 0;
                    for (int i = 0; i < k; i++) {
                        double x0 = episodes.x(b, i, 0);
                        double x1 = episodes.x(b, i, 1);
                        a00 += x0 * x0;
                        a01 += x0 * x1;
                        a11 += x1 * x1;
                        b0 += x0 * episodes.y(b, i);
                        b1 += x1 * episodes.y(b, i);
                    }
                    double determinant = a00 * a11 - a01 * a01;
                    double w0 = (a11 * b0 - a01 * b1) / determinant;
                    double w1 = (a00 * b1 - a01 * b0) / determinant;
                    double d0 = preconditioner == Preconditioner.JACOBI ? a00 : 1;
                    double d1 = preconditioner == Preconditioner.JACOBI ? a11 : 1;
                    double p = a00 / d0;
                    double q = a11 / d1;
                    double r = a01 / Math.sqrt(d0 * d1);
                    double frobenius = Math.sqrt(p * p + q * q + 2 * r * r);
                    double smallest = (p + q) / 2 - Math.sqrt((p - q) * (p - q) / 4 + r * r);
                    double rate = 1 - smallest / frobenius;
                    double start = Math.hypot(Math.sqrt(d0) * w0, Math.sqrt(d1) * w1);
                    for (int t = 1; t <= 40; t++) {
                        int at = (b * 8 + k) * 2;
                        double error = Math.hypot(Math.sqrt(d0) * (iterates[t][at] - w0),
                                Math.sqrt(d1) * (iterates[t][at + 1] - w1));
                        assertThat(error).as("%s, episode %d, k %d, step %d", preconditioner, b, k, t)
                                .isLessThanOrEqualTo(Math.pow(rate, t) * start * (1 + 1e-9) + 1e-12);
                    }
                }
            }
        }
    }

    /**
     * Many steps give least squares once k ≥ d (here k ≥ 5d, where the Gram matrix is well conditioned and
     * 20 000 steps are far more than the rate needs), for both preconditioners; for k = 2 &lt; d = 3 the limit is
     * the minimum-norm interpolant with {@code identity} and the D-weighted D⁻¹Xᵀ(XD⁻¹Xᵀ)⁻¹y with {@code jacobi}.
     */
    @Test
    void manyStepsGiveLeastSquaresAndTheDocumentedUnderdeterminedLimits() {
        int d = 3;
        int n = 30;
        EpisodeBatch episodes = TestEpisodes.gaussian(20, n, d, 0.1, 9);
        double[] reference = ReferenceSolutions.leastSquares().prefixWeights(episodes);
        double[] identity = new SecondOrderPreconditionedDescent("pgd", 20_000, Preconditioner.IDENTITY)
                .prefixWeights(episodes);
        double[] jacobi = new SecondOrderPreconditionedDescent("pgd", 20_000, Preconditioner.JACOBI)
                .prefixWeights(episodes);
        for (int b = 0; b < 20; b++) {
            for (int k = 5 * d; k < n; k++) {
                for (int j = 0; j < d; j++) {
                    int at = (b * n + k) * d + j;
                    assertThat(identity[at]).isCloseTo(reference[at], within(1e-8));
                    assertThat(jacobi[at]).isCloseTo(reference[at], within(1e-8));
                }
            }
            int at = (b * n + 2) * d;
            for (int j = 0; j < d; j++) {
                assertThat(identity[at + j]).as("identity, episode %d, weight %d", b, j)
                        .isCloseTo(reference[at + j], within(1e-6));
            }
            double[] weighted = weightedInterpolant(episodes, b);
            for (int j = 0; j < d; j++) {
                assertThat(jacobi[at + j]).as("jacobi, episode %d, weight %d", b, j).isCloseTo(weighted[j], within(1e-6));
            }
        }
    }

    /** D⁻¹Xᵀ(XD⁻¹Xᵀ)⁻¹y for the first two pairs, with D = diag(XᵀX) and the 2×2 inverse in closed form. */
    private static double[] weightedInterpolant(EpisodeBatch episodes, int b) {
        int d = episodes.dimension();
        double[] diagonal = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < 2; i++) {
                diagonal[j] += (double) episodes.x(b, i, j) * episodes.x(b, i, j);
            }
        }
        double[][] g = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int l = 0; l < 2; l++) {
                for (int j = 0; j < d; j++) {
                    g[i][l] += episodes.x(b, i, j) * episodes.x(b, l, j) / diagonal[j];
                }
            }
        }
        double determinant = g[0][0] * g[1][1] - g[0][1] * g[1][0];
        double y0 = episodes.y(b, 0);
        double y1 = episodes.y(b, 1);
        double c0 = (g[1][1] * y0 - g[0][1] * y1) / determinant;
        double c1 = (g[0][0] * y1 - g[1][0] * y0) / determinant;
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = (episodes.x(b, 0, j) * c0 + episodes.x(b, 1, j) * c1) / diagonal[j];
        }
        return w;
    }

    @Test
    void theFactoryReadsItsParametersAndRejectsBadOnes() {
        SecondOrderPreconditionedDescentFactory factory = new SecondOrderPreconditionedDescentFactory();
        SecondOrderPreconditionedDescent pgd = (SecondOrderPreconditionedDescent) factory.create(
                Spec.parse("pgd:steps=4,preconditioner=identity"), CreationContext.NONE);
        assertThat(pgd.steps()).isEqualTo(4);
        assertThat(pgd.preconditioner()).isEqualTo(Preconditioner.IDENTITY);
        assertThat(((SecondOrderPreconditionedDescent) factory.create(Spec.parse("pgd"), CreationContext.NONE))
                .preconditioner()).isEqualTo(Preconditioner.JACOBI);
        assertThatThrownBy(() -> factory.create(Spec.parse("pgd:preconditioner=newton"), CreationContext.NONE))
                .hasMessageContaining("preconditioner must be one of jacobi, identity, found 'newton'");
        assertThatThrownBy(() -> factory.create(Spec.parse("pgd:steps=0"), CreationContext.NONE))
                .hasMessageContaining("steps must be in 1 … 1000000, found 0");
    }
}
