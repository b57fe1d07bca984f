package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * Per-layer hidden states of a sequence model, as in the ONNX contract's {@code hidden_states} output.
 *
 * @param layers number of layers plus one (entry 0 is the embedding, entry L the last block's output)
 * @param batch episodes B
 * @param tokens tokens per episode (2n − 1 for the paper's tokenisation)
 * @param hidden hidden width H
 * @param values row-major values, shape [layers, batch, tokens, hidden]
 */
public record HiddenStates(int layers, int batch, int tokens, int hidden, float[] values) {

    /**
     * Validates the shape.
     *
     * @param layers number of layers plus one (entry 0 is the embedding, entry L the last block's output)
     * @param batch episodes B
     * @param tokens tokens per episode (2n − 1 for the paper's tokenisation)
     * @param hidden hidden width H
     * @param values row-major values, shape [layers, batch, tokens, hidden]
     */
    public HiddenStates {
        requireNonNull(values, "values is null");
        long expected = (long) layers * batch * tokens * hidden;
        if (layers < 1 || batch < 1 || tokens < 1 || hidden < 1 || values.length != expected) {
            throw new IllegalArgumentException("hidden states of shape [" + layers + ", " + batch + ", " + tokens
                    + ", " + hidden + "] need " + expected + " values, found " + values.length);
        }
    }

    /**
     * @param layer layer index, 0 … layers-1
     * @param b episode
     * @param token token position
     * @return offset of the state vector in {@link #values()}
     */
    public int offset(int layer, int b, int token) {
        return ((layer * batch + b) * tokens + token) * hidden;
    }
}
