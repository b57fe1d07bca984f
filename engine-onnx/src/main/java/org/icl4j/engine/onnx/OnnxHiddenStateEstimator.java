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
        episodes = fit(episodes);
        int batch = episodes.batch();
        int[] shape = new int[3];
        float[][] holder = new float[1][];
        run(episodes, OnnxSignature.HIDDEN_STATES, (from, count, value) -> {
            long[] dims = value.getInfo().getShape();
            if (dims.length != 4 || dims[1] != count) {
                expectShape(OnnxSignature.HIDDEN_STATES, dims, new long[] {dims.length > 0 ? dims[0] : -1, count, -1, -1});
            }
            int layers = Math.toIntExact(dims[0]);
            int tokens = Math.toIntExact(dims[2]);
            int hidden = Math.toIntExact(dims[3]);
            if (holder[0] == null) {
                shape[0] = layers;
                shape[1] = tokens;
                shape[2] = hidden;
                holder[0] = new float[Math.toIntExact((long) layers * batch * tokens * hidden)];
            } else {
                expectShape(OnnxSignature.HIDDEN_STATES, dims, new long[] {shape[0], count, shape[1], shape[2]});
            }
            // The chunk holds episodes from … from+count-1 for every layer; copy each layer's block into place.
            FloatBuffer buffer = value.getFloatBuffer();
            int block = count * tokens * hidden;
            for (int layer = 0; layer < layers; layer++) {
                buffer.get(holder[0], (layer * batch + from) * tokens * hidden, block);
            }
        });
        return new HiddenStates(shape[0], batch, shape[1], shape[2], holder[0]);
    }
}
