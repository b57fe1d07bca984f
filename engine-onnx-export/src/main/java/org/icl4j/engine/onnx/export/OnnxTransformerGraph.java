package org.icl4j.engine.onnx.export;

import static org.icl4j.engine.onnx.export.OnnxGraph.attribute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

/**
 * Writes the icl4j transformer (docs/MODEL.md) as an ONNX graph that follows the in-context learner contract.
 *
 * <p>The tokenisation is part of the graph: pair i becomes the x-token {@code [0, x_i]} at position 2i and the
 * y-token {@code [y_i, 0 … 0]} at 2i+1; the last y-token is dropped, leaving T = 2n − 1 tokens, and the
 * predictions are the readouts at the even positions (docs/PAPER.md, "Tokens and loss"). Batch and n are dynamic;
 * the position table and the causal mask are sliced to T at run time.
 */
final class OnnxTransformerGraph {

    private final OnnxGraph graph = new OnnxGraph("icl4j-transformer");
    private final TransformerConfig architecture;
    private final Map<String, Tensor> weights;

    private OnnxTransformerGraph(TransformerConfig architecture, Map<String, Tensor> weights) {
        this.architecture = architecture;
        this.weights = weights;
    }

    /**
     * Builds the model.
     *
     * @param architecture the architecture
     * @param weights      the tensors of {@link TransformerConfig#tensorShapes()}, already validated
     * @param hiddenStates whether to add the {@code hidden_states} output
     * @param metadata     metadata properties (e.g. {@code icl4j.config})
     * @param version      the producer's version
     * @return the ModelProto bytes
     */
    static byte[] build(TransformerConfig architecture, Map<String, Tensor> weights, boolean hiddenStates,
                        Map<String, String> metadata, String version) {
        return new OnnxTransformerGraph(architecture, weights).write(hiddenStates, metadata, version);
    }

    private byte[] write(boolean hiddenStates, Map<String, String> metadata, String version) {
        int d = architecture.dimension();
        int h = architecture.hidden();
        String xs = graph.floatInput(OnnxContract.XS, "batch", "n", d);
        String ys = graph.floatInput(OnnxContract.YS, "batch", "n");

        // Tokens: x-token [0, x] and y-token [y, 0 … 0], interleaved as [B, n, 2, d+1] → [B, 2n, d+1], then
        // the last (never read) y-token is dropped.
        String xTokens = graph.node("Pad", xs, graph.longs("x_pads", new long[] {0, 0, 1, 0, 0, 0}, 6));
        String yTokens = graph.node("Pad", graph.node("Unsqueeze", ys, graph.axes(-1)),
                graph.longs("y_pads", new long[] {0, 0, 0, 0, 0, d}, 6));
        String pairs = graph.node("Concat", List.of(attribute("axis", 2)),
                graph.node("Unsqueeze", xTokens, graph.axes(2)), graph.node("Unsqueeze", yTokens, graph.axes(2)));
        String interleaved = graph.node("Reshape", pairs, graph.longs("token_shape", new long[] {0, -1, d + 1}, 3));
        String tokens = graph.node("Slice", interleaved, graph.longs("start", new long[] {0}, 1),
                graph.longs("end", new long[] {-1}, 1), graph.axes(1));

        // T as a 1-D int64 tensor, to slice the position table and the causal mask.
        String tokenCount = graph.node("Shape", List.of(attribute("start", 1), attribute("end", 2)), tokens);
        String positions = graph.node("Slice", graph.floats("position", weight("position.weight"),
                        2L * architecture.maxPairs(), h),
                graph.longs("zero", new long[] {0}, 1), tokenCount, graph.axes(0));
        String state = graph.node("Add", linear(tokens, "input", h, d + 1), positions);

        String mask = causalMask(tokenCount);
        List<String> states = new ArrayList<>();
        states.add(state);
        for (int layer = 0; layer < architecture.layers(); layer++) {
            state = block(state, layer, mask);
            states.add(state);
        }
        String last = architecture.hasFinalNorm() ? layerNorm(state, "final_norm") : state;

        // Readouts at the x-tokens (even positions) predict y_0 … y_{n-1}.
        String xStates = graph.node("Slice", last, graph.longs("zero", new long[] {0}, 1),
                graph.longs("to_end", new long[] {Long.MAX_VALUE}, 1), graph.axes(1),
                graph.longs("every_other", new long[] {2}, 1));
        String readout = linear(xStates, "readout", 1, h);
        graph.floatOutput(OnnxContract.PREDICTIONS, graph.node("Squeeze", readout, graph.axes(2)), "batch", "n");

        if (hiddenStates) {
            String[] stacked = states.stream().map(s -> graph.node("Unsqueeze", s, graph.axes(0)))
                    .toArray(String[]::new);
            graph.floatOutput(OnnxContract.HIDDEN_STATES, graph.node("Concat", List.of(attribute("axis", 0)), stacked),
                    architecture.layers() + 1, "batch", "tokens", h);
        }
        return graph.toBytes("icl4j", version, metadata);
    }

