package org.icl4j.algorithms.estimator;

import java.util.Arrays;

import org.icl4j.algorithms.MinimumNormSolution;

/**
 * Minimum-norm least squares, {@code w = X⁺y} (docs/PAPER.md, Reference algorithms: OLS), which interpolates the
 * context while k &lt; d and is the ordinary least-squares fit once k ≥ d.
 *
 * <p>Prefixes are fit incrementally in O(d²) per pair (docs/ALGORITHMS.md, "Least squares"):
 * <ul>
 *   <li>While the rows seen so far are independent and fewer than d, the new row's component r = Πx orthogonal
 *       to their span (Π is the projector onto the span's complement, applied twice for re-orthogonalisation)
 *       gives the minimum-norm interpolant {@code w ← w + (y − w·x) r / (r·x)} and Π ← Π − r rᵀ/‖r‖². The
 *       pseudo-inverse P = (XᵀX)⁺ is carried along by Greville's rank-increasing update
 *       {@code P ← P − (P x rᵀ + r xᵀP)/‖r‖² + (1 + xᵀPx) r rᵀ/‖r‖⁴}.</li>
 *   <li>Once the rank reaches d, P is the exact inverse (XᵀX)⁻¹ and later pairs are recursive least squares
 *       (Sherman–Morrison): {@code g = Px, w ← w + g (y − w·x)/(1 + x·g), P ← P − g gᵀ/(1 + x·g)}.</li>
 *   <li>When a new row is (numerically) in the span of the earlier ones while the rank is below d —
 *       ‖r‖ ≤ {@value #DEPENDENT_RESIDUAL}·‖x‖ — the episode's remaining prefixes are solved from scratch with
 *       EJML's SVD pseudo-inverse, so rank-deficient contexts get the pseudo-inverse solution without dividing
 *       by a vanishing residual.</li>
 * </ul>
 * P and Π are kept packed symmetric, and blocks of episodes are updated side by side in SIMD lanes
 * ({@link EpisodeBlocks}).
 */
public final class LeastSquares extends PrefixLinearEstimator {

    /** The spec name. */
    public static final String NAME = "ols";

    /** Relative size of the orthogonal residual below which a new row counts as dependent. */
    static final double DEPENDENT_RESIDUAL = 1e-5;

    /** Creates the estimator named {@code ols}. */
    public LeastSquares() {
        this(NAME);
    }

    /** @param name display name, normally the spec string */
    public LeastSquares(String name) {
        super(name);
    }

    @Override
    long workPerPair(int d) {
        return 4L * d * d;
    }

    @Override
    void fitEpisodes(float[] xs, float[] ys, int n, int d, int from, int to, int pairs, float[] predictions,
            double[] weights, double[] end) {
        int size = Math.min(EpisodeBlocks.LANES, to - from);
        int packed = EpisodeBlocks.packedSize(d);
        EpisodeBlocks.Block block = new EpisodeBlocks.Block(d, size);
        double[][] projector = new double[packed][size];
        double[][][] projectorRows = EpisodeBlocks.rows(projector, d);
        double[][] r = new double[d][size];
        double[][] once = new double[d][size];
        double[] rr = new double[size];
        double[] xx = new double[size];
        double[] xr = new double[size];
        int[] dependentAt = new int[size];
        for (int first = from; first < to; first += size) {
            int lanes = Math.min(size, to - first);
            EpisodeBlocks.setDiagonal(block.p, 0.0, d);
            EpisodeBlocks.setDiagonal(projector, 1.0, d);
            EpisodeBlocks.clear(block.w);
            Arrays.fill(dependentAt, -1);
            for (int k = 0; k < pairs; k++) {
                EpisodeBlocks.loadInput(xs, n, d, first, lanes, k, block.x, block.w, block.prediction);
                EpisodeBlocks.store(n, d, first, lanes, k, block.w, block.prediction, predictions, weights);
                if (end == null && k == pairs - 1) {
                    break;
                }
                if (k == d) {
                    // Full rank: P is the exact inverse (XᵀX)⁻¹ and the rest is recursive least squares.
                    EpisodeBlocks.recursiveLeastSquares(block, xs, ys, n, d, first, lanes, k, pairs, predictions,
                            weights, end != null);
                    break;
                }
                // Rows 0 … k-1 are independent in every lane still on this path, so the rank is k < d.
                EpisodeBlocks.residual(ys, n, first, lanes, k, block.prediction, block.error);
                addIndependentRow(block, projector, projectorRows, r, once, rr, xx, xr, dependentAt, k, d, lanes);
            }
            if (end != null) {
                EpisodeBlocks.storeWeights(d, lanes, block.w, end, first, 1, 0);
            }
            for (int e = 0; e < lanes; e++) {
                if (dependentAt[e] >= 0) {
                    int b = first + e;
                    solveByPseudoInverse(xs, b * n * d, ys, b * n, dependentAt[e], pairs, d, predictions, b * n,
                            weights, b * n * d, end, b * d);
                }
            }
        }
    }

