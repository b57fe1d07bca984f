package org.icl4j.plugins.secondorder;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;

/**
 * Iterative Newton (Fu et al., 2024): Newton–Schulz iterations towards A⁺ with A = XᵀX, and the weights
 * {@code w_t = M_t Xᵀy}:
 * <pre>
 *   M₀ = α A,  α = 1/‖A‖_F²,    M_{t+1} = 2 M_t − M_t A M_t,    t = 0 … steps-1.
 * </pre>
 * Convergence needs {@code 0 < α < 2/‖A‖₂²} (every non-zero eigenvalue λ of A then has |1 − αλ²| &lt; 1);
 * α = 1/‖A‖_F² ≤ 1/‖A‖₂² meets it without an eigenvalue computation. Every M_t is a polynomial in A, so the
 * residual {@code E_t = P − A M_t} (P the projector onto A's range) obeys {@code E_{t+1} = E_t²} exactly: the error
 * falls quadratically, with C = 1, from {@code ‖E₀‖₂ = 1 − αλ_min⁺² < 1}. The limit is A⁺, so w_t tends to the
 * minimum-norm least-squares solution X⁺y.
 *
 * <p>Rank-deficient A makes Newton–Schulz unstable in the null space (an eigenvalue 0 doubles M's rounding errors
 * each step), so while k &lt; d the same iterates are computed through the k×k Gram matrix G = XXᵀ: with
 * {@code M_t = Xᵀ N_t X}, {@code N₀ = αI}, {@code N_{t+1} = 2N_t − N_t G² N_t} and {@code w_t = Xᵀ N_t G y}
 * (G and A share their non-zero eigenvalues and ‖G‖_F = ‖A‖_F). Cost per prefix: O(steps · min(k, d)³).
 */
public final class SecondOrderNewton implements LinearEstimator {

    private final String name;
    private final int steps;

    /**
     * @param name display name, normally the spec string
     * @param steps Newton–Schulz updates after M₀, 0 … {@value SecondOrderNewtonFactory#MAX_STEPS}
     */
    public SecondOrderNewton(String name, int steps) {
        this.name = requireNonNull(name, "name is null");
        if (steps < 0 || steps > SecondOrderNewtonFactory.MAX_STEPS) {
            throw new IllegalArgumentException("steps must be in 0 … " + SecondOrderNewtonFactory.MAX_STEPS
                    + ", found " + steps);
        }
        this.steps = steps;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the number of Newton–Schulz updates */
    public int steps() {
        return steps;
    }

    @Override
    public double[] prefixWeights(EpisodeBatch episodes) {
        requireNonNull(episodes, "episodes is null");
        int d = episodes.dimension();
        return SecondOrderMatrices.prefixWeights(episodes, 2L * (steps + 1) * d * d * d, this::fitEpisode);
    }

    private void fitEpisode(EpisodeBatch episodes, int b, double[] weights) {
        int n = episodes.length();
        int d = episodes.dimension();
        double[] gram = new double[d * d];
        double[] moment = new double[d];
        double[] w = new double[d];
        for (int k = 1; k < n; k++) {
            SecondOrderMatrices.addPair(episodes, b, k - 1, gram, moment);
            if (k < d) {
                fitThroughRows(episodes, b, k, w);
            } else {
                double[] inverse = inverse(gram, d, steps);
                SecondOrderMatrices.multiplyVector(inverse, moment, w, d);
            }
            System.arraycopy(w, 0, weights, (b * n + k) * d, d);
        }
    }

    /**
     * The Newton–Schulz iterate M_steps for the symmetric d×d matrix A (zero when A is zero).
     *
     * @param a A, row-major
     * @param d its size
     * @param steps updates after M₀ = A/‖A‖_F²
     * @return M_steps
     */
    static double[] inverse(double[] a, int d, int steps) {
        double norm = SecondOrderMatrices.squaredNorm(a, d * d);
        double[] m = new double[d * d];
        if (norm == 0) {
            return m;
        }
        for (int i = 0; i < d * d; i++) {
            m[i] = a[i] / norm;
        }
        return schulz(m, a, d, steps);
    }

    /** Iterates {@code M ← 2M − M H M} from {@code m} (overwritten) and returns the result. */
    private static double[] schulz(double[] m, double[] h, int size, int steps) {
        double[] product = new double[size * size];
        double[] next = new double[size * size];
        for (int t = 0; t < steps; t++) {
            SecondOrderMatrices.multiply(h, m, product, size);
            SecondOrderMatrices.multiply(m, product, next, size);
            for (int i = 0; i < size * size; i++) {
                next[i] = 2 * m[i] - next[i];
            }
            double[] swap = m;
            m = next;
            next = swap;
        }
        return m;
    }

    /** w = Xᵀ N G y for the k &lt; d rows of prefix k, N the Newton–Schulz iterate for (G²)⁺ from N₀ = I/‖G‖_F². */
    private void fitThroughRows(EpisodeBatch episodes, int b, int k, double[] w) {
        int d = episodes.dimension();
        double[] g = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int l = 0; l < d; l++) {
                    sum += (double) episodes.x(b, i, l) * episodes.x(b, j, l);
                }
                g[i * k + j] = sum;
            }
        }
        double norm = SecondOrderMatrices.squaredNorm(g, k * k);
        java.util.Arrays.fill(w, 0.0);
        if (norm == 0) {
            return;
        }
        double[] squared = new double[k * k];
        SecondOrderMatrices.multiply(g, g, squared, k);
        double[] n0 = new double[k * k];
        for (int i = 0; i < k; i++) {
            n0[i * k + i] = 1 / norm;
        }
        double[] iterate = schulz(n0, squared, k, steps);
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            y[i] = episodes.y(b, i);
        }
        double[] gy = new double[k];
        SecondOrderMatrices.multiplyVector(g, y, gy, k);
        double[] coefficients = new double[k];
        SecondOrderMatrices.multiplyVector(iterate, gy, coefficients, k);
        for (int i = 0; i < k; i++) {
            for (int l = 0; l < d; l++) {
                w[l] += episodes.x(b, i, l) * coefficients[i];
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
