package org.icl4j.transformer.construction;


/**
 * The compiler's one accuracy knob p: the large number of the paper's approximations, with 1/p the small one
 * (Appendix C.4.2). In exact arithmetic every approximation error shrinks as p grows; in finite precision the
 * round-off grows with p, so float32 engines want a moderate p (docs/CONSTRUCTIONS.md has the measurements).
 *
 * <ul>
 *   <li>GeLU multiplication (Lemma 4): {@code xy ≈ √(π/2)·(GeLU(ε(x+y)) − GeLU(εx) − GeLU(εy))/ε²} with
 *       {@code ε = 1/p} times the reciprocal of the operand's calibrated size; relative error about {@code ε²(x² + 1.5xy + y²)/3}, reduced to O(ε⁶) by evaluating it
 *       at ε, 2ε and 4ε and extrapolating (the compiler does).</li>
 *   <li>GeLU bypass (Lemma 5): {@code GeLU(N + x) − N ≈ x} with {@code N = p}; exact to double precision for
 *       {@code x > 8 − N}, so p also bounds the range of the values that pass through it.</li>
 *   <li>Division through LayerNorm (Lemma 8): the divisor c is written as ±M·c into two rows with
 *       {@code M = p³}, so that LayerNorm's standard deviation is {@code M|c|√(2/H)} up to a relative error
 *       {@code ‖rest‖²/(4M²c²)} from the other rows.</li>
 * </ul>
 *
 * @param scale p, at least 1 and finite
 */
public record Precision(double scale) {

    /**
     * The default, p = 30: near the best setting for float32 engines (compiled GD and SGD within 1e-4 of the
     * algorithm, Sherman–Morrison ridge within about 7e-3 for d ≤ 8) and within 1e-4 in double precision;
     * double-precision evaluation gains up to p ≈ 50 (docs/CONSTRUCTIONS.md).
     */
    public static final Precision DEFAULT = new Precision(30);

    /** Validates p. */
    public Precision {
        if (!(scale >= 1 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("precision must be >= 1 and finite, found " + scale);
        }
    }

    /** @return ε = 1/p, the input scale of the GeLU multiplication */
    public double multiplicationScale() {
        return 1 / scale;
    }

    /** @return N = p, the offset of the GeLU bypass */
    public double bypassOffset() {
        return scale;
    }

    /** @return M = p³, the factor of the divisor rows in the LayerNorm division */
    public double divisionFactor() {
        return scale * scale * scale;
    }
}
