package org.icl4j.transformer;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;

/**
 * The transformer of docs/MODEL.md evaluated in plain Java, in double precision, one token at a time.
 *
 * <p>It is written for clarity, not speed, and is the independent oracle that the DJL engine, the ONNX exporter
 * and the construction compiler are tested against. Episodes narrower than the model's dimension are padded
 * with zero features ({@link Tokens#encode}); episodes longer than {@code maxPairs} are refused.
 */
public final class ReferenceTransformer implements HiddenStateEstimator {

    private final TransformerConfig config;
    private final Linear input;
    private final double[][] position;
    private final Layer[] layers;
    private final Norm finalNorm;
    private final Linear readout;

    /**
     * @param config the architecture
     * @param weights exactly the tensors of {@link TransformerConfig#tensorShapes()}
     * @throws IllegalArgumentException when the weights do not match the config
     */
    public ReferenceTransformer(TransformerConfig config, Map<String, Tensor> weights) {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(weights, "weights is null");
        try {
            Checkpoint.validateWeights(config, weights);
        } catch (MalformedCheckpointException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        input = new Linear(weights, "input");
        Tensor positions = weights.get("position.weight");
        position = new double[config.positions()][config.hidden()];
        for (int t = 0; t < config.positions(); t++) {
            for (int j = 0; j < config.hidden(); j++) {
                position[t][j] = positions.values()[t * config.hidden() + j];
            }
        }
        layers = new Layer[config.layers()];
        for (int i = 0; i < layers.length; i++) {
            String prefix = "blocks." + i + ".";
            BlockVariant block = config.block(i);
            layers[i] = new Layer(block, config.activation(i),
                    block.hasNorm1() ? new Norm(weights, prefix + "norm1", config.layerNormEpsilon()) : null,
                    new Linear(weights, prefix + "attention.query"), new Linear(weights, prefix + "attention.key"),
                    new Linear(weights, prefix + "attention.value"), new Linear(weights, prefix + "attention.output"),
                    block.hasNorm2() ? new Norm(weights, prefix + "norm2", config.layerNormEpsilon()) : null,
                    new Linear(weights, prefix + "mlp.fc1"), new Linear(weights, prefix + "mlp.fc2"));
        }
        finalNorm = config.hasFinalNorm() ? new Norm(weights, "final_norm", config.layerNormEpsilon()) : null;
        readout = new Linear(weights, "readout");
    }

    /**
     * Loads a checkpoint directory's weights (its resume state is not read).
     *
     * @param checkpoint the checkpoint directory
     * @return the model
     * @throws IOException when the checkpoint cannot be read or is malformed
     */
    public static ReferenceTransformer load(Path checkpoint) throws IOException {
        Checkpoint read = Checkpoint.read(checkpoint, false);
        return new ReferenceTransformer(read.model(), read.weights());
    }

    /** @return the architecture */
    public TransformerConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "reference-transformer";
    }

    /**
     * The forward pass of one sequence.
     *
     * @param hidden the hidden states, [L + 1][T][H]: entry 0 the embedding, entry l the output of block l
     * @param outputs the readout at every token, [T]
     */
    public record Forward(double[][][] hidden, double[] outputs) {
    }

    /**
     * Runs the model on one token sequence.
     *
     * @param tokens the tokens, [T][d + 1], T at most {@code 2·maxPairs}
     * @return hidden states and readouts
     */
    public Forward forward(double[][] tokens) {
        int count = tokens.length;
        if (count < 1 || count > config.positions()) {
            throw new IllegalArgumentException("the model reads 1 … " + config.positions() + " tokens, found " + count);
        }
        double[][][] hidden = new double[layers.length + 1][][];
        double[][] h = new double[count][];
        for (int t = 0; t < count; t++) {
            if (tokens[t].length != config.tokenWidth()) {
                throw new IllegalArgumentException("tokens must have width d + 1 = " + config.tokenWidth()
                        + ", found " + tokens[t].length + " at token " + t);
            }
            h[t] = add(input.apply(tokens[t]), position[t]);
        }
        hidden[0] = h;
        for (int l = 0; l < layers.length; l++) {
            h = layers[l].apply(h, config.heads(), config.headSize());
            hidden[l + 1] = h;
        }
        double[] outputs = new double[count];
        for (int t = 0; t < count; t++) {
            double[] last = finalNorm == null ? h[t] : finalNorm.apply(h[t]);
            outputs[t] = readout.apply(last)[0];
        }
        return new Forward(hidden, outputs);
    }