    /** One block, in the variant the config names (docs/MODEL.md, "Blocks"). */
    private String block(String h, int layer, String mask) {
        String prefix = "blocks." + layer + ".";
        Activation activation = architecture.activation(layer);
        switch (architecture.block(layer)) {
            case AUTHORS: {
                String x = layerNorm(h, prefix + "norm1");
                x = graph.node("Add", x, attention(x, prefix + "attention", mask));
                x = layerNorm(x, prefix + "norm2");
                return graph.node("Add", x, mlp(x, prefix + "mlp", activation));
            }
            case PRE_LN: {
                String x = graph.node("Add", h, attention(layerNorm(h, prefix + "norm1"), prefix + "attention", mask));
                return graph.node("Add", x, mlp(layerNorm(x, prefix + "norm2"), prefix + "mlp", activation));
            }
            case PLAIN: {
                String x = graph.node("Add", h, attention(h, prefix + "attention", mask));
                return graph.node("Add", x, mlp(x, prefix + "mlp", activation));
            }
            case PLAIN_MLP_NORM: {
                // Compiled constructions divide through the MLP's LayerNorm (docs/CONSTRUCTIONS.md).
                String x = graph.node("Add", h, attention(h, prefix + "attention", mask));
                return graph.node("Add", x, mlp(layerNorm(x, prefix + "norm2"), prefix + "mlp", activation));
            }
            default:
                throw new IllegalArgumentException("the ONNX exporter has no lowering for block " + architecture.block(layer));
        }
    }

    /**
     * Causal multi-head attention: per head j, softmax over u ≤ t of q_j[t]·k_j[u]/sqrt(s), applied to v_j, then
     * the output projection (docs/MODEL.md, "Attention").
     */
    private String attention(String x, String prefix, String mask) {
        int m = architecture.heads();
        int s = architecture.headSize();
        int a = m * s;
        int h = architecture.hidden();
        // One MatMul for the three projections (columns [q | k | v]), then Split: fewer, larger kernels.
        String[] qkv = graph.nodes("Split", 3, List.of(attribute("axis", -1)),
                linear(x, new String[] {prefix + ".query", prefix + ".key", prefix + ".value"}, a, h),
                graph.longs("qkv_split", new long[] {a, a, a}, 3));
        String headShape = graph.longs("head_shape", new long[] {0, 0, m, s}, 4);
        String q = graph.node("Transpose", List.of(attribute("perm", new long[] {0, 2, 1, 3})),
                graph.node("Reshape", qkv[0], headShape));
        String kTransposed = graph.node("Transpose", List.of(attribute("perm", new long[] {0, 2, 3, 1})),
                graph.node("Reshape", qkv[1], headShape));
        String v = graph.node("Transpose", List.of(attribute("perm", new long[] {0, 2, 1, 3})),
                graph.node("Reshape", qkv[2], headShape));
        String scores = graph.node("Mul", graph.node("MatMul", q, kTransposed),
                graph.floats("scale", new float[] {(float) (1.0 / Math.sqrt(s))}));
        String probabilities = graph.node("Softmax", List.of(attribute("axis", -1)), graph.node("Add", scores, mask));
        String heads = graph.node("Transpose", List.of(attribute("perm", new long[] {0, 2, 1, 3})),
                graph.node("MatMul", probabilities, v));
        String concatenated = graph.node("Reshape", heads, graph.longs("concat_shape", new long[] {0, 0, a}, 3));
        return linear(concatenated, prefix + ".output", h, a);
    }

    /** MLP: fc2(act(fc1(x))). */
    private String mlp(String x, String prefix, Activation activation) {
        int f = architecture.mlpHidden();
        int h = architecture.hidden();
        return linear(activate(linear(x, prefix + ".fc1", f, h), activation), prefix + ".fc2", h, f);
    }

