package org.icl4j.transformer.construction;

import java.util.Map;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

/**
 * The forward pass of docs/MODEL.md for the blocks a compiled model uses ({@code plain}, {@code plain-mlp-norm}),
 * with every operation in float32 and sequential accumulation: an estimate of what the float32 engines (DJL,
 * ONNX Runtime) compute, for {@link AccuracyTable}. Engines accumulate in other orders, so their errors differ
 * in detail but not in size.
 */
final class Float32Forward {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private final TransformerConfig config;
    private final Map<String, Tensor> weights;

    Float32Forward(TransformerConfig config, Map<String, Tensor> weights) {
        this.config = config;
        this.weights = weights;
    }

    float[] outputs(double[][] tokens) {
        int count = tokens.length;
        int hidden = config.hidden();
        float[][] h = new float[count][];
        float[] position = weights.get("position.weight").values();
        for (int t = 0; t < count; t++) {
            float[] token = new float[tokens[t].length];
            for (int j = 0; j < token.length; j++) {
                token[j] = (float) tokens[t][j];
            }
            h[t] = linear("input", token);
            for (int j = 0; j < hidden; j++) {
                h[t][j] += position[t * hidden + j];
            }
        }
        for (int l = 0; l < config.layers(); l++) {
            String prefix = "blocks." + l + ".";
            float[][] attended = attention(prefix, h);
            for (int t = 0; t < count; t++) {
                float[] y = new float[hidden];
                for (int j = 0; j < hidden; j++) {
                    y[j] = h[t][j] + attended[t][j];
                }
                float[] input = config.block(l) == BlockVariant.PLAIN_MLP_NORM ? norm(prefix + "norm2", y) : y;
                float[] inner = linear(prefix + "mlp.fc1", input);
                for (int i = 0; i < inner.length; i++) {
                    float z = inner[i];
                    inner[i] = 0.5f * z * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (z + 0.044715f * z * z * z)));
                }
                float[] out = linear(prefix + "mlp.fc2", inner);
                for (int j = 0; j < hidden; j++) {
                    y[j] += out[j];
                }
                h[t] = y;
            }
        }
        float[] result = new float[count];
        for (int t = 0; t < count; t++) {
            result[t] = linear("readout", h[t])[0];
        }
        return result;
    }

    private float[][] attention(String prefix, float[][] x) {
        int count = x.length;
        int heads = config.heads();
        int size = config.headSize();
        float[][] q = new float[count][];
        float[][] k = new float[count][];
        float[][] v = new float[count][];
        for (int t = 0; t < count; t++) {
            q[t] = linear(prefix + "attention.query", x[t]);
            k[t] = linear(prefix + "attention.key", x[t]);
            v[t] = linear(prefix + "attention.value", x[t]);
        }
        float scale = (float) (1 / Math.sqrt(size));
        float[][] out = new float[count][];
        for (int t = 0; t < count; t++) {
            float[] concat = new float[heads * size];
            for (int j = 0; j < heads; j++) {
                int from = j * size;
                float[] scores = new float[t + 1];
                float max = Float.NEGATIVE_INFINITY;
                for (int u = 0; u <= t; u++) {
                    float dot = 0;
                    for (int c = from; c < from + size; c++) {
                        dot += q[t][c] * k[u][c];
                    }
                    scores[u] = dot * scale;
                    max = Math.max(max, scores[u]);
                }
                float total = 0;
                for (int u = 0; u <= t; u++) {
                    scores[u] = (float) Math.exp(scores[u] - max);
                    total += scores[u];
                }
                for (int u = 0; u <= t; u++) {
                    float weight = scores[u] / total;
                    for (int c = from; c < from + size; c++) {
                        concat[c] += weight * v[u][c];
                    }
                }
            }
            out[t] = linear(prefix + "attention.output", concat);
        }
        return out;
    }

    private float[] norm(String name, float[] v) {
        float mean = 0;
        for (float value : v) {
            mean += value;
        }
        mean /= v.length;
        float variance = 0;
        for (float value : v) {
            variance += (value - mean) * (value - mean);
        }
        variance /= v.length;
        float inverse = (float) (1 / Math.sqrt(variance + (float) config.layerNormEpsilon()));
        float[] weight = weights.get(name + ".weight").values();
        float[] bias = weights.get(name + ".bias").values();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - mean) * inverse * weight[i] + bias[i];
        }
        return out;
    }

    private float[] linear(String name, float[] v) {
        Tensor w = weights.get(name + ".weight");
        float[] b = weights.get(name + ".bias").values();
        int rows = w.shape()[0];
        int columns = w.shape()[1];
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            float sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += w.values()[r * columns + c] * v[c];
            }
            out[r] = sum + b[r];
        }
        return out;
    }
}
