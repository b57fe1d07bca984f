package org.icl4j.plugins.secondorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.testkit.TestEpisodes;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.testkit.ReferenceSolutions;
import org.junit.jupiter.api.Test;

class SecondOrderNewtonTest {

    /**
     * X rows (1, 0), (0, 2), y = (1, 1): A = diag(1, 4), ‖A‖_F² = 17, b = (1, 2). Every iterate is diagonal with
     * residual e_i = 1 − λ_i m_i squaring each step from e = (16/17, 1/17), so
     * w_t,i = (1 − e_i^(2^t)) b_i / λ_i.
     */
    @Test
    void aDiagonalContextByHand() {
        EpisodeBatch episode = EpisodeBatch.of(1, 3, 2, new float[] {1, 0, 0, 2, 0, 0}, new float[] {1, 1, 0});
        for (int steps = 0; steps <= 3; steps++) {
            double[] w = new SecondOrderNewton("newton", steps).prefixWeights(episode);
            double power = Math.pow(2, steps);
            assertThat(w[4]).as("steps %d", steps).isCloseTo((1 - Math.pow(16.0 / 17, power)) * 1 / 1, within(1e-14));
            assertThat(w[5]).as("steps %d", steps).isCloseTo((1 - Math.pow(1.0 / 17, power)) * 2 / 4, within(1e-14));
        }
    }

    /**
     * The theory's rate: E_t = I − A M_t satisfies E_{t+1} = E_t² (C = 1), so once ‖E_t‖ &lt; 1 the error squares
     * each step. Checked on full-rank Gram matrices of Gaussian contexts (k = 2d): the recurrence holds to rounding
     * (1e-9, against entries of order 1), ‖E_{t+1}‖_F ≤ ‖E_t‖_F², and 60 steps reach the inverse.
     */
    @Test
    void theResidualSquaresEveryStep() {
        int d = 4;
        EpisodeBatch episodes = TestEpisodes.gaussian(20, 2 * d, d, 0.1, 3);
        for (int b = 0; b < 20; b++) {
            double[] a = new double[d * d];
            for (int k = 0; k < 2 * d; k++) {
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        a[i * d + j] += (double) episodes.x(b, k, i) * episodes.x(b, k, j);
                    }
                }
            }
            double[] previous = residual(a, SecondOrderNewton.inverse(a, d, 0), d);
            for (int t = 1; t <= 60; t++) {
                double[] current = residual(a, SecondOrderNewton.inverse(a, d, t), d);
                double[] squared = new double[d * d];
                SecondOrderMatrices.multiply(previous, previous, squared, d);
                for (int i = 0; i < d * d; i++) {
                    assertThat(current[i]).as("episode %d, step %d, entry %d", b, t, i).isCloseTo(squared[i], within(1e-9));
                }
                double before = Math.sqrt(SecondOrderMatrices.squaredNorm(previous, d * d));
                double after = Math.sqrt(SecondOrderMatrices.squaredNorm(current, d * d));
                if (before < 1) {
                    assertThat(after).as("episode %d, step %d", b, t).isLessThanOrEqualTo(before * before + 1e-12);
                }
                previous = current;
            }
            assertThat(Math.sqrt(SecondOrderMatrices.squaredNorm(previous, d * d))).isLessThan(1e-9);
        }
    }

    private static double[] residual(double[] a, double[] m, int d) {
        double[] product = new double[d * d];
        SecondOrderMatrices.multiply(a, m, product, d);
        for (int i = 0; i < d * d; i++) {
            product[i] = (i % (d + 1) == 0 ? 1 : 0) - product[i];
        }
        return product;
    }

    /**
     * Enough steps give minimum-norm least squares on every prefix, underdetermined ones included; the reference
     * is the built-in {@code ols} (Greville updates and an SVD fallback, an independent algorithm). 100 steps
     * cover Gram condition numbers up to 10¹³ (the error is (1 − 1/(d κ²))^(2^t)); the tolerance allows the
     * rounding of both for contexts of condition number up to 10⁶.
     */
    @Test
    void manyStepsGiveMinimumNormLeastSquares() {
        int d = 4;
        EpisodeBatch episodes = TestEpisodes.gaussian(50, 12, d, 0.1, 5);
        double[] newton = new SecondOrderNewton("newton:steps=100", 100).prefixWeights(episodes);
        double[] few = new SecondOrderNewton("newton:steps=2", 2).prefixWeights(episodes);
        double[] reference = ReferenceSolutions.leastSquares().prefixWeights(episodes);
        double farFromReference = 0;
        for (int i = 0; i < reference.length; i++) {
            assertThat(newton[i]).as("weight %d", i).isCloseTo(reference[i], within(1e-6 * (1 + Math.abs(reference[i]))));
            farFromReference = Math.max(farFromReference, Math.abs(few[i] - reference[i]));
        }
        assertThat(farFromReference).as("two steps are not yet least squares").isGreaterThan(0.01);
    }

    @Test
    void theFactoryReadsStepsAndRejectsBadValues() {
        SecondOrderNewtonFactory factory = new SecondOrderNewtonFactory();
        assertThat(((SecondOrderNewton) factory.create(Spec.parse("newton:steps=3"), CreationContext.NONE)).steps())
                .isEqualTo(3);
        assertThatThrownBy(() -> factory.create(Spec.parse("newton:steps=-1"), CreationContext.NONE))
                .hasMessageContaining("steps must be in 0 … 1000, found -1");
        assertThatThrownBy(() -> factory.create(Spec.parse("newton:steps=5000"), CreationContext.NONE))
                .hasMessageContaining("steps must be in 0 … 1000, found 5000");
        assertThatThrownBy(() -> factory.create(Spec.parse("newton:lr=1"), CreationContext.NONE))
                .hasMessageContaining("unknown parameter 'lr'");
    }
}
