package org.icl4j.plugins.secondorder;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;

/**
 * Multi-step preconditioned gradient descent on the context's least-squares loss ½‖y − Xw‖², from w₀ = 0:
 * <pre>
 *   w_{t+1} = w_t − η D⁻¹ (A w_t − b),    A = XᵀX,  b = Xᵀy,  η = 1/‖B‖_F,  B = D^{-1/2} A D^{-1/2}.
 * </pre>
 * The preconditioner D is
 * <ul>
 *   <li>{@code jacobi}: the diagonal of A, D_jj = ‖column j of X‖² (a coordinate whose column is all zero is left
 *       at 0), which makes every diagonal entry of B equal to 1 and so undoes the scale of each input coordinate;</li>
 *   <li>{@code identity}: D = I, plain gradient descent with the step η = 1/‖A‖_F.</li>
 * </ul>
 *
 * <p>Rate: in the coordinates z = D^{1/2} w the update is plain gradient descent on B, so every non-zero eigenvalue
 * λ of B contracts the error by {@code 1 − ηλ ∈ [0, 1)} (ηλ ≤ λ_max/‖B‖_F ≤ 1) and
 * {@code ‖D^{1/2}(w_t − w*)‖ ≤ (1 − 1/κ̃)^t ‖D^{1/2} w*‖} with {@code κ̃ = ‖B‖_F / λ_min⁺(B)} (at least B's condition
 * number, at most √rank times it). The limit w* minimises ‖D^{1/2} w‖ among the least-squares solutions: for
 * k ≥ d (full rank) it is the least-squares solution; for k &lt; d it is the minimum-norm interpolant X⁺y with
 * {@code identity} and the D-weighted one, {@code D⁻¹Xᵀ(XD⁻¹Xᵀ)⁻¹y}, with {@code jacobi}.
 *
 * <p>Cost: O(d²) per step and prefix.
 */
public final class SecondOrderPreconditionedDescent implements LinearEstimator {

    /** The preconditioners D. */
    public enum Preconditioner {
        /** D = diag(XᵀX). */
        JACOBI,
        /** D = I. */
        IDENTITY;

        /** @return the spec value, e.g. {@code jacobi} */
        public String specValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final int steps;
    private final Preconditioner preconditioner;

    /**
     * @param name display name, normally the spec string
     * @param steps gradient steps, 1 … {@value SecondOrderPreconditionedDescentFactory#MAX_STEPS}
     * @param preconditioner D
     */
    public SecondOrderPreconditionedDescent(String name, int steps, Preconditioner preconditioner) {
        this.name = requireNonNull(name, "name is null");
        this.preconditioner = requireNonNull(preconditioner, "preconditioner is null");
        if (steps < 1 || steps > SecondOrderPreconditionedDescentFactory.MAX_STEPS) {
            throw new IllegalArgumentException("steps must be in 1 … " + SecondOrderPreconditionedDescentFactory.MAX_STEPS
                    + ", found " + steps);
        }
        this.steps = steps;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the number of gradient steps */
    public int steps() {
        return steps;
    }

    /** @return D */
    public Preconditioner preconditioner() {
        return preconditioner;
    }

    @Override
    public double[] prefixWeights(EpisodeBatch episodes) {
        requireNonNull(episodes, "episodes is null");
        int d = episodes.dimension();
        return SecondOrderMatrices.prefixWeights(episodes, (steps + 1L) * d * d, this::fitEpisode);
    }

    private void fitEpisode(EpisodeBatch episodes, int b, double[] weights) {
        int n = episodes.length();
        int d = episodes.dimension();
        double[] gram = new double[d * d];
        double[] moment = new double[d];
        double[] inverseDiagonal = new double[d];
        double[] w = new double[d];
        double[] gradient = new double[d];
        for (int k = 1; k < n; k++) {
            SecondOrderMatrices.addPair(episodes, b, k - 1, gram, moment);
            for (int j = 0; j < d; j++) {
                double diagonal = gram[j * d + j];
                inverseDiagonal[j] = preconditioner == Preconditioner.IDENTITY ? 1 : diagonal > 0 ? 1 / diagonal : 0;
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double entry = gram[i * d + j];
                    norm += entry * entry * inverseDiagonal[i] * inverseDiagonal[j];
                }
            }
            Arrays.fill(w, 0.0);
            if (norm > 0) {
                double step = 1 / Math.sqrt(norm);
                for (int t = 0; t < steps; t++) {
                    SecondOrderMatrices.multiplyVector(gram, w, gradient, d);
                    for (int j = 0; j < d; j++) {
                        w[j] -= step * inverseDiagonal[j] * (gradient[j] - moment[j]);
                    }
                }
            }
            System.arraycopy(w, 0, weights, (b * n + k) * d, d);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
