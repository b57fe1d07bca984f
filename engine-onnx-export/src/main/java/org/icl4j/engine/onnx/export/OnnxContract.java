package org.icl4j.engine.onnx.export;


/**
 * The names the in-context learner contract of docs/ONNX.md gives an ONNX model's inputs, outputs and metadata.
 * The runtime (icl4j-engine-onnx's {@code OnnxSignature}) checks the same names; the two modules do not depend on
 * each other, and the runtime's tests export with this module and load the result, so a mismatch fails there.
 */
public final class OnnxContract {

    /** Input: float32 [batch, n, d]. */
    public static final String XS = "xs";
    /** Input: float32 [batch, n]. */
    public static final String YS = "ys";
    /** Output: float32 [batch, n], the prefix predictions. */
    public static final String PREDICTIONS = "predictions";
    /** Optional output: float32 [layers + 1, batch, 2n − 1, hidden]. */
    public static final String HIDDEN_STATES = "hidden_states";
    /** Metadata property holding the checkpoint's config.json. */
    public static final String CONFIG_PROPERTY = "icl4j.config";

    private OnnxContract() {
    }
}