    /**
     * Adds row x (label residual {@code error}) to contexts of independent rows: the minimum-norm interpolant
     * moves along the new row's residual r = Πx, Π and P = (XᵀX)⁺ take their rank-one updates (Greville). Lanes
     * whose row is dependent are marked in {@code dependentAt} and computed with safe placeholders; the caller
     * recomputes them by pseudo-inverse.
     */
    private static void addIndependentRow(EpisodeBlocks.Block block, double[][] projector,
            double[][][] projectorRows, double[][] r, double[][] once, double[] rr, double[] xx, double[] xr,
            int[] dependentAt, int k, int d, int lanes) {
        double[][] p = block.p;
        double[][] w = block.w;
        double[][] x = block.x;
        double[][] g = block.g;
        double[] error = block.error;
        double[] c = block.c;
        // r = Π(Πx): the second application restores orthogonality lost to rounding ("twice is enough").
        EpisodeBlocks.symmetricMultiply(projectorRows, x, once, d, lanes);
        EpisodeBlocks.symmetricMultiply(projectorRows, once, r, d, lanes);
        EpisodeBlocks.dot(r, r, 0.0, rr, d, lanes);
        EpisodeBlocks.dot(x, x, 0.0, xx, d, lanes);
        EpisodeBlocks.dot(x, r, 0.0, xr, d, lanes);
        double threshold = DEPENDENT_RESIDUAL * DEPENDENT_RESIDUAL;
        for (int e = 0; e < lanes; e++) {
            if (dependentAt[e] < 0 && rr[e] <= threshold * xx[e]) {
                dependentAt[e] = k;
            }
            if (dependentAt[e] >= 0) {
                rr[e] = 1.0;
                xr[e] = 1.0;
            }
        }
        EpisodeBlocks.symmetricMultiply(block.pRows, x, g, d, lanes);
        EpisodeBlocks.dot(x, g, 1.0, c, d, lanes);
        for (int e = 0; e < lanes; e++) {
            double inverse = 1.0 / rr[e];
            rr[e] = inverse;
            c[e] *= inverse * inverse;
            error[e] /= xr[e];
        }
        // Greville: P ← P − (g rᵀ + r gᵀ)/‖r‖² + (1 + x·g) r rᵀ/‖r‖⁴;  Π ← Π − r rᵀ/‖r‖². With
        // u = r (1 + x·g)/‖r‖⁴ − g/‖r‖² and v = r/‖r‖², entry (i, j) changes by u_i r_j − v_i g_j and −v_i r_j
        // (the upper triangle alone is stored, so the asymmetric-looking form still gives a symmetric P).
        double[][] u = block.scaled;
        double[][] v = once;
        for (int i = 0; i < d; i++) {
            double[] ri = r[i];
            double[] gi = g[i];
            double[] ui = u[i];
            double[] vi = v[i];
            for (int e = 0; e < lanes; e++) {
                ui[e] = ri[e] * c[e] - gi[e] * rr[e];
                vi[e] = ri[e] * rr[e];
            }
        }
        int t = 0;
        for (int i = 0; i < d; i++) {
            double[] ui = u[i];
            double[] vi = v[i];
            for (int j = i; j < d; j++, t++) {
                double[] rj = r[j];
                double[] gj = g[j];
                double[] pt = p[t];
                double[] projectorT = projector[t];
                for (int e = 0; e < lanes; e++) {
                    pt[e] += ui[e] * rj[e] - vi[e] * gj[e];
                }
                for (int e = 0; e < lanes; e++) {
                    projectorT[e] -= vi[e] * rj[e];
                }
            }
        }
        EpisodeBlocks.addScaled(w, error, r, d, lanes);
    }

    /**
     * Fallback for rank-deficient prefixes: for every prefix from {@code first + 1} pairs on, w = X⁺y
     * ({@link MinimumNormSolution}).
     */
    private static void solveByPseudoInverse(float[] xs, int xOffset, float[] ys, int yOffset, int first, int pairs,
            int d, float[] predictions, int predictionsOffset, double[] weights, int weightsOffset, double[] end,
            int endOffset) {
        double[] w = new double[d];
        for (int count = first + 1; count <= pairs; count++) {
            MinimumNormSolution.solve(xs, xOffset, ys, yOffset, count, d, w);
            if (count < pairs) {
                double prediction = 0;
                for (int j = 0; j < d; j++) {
                    prediction += w[j] * xs[xOffset + count * d + j];
                }
                if (predictions != null) {
                    predictions[predictionsOffset + count] = (float) prediction;
                }
                if (weights != null) {
                    System.arraycopy(w, 0, weights, weightsOffset + count * d, d);
                }
            } else if (end != null) {
                System.arraycopy(w, 0, end, endOffset, d);
            }
        }
    }
}
