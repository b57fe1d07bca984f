package org.icl4j.engine.onnx;

import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;

/**
 * An {@link OnnxEstimator} whose model also has the {@code hidden_states} output, float32
 * [layers+1, batch, tokens, hidden]; {@link OnnxEstimator#load} returns one for such models.
 */
public final class OnnxHiddenStateEstimator extends OnnxEstimator implements HiddenStateEstimator {

    OnnxHiddenStateEstimator(String name, OrtSession session, OnnxSignature signature, OnnxOptions options) {
        super(name, session, signature, options);
    }

    @Override
    public HiddenStates hiddenStates(EpisodeBatch episodes) {
        java.util.Objects.requireNonNull(episodes, "episodes is null");
        EpisodeBatch fitted = fit(episodes);
        int batch = fitted.batch();
        Gathered gathered = new Gathered();
        run(fitted, OnnxSignature.HIDDEN_STATES, (from, count, value) -> {
            long[] dims = value.getInfo().getShape();
            boolean first = gathered.values == null;
            if (dims.length != 4 || dims[1] != count || !first
                    && (dims[0] != gathered.layers || dims[2] != gathered.tokens || dims[3] != gathered.hidden)) {
                throw new IllegalStateException("ONNX model " + name() + " returned hidden_states of shape "
                        + java.util.Arrays.toString(dims) + " for " + count + " episodes; expected [layers+1, " + count
                        + ", tokens, hidden]" + (first ? "" : " with the sizes of the previous run ["
                        + gathered.layers + ", …, " + gathered.tokens + ", " + gathered.hidden + "]"));
            }
            if (first) {
                gathered.layers = Math.toIntExact(dims[0]);
                gathered.tokens = Math.toIntExact(dims[2]);
                gathered.hidden = Math.toIntExact(dims[3]);
                gathered.values = new float[Math.toIntExact((long) gathered.layers * batch * gathered.tokens * gathered.hidden)];
            }
            // A run holds episodes from … from+count-1 of every layer: copy each layer's block into its place.
            FloatBuffer buffer = value.getFloatBuffer();
            int width = gathered.tokens * gathered.hidden;
            for (int layer = 0; layer < gathered.layers; layer++) {
                buffer.get(gathered.values, (layer * batch + from) * width, count * width);
            }
        });
        return new HiddenStates(gathered.layers, batch, gathered.tokens, gathered.hidden, gathered.values);
    }

    /** The hidden states gathered over the runs of one call. */
    private static final class Gathered {
        private int layers;
        private int tokens;
        private int hidden;
        private float[] values;
    }
}