    private String activate(String z, Activation activation) {
        switch (activation) {
            case GELU_TANH: {
                // 0.5·z·(1 + tanh(sqrt(2/π)·(z + 0.044715·z³))), written out (opset 17 has no Gelu operator) in the
                // node order ONNX Runtime's FastGelu fusion recognises, so it runs as one fused kernel.
                String cube = graph.node("Pow", z, graph.floats("three", new float[] {3f}));
                String inner = graph.node("Add", z,
                        graph.node("Mul", cube, graph.floats("gelu_cubic", new float[] {0.044715f})));
                String tanh = graph.node("Tanh", graph.node("Mul", inner,
                        graph.floats("gelu_scale", new float[] {(float) Math.sqrt(2.0 / Math.PI)})));
                String half = graph.node("Mul", z, graph.floats("half", new float[] {0.5f}));
                return graph.node("Mul", graph.node("Add", tanh, graph.floats("one", new float[] {1f})), half);
            }
            case GELU: {
                // 0.5·z·(1 + erf(z/√2)) in the node order ONNX Runtime's Gelu fusion recognises.
                String erf = graph.node("Erf", graph.node("Div", z,
                        graph.floats("sqrt_two", new float[] {(float) Math.sqrt(2.0)})));
                String scaled = graph.node("Mul", z, graph.node("Add", erf, graph.floats("one", new float[] {1f})));
                return graph.node("Mul", scaled, graph.floats("half", new float[] {0.5f}));
            }
            case RELU:
                return graph.node("Relu", z);
            default:
                throw new IllegalArgumentException("the ONNX exporter has no lowering for activation " + activation);
        }
    }

    /** LayerNorm over the hidden features with the stored weight and bias (opset 17 LayerNormalization). */
    private String layerNorm(String x, String prefix) {
        int h = architecture.hidden();
        return graph.node("LayerNormalization",
                List.of(attribute("axis", -1), attribute("epsilon", (float) architecture.layerNormEpsilon())),
                x, graph.floats(prefix + ".weight", weight(prefix + ".weight"), h),
                graph.floats(prefix + ".bias", weight(prefix + ".bias"), h));
    }

    /** {@code x W^T + b} with W stored [out, in] (PyTorch's nn.Linear); the initializer holds W^T [in, out]. */
    private String linear(String x, String prefix, int out, int in) {
        return linear(x, new String[] {prefix}, out, in);
    }

    /**
     * Several linear maps of the same input as one: {@code x [W_1; W_2; …]^T + [b_1; b_2; …]}, each W stored
     * [out, in]; the output's columns are the maps' outputs side by side.
     */
    private String linear(String x, String[] prefixes, int out, int in) {
        int total = out * prefixes.length;
        float[] transposed = new float[in * total];
        float[] bias = new float[total];
        for (int p = 0; p < prefixes.length; p++) {
            float[] w = weight(prefixes[p] + ".weight");
            if (w.length != out * in) {
                throw new IllegalArgumentException(prefixes[p] + ".weight must have shape [" + out + ", " + in
                        + "] (" + (out * in) + " values), found " + w.length + " values");
            }
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    transposed[i * total + p * out + o] = w[o * in + i];
                }
            }
            System.arraycopy(weight(prefixes[p] + ".bias"), 0, bias, p * out, out);
        }
        String name = prefixes.length == 1 ? prefixes[0] : prefixes[0] + "_fused";
        String product = graph.node("MatMul", x, graph.floats(name + ".weight_t", transposed, in, total));
        return graph.node("Add", product, graph.floats(name + ".bias", bias, total));
    }

    /**
     * The causal mask for the first T tokens: 0 where u ≤ t, −∞ where u > t, cut from a table for the longest
     * episode (2·maxPairs − 1 tokens).
     */
    private String causalMask(String tokenCount) {
        int size = 2 * architecture.maxPairs() - 1;
        float[] table = new float[size * size];
        for (int t = 0; t < size; t++) {
            for (int u = t + 1; u < size; u++) {
                table[t * size + u] = Float.NEGATIVE_INFINITY;
            }
        }
        String full = graph.floats("causal_mask", table, size, size);
        String ends = graph.node("Concat", List.of(attribute("axis", 0)), tokenCount, tokenCount);
        return graph.node("Slice", full, graph.longs("zeros", new long[] {0, 0}, 2), ends, graph.axes(0, 1));
    }

    private float[] weight(String name) {
        Tensor tensor = weights.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("the checkpoint has no tensor " + name);
        }
        return tensor.values();
    }
}