    private double[][] tokensOf(float[] encoded, int b, int count) {
        int width = config.tokenWidth();
        double[][] tokens = new double[count][width];
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < width; j++) {
                tokens[t][j] = encoded[(b * count + t) * width + j];
            }
        }
        return tokens;
    }

    private void checkFits(EpisodeBatch episodes) {
        if (episodes.dimension() > config.dimension()) {
            throw new IllegalArgumentException("episodes have dimension " + episodes.dimension()
                    + " but the model reads at most " + config.dimension());
        }
        if (episodes.length() > config.maxPairs()) {
            throw new IllegalArgumentException("episodes have " + episodes.length() + " pairs but the model reads at most "
                    + config.maxPairs());
        }
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        checkFits(episodes);
        int n = episodes.length();
        int count = TransformerConfig.tokens(n);
        float[] encoded = Tokens.encode(episodes, config.dimension());
        float[] predictions = new float[episodes.batch() * n];
        for (int b = 0; b < episodes.batch(); b++) {
            double[] outputs = forward(tokensOf(encoded, b, count)).outputs();
            for (int i = 0; i < n; i++) {
                predictions[b * n + i] = (float) outputs[2 * i];
            }
        }
        return predictions;
    }

    @Override
    public HiddenStates hiddenStates(EpisodeBatch episodes) {
        checkFits(episodes);
        int count = TransformerConfig.tokens(episodes.length());
        int width = config.hidden();
        int depth = layers.length + 1;
        float[] encoded = Tokens.encode(episodes, config.dimension());
        float[] values = new float[depth * episodes.batch() * count * width];
        for (int b = 0; b < episodes.batch(); b++) {
            double[][][] hidden = forward(tokensOf(encoded, b, count)).hidden();
            for (int l = 0; l < depth; l++) {
                for (int t = 0; t < count; t++) {
                    int offset = ((l * episodes.batch() + b) * count + t) * width;
                    for (int j = 0; j < width; j++) {
                        values[offset + j] = (float) hidden[l][t][j];
                    }
                }
            }
        }
        return new HiddenStates(depth, episodes.batch(), count, width, values);
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    /** {@code W v + b} with W stored [out, in]. */
    private static final class Linear {
        private final double[][] weight;
        private final double[] bias;

        Linear(Map<String, Tensor> weights, String name) {
            Tensor w = weights.get(name + ".weight");
            Tensor b = weights.get(name + ".bias");
            int out = w.shape()[0];
            int in = w.shape()[1];
            weight = new double[out][in];
            bias = new double[out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    weight[o][i] = w.values()[o * in + i];
                }
                bias[o] = b.values()[o];
            }
        }

        double[] apply(double[] v) {
            double[] out = new double[weight.length];
            for (int o = 0; o < weight.length; o++) {
                double sum = bias[o];
                for (int i = 0; i < v.length; i++) {
                    sum += weight[o][i] * v[i];
                }
                out[o] = sum;
            }
            return out;
        }
    }

    /** LayerNorm with biased variance over the features. */
    private static final class Norm {
        private final double[] weight;
        private final double[] bias;
        private final double epsilon;

        Norm(Map<String, Tensor> weights, String name, double epsilon) {
            float[] w = weights.get(name + ".weight").values();
            float[] b = weights.get(name + ".bias").values();
            weight = new double[w.length];
            bias = new double[b.length];
            for (int i = 0; i < w.length; i++) {
                weight[i] = w[i];
                bias[i] = b[i];
            }
            this.epsilon = epsilon;
        }

        double[] apply(double[] v) {
            double mean = 0;
            for (double value : v) {
                mean += value;
            }
            mean /= v.length;
            double variance = 0;
            for (double value : v) {
                variance += (value - mean) * (value - mean);
            }
            variance /= v.length;
            double scale = 1.0 / Math.sqrt(variance + epsilon);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (v[i] - mean) * scale * weight[i] + bias[i];
            }
            return out;
        }
    }

    private record Layer(BlockVariant block, Activation activation, Norm norm1, Linear query, Linear key,
            Linear value, Linear output, Norm norm2, Linear fc1, Linear fc2) {

        double[][] apply(double[][] h, int heads, int headSize) {
            int count = h.length;
            double[][] result = new double[count][];
            switch (block) {
                case AUTHORS -> {
                    double[][] x = map(h, norm1::apply);
                    double[][] attended = attention(x, heads, headSize);
                    for (int t = 0; t < count; t++) {
                        double[] y = norm2.apply(add(x[t], attended[t]));
                        result[t] = add(y, mlp(y));
                    }
                }
                case PRE_LN -> {
                    double[][] attended = attention(map(h, norm1::apply), heads, headSize);
                    for (int t = 0; t < count; t++) {
                        double[] y = add(h[t], attended[t]);
                        result[t] = add(y, mlp(norm2.apply(y)));
                    }
                }
                case PLAIN -> {
                    double[][] attended = attention(h, heads, headSize);
                    for (int t = 0; t < count; t++) {
                        double[] y = add(h[t], attended[t]);
                        result[t] = add(y, mlp(y));
                    }
                }
                case PLAIN_MLP_NORM -> {
                    double[][] attended = attention(h, heads, headSize);
                    for (int t = 0; t < count; t++) {
                        double[] y = add(h[t], attended[t]);
                        result[t] = add(y, mlp(norm2.apply(y)));
                    }
                }
                default -> throw new IllegalStateException("unhandled block " + block);
            }
            return result;
        }

        private static double[][] map(double[][] rows, java.util.function.UnaryOperator<double[]> function) {
            double[][] out = new double[rows.length][];
            for (int t = 0; t < rows.length; t++) {
                out[t] = function.apply(rows[t]);
            }
            return out;
        }

        private double[] mlp(double[] x) {
            double[] inner = fc1.apply(x);
            for (int i = 0; i < inner.length; i++) {
                inner[i] = activation.apply(inner[i]);
            }
            return fc2.apply(inner);
        }

        private double[][] attention(double[][] x, int heads, int headSize) {
            int count = x.length;
            double[][] q = map(x, query::apply);
            double[][] k = map(x, key::apply);
            double[][] v = map(x, value::apply);
            double scale = 1.0 / Math.sqrt(headSize);
            double[][] out = new double[count][];
            for (int t = 0; t < count; t++) {
                double[] concat = new double[heads * headSize];
                for (int j = 0; j < heads; j++) {
                    int from = j * headSize;
                    // Causal softmax over u = 0 … t, shifted by the maximum score for stability.
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= t; u++) {
                        double dot = 0;
                        for (int c = from; c < from + headSize; c++) {
                            dot += q[t][c] * k[u][c];
                        }
                        scores[u] = dot * scale;
                        max = Math.max(max, scores[u]);
                    }
                    double total = 0;
                    for (int u = 0; u <= t; u++) {
                        scores[u] = Math.exp(scores[u] - max);
                        total += scores[u];
                    }
                    for (int u = 0; u <= t; u++) {
                        double weight = scores[u] / total;
                        for (int c = from; c < from + headSize; c++) {
                            concat[c] += weight * v[u][c];
                        }
                    }
                }
                out[t] = output.apply(concat);
            }
            return out;
        }
    }
}
