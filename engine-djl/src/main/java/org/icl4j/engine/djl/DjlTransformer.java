package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;

/**
 * The transformer of docs/MODEL.md as DJL NDArray operations on PyTorch: a GPT-style causal decoder with the
 * paper's tokenisation. Its parameters are named exactly as the checkpoint tensors, so loading and saving is a
 * 1:1 copy.
 *
 * <p>DJL's {@code TransformerEncoderBlock} is not used: it has no causal mask and normalises differently. Every
 * block here is written from DJL's functional primitives ({@link Linear#linear}, {@link LayerNorm#layerNorm},
 * {@code matMul}, {@code softmax}).
 *
 * <p>Memory: the parameters live in this object's manager; every array a forward pass creates is attached to the
 * caller's scope manager, which the caller closes after the step.
 *
 * <p>The forward pass never uses DJL's {@code Number} overloads ({@code mul(0.5)}, {@code add(1)}, …). On PyTorch
 * each of them wraps the number in a 0-d array whose data is a small Java direct buffer, runs the operation and
 * closes that array at once; autograd keeps the 0-d tensor for the backward pass (a product's gradient is the
 * incoming gradient times the factor), but once the array is closed nothing keeps the buffer reachable, so a
 * garbage collection between forward and backward lets its cleaner free the memory and backward multiplies by
 * whatever is there then. Constants are made with {@link #constant} instead: arrays of the step's scope, alive
 * (and their buffers reachable) until the caller closes the scope after backward (docs/TRAINING.md,
 * "Determinism").
 */
public final class DjlTransformer implements AutoCloseable {

    /** 2·sqrt(2/π): the tanh GeLU's argument doubled, for the logistic form. */
    private static final double GELU_LINEAR = 2 * Math.sqrt(2.0 / Math.PI);
    /** 0.044715 · 2·sqrt(2/π). */
    private static final double GELU_CUBIC = 0.044715 * GELU_LINEAR;

    private final TransformerConfig config;
    private final NDManager manager;
    private final DataType dataType;
    private final Map<String, NDArray> parameters;

    /**
     * Creates the model on {@code device} with the given weights.
     *
     * @param config the architecture
     * @param weights exactly the tensors of {@link TransformerConfig#tensorShapes()}
     * @param parent the manager under which this model's manager is created
     * @param device the device for the parameters
     * @param dataType {@link DataType#FLOAT32} for training and inference, {@link DataType#FLOAT64} for gradient checks
     * @throws IllegalArgumentException when the weights do not match the config
     */
    public DjlTransformer(TransformerConfig config, Map<String, Tensor> weights, NDManager parent, Device device,
            DataType dataType) {
        this.config = requireNonNull(config, "config is null");
        try {
            Checkpoint.validateWeights(config, weights);
        } catch (MalformedCheckpointException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("dataType must be FLOAT32 or FLOAT64, found " + dataType);
        }
        this.dataType = dataType;
        this.manager = parent.newSubManager(device);
        Map<String, NDArray> created = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : config.tensorShapes().entrySet()) {
            Tensor tensor = weights.get(entry.getKey());
            NDArray array = manager.create(tensor.values(), shapeOf(tensor.shape()));
            if (dataType != DataType.FLOAT32) {
                NDArray converted = array.toType(dataType, true);
                array.close();
                array = converted;
            }
            array.setName(entry.getKey());
            created.put(entry.getKey(), array);
        }
        this.parameters = Collections.unmodifiableMap(created);
    }

    private static Shape shapeOf(int[] dimensions) {
        long[] shape = new long[dimensions.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dimensions[i];
        }
        return new Shape(shape);
    }

    /** @return the architecture */
    public TransformerConfig config() {
        return config;
    }

    /** @return the parameters' data type */
    public DataType dataType() {
        return dataType;
    }

    /** @return the device holding the parameters */
    public Device device() {
        return manager.getDevice();
    }

    /** @return the parameters by tensor name, in the order of docs/MODEL.md */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** Marks every parameter as requiring a gradient (for training). */
    public void requireGradients() {
        for (NDArray parameter : parameters.values()) {
            parameter.setRequiresGradient(true);
        }
    }

    /** @return a float32 copy of the weights, for checkpoints */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : config.tensorShapes().entrySet()) {
            tensors.put(entry.getKey(), Tensor.of(parameters.get(entry.getKey()).toType(DataType.FLOAT32, false)
                    .toFloatArray(), entry.getValue()));
        }
        return tensors;
    }

    /**
     * Copies tokens to the model's device as an array of the model's data type.
     *
     * @param scope the manager that owns the result
     * @param tokens tokens, row-major [B, T, d + 1] ({@link org.icl4j.formats.model.Tokens#encode})
     * @param batch B
     * @param count T
     * @return the tokens array
     */
    public NDArray tokens(NDManager scope, float[] tokens, int batch, int count) {
        NDArray array = scope.create(tokens, new Shape(batch, count, config.tokenWidth()));
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    /**
     * The forward pass of docs/MODEL.md.
     *
     * @param scope the manager that owns every intermediate array and the result
     * @param tokens tokens [B, T, d + 1], T at most {@code 2·maxPairs}
     * @param hidden when not null, receives the L + 1 hidden states [B, T, H] (embedding, then each block's output)
     * @return the readout at every token, [B, T]
     */
    public NDArray forward(NDManager scope, NDArray tokens, List<NDArray> hidden) {
        long count = tokens.getShape().get(1);
        if (count < 1 || count > config.positions()) {
            throw new IllegalArgumentException("the model reads 1 … " + config.positions() + " tokens, found " + count);
        }
        NDArray positions = parameter("position.weight").get(new NDIndex("0:{}", count));
        positions.attach(scope);
        return forward(tokens, positions, causalMask(scope, (int) count), hidden);
    }

    /**
     * The forward pass with given position embeddings and additive attention mask (0 where a token may attend,
     * −∞ where not); {@link #forward(NDManager, NDArray, List)} passes positions 0 … T−1 and the causal mask.
     */
    private NDArray forward(NDArray tokens, NDArray positions, NDArray mask, List<NDArray> hidden) {
        NDArray h = linear(tokens, "input").add(positions);
        if (hidden != null) {
            hidden.add(h);
        }
        for (int i = 0; i < config.layers(); i++) {
            h = block(h, i, mask);
            if (hidden != null) {
                hidden.add(h);
            }
        }
        NDArray last = config.hasFinalNorm() ? norm(h, "final_norm") : h;
        return linear(last, "readout").squeeze(-1);
    }

    /**
     * Predictions at the x tokens: {@code ŷ_i = out_{2i}}.
     *
     * @param outputs the readout at every token, [B, 2n − 1]
     * @return the predictions [B, n]
     */
    public static NDArray predictions(NDArray outputs) {
        return outputs.get(new NDIndex(":, ::2"));
    }

    /**
     * The training loss of docs/PAPER.md, "Tokens and loss": the mean over episodes and all n prefixes (k = 0 included)
     * of (ŷ − y)².
     *
     * @param outputs the readout at every token, [B, 2n − 1]
     * @param labels the labels y, [B, n]
     * @return the scalar loss
     */
    public static NDArray loss(NDArray outputs, NDArray labels) {
        return predictions(outputs).sub(labels).square().mean();
    }

    private NDArray parameter(String name) {
        return parameters.get(name);
    }

    private NDArray linear(NDArray input, String name) {
        NDList result = Linear.linear(input, parameter(name + ".weight"), parameter(name + ".bias"));
        return result.singletonOrThrow();
    }

    private NDArray norm(NDArray input, String name) {
        return LayerNorm.layerNorm(input, new Shape(config.hidden()), parameter(name + ".weight"),
                parameter(name + ".bias"), (float) config.layerNormEpsilon()).singletonOrThrow();
    }

    private NDArray causalMask(NDManager scope, int count) {
        float[] mask = new float[count * count];
        for (int t = 0; t < count; t++) {
            for (int u = t + 1; u < count; u++) {
                mask[t * count + u] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray array = scope.create(mask, new Shape(count, count)).toDevice(device(), false);
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    private NDArray block(NDArray h, int layer, NDArray mask) {
        String prefix = "blocks." + layer + ".";
        BlockVariant variant = config.block(layer);
        Activation activation = config.activation(layer);
        switch (variant) {
            case AUTHORS -> {
                // Akyürek et al.'s block: the normalised tensor is carried in the residual stream.
                NDArray x = norm(h, prefix + "norm1");
                x = x.add(attention(x, prefix, mask));
                x = norm(x, prefix + "norm2");
                return x.add(mlp(x, prefix, activation));
            }
            case PRE_LN -> {
                NDArray x = h.add(attention(norm(h, prefix + "norm1"), prefix, mask));
                return x.add(mlp(norm(x, prefix + "norm2"), prefix, activation));
            }
            case PLAIN -> {
                NDArray x = h.add(attention(h, prefix, mask));
                return x.add(mlp(x, prefix, activation));
            }
            case PLAIN_MLP_NORM -> {
                // Compiled constructions divide through the MLP's LayerNorm (docs/CONSTRUCTIONS.md).
                NDArray x = h.add(attention(h, prefix, mask));
                return x.add(mlp(norm(x, prefix + "norm2"), prefix, activation));
            }
            default -> throw new IllegalStateException("unhandled block " + variant);
        }
    }

    private NDArray attention(NDArray x, String prefix, NDArray mask) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long count = shape.get(1);
        int heads = config.heads();
        int size = config.headSize();
        NDArray q = splitHeads(linear(x, prefix + "attention.query"), batch, count, heads, size);
        NDArray k = splitHeads(linear(x, prefix + "attention.key"), batch, count, heads, size);
        NDArray v = splitHeads(linear(x, prefix + "attention.value"), batch, count, heads, size);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).muli(constant(q, 1.0 / Math.sqrt(size))).addi(mask);
        NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, count, (long) heads * size);
        return linear(attended, prefix + "attention.output");
    }

    /**
     * A 0-d array holding {@code value} in the model's data type, owned by {@code like}'s manager (the step's
     * scope), for products and sums the backward pass may read (see the class comment on {@code Number}
     * overloads).
     */
    private NDArray constant(NDArray like, double value) {
        NDManager scope = like.getManager();
        NDArray array = dataType == DataType.FLOAT32 ? scope.create((float) value) : scope.create(value);
        return array.toDevice(like.getDevice(), false);
    }

    private static NDArray splitHeads(NDArray projected, long batch, long count, int heads, int size) {
        return projected.reshape(batch, count, heads, size).transpose(0, 2, 1, 3);
    }

    private NDArray mlp(NDArray x, String prefix, Activation activation) {
        NDArray inner = linear(x, prefix + "mlp.fc1");
        NDArray activated = switch (activation) {
            // 0.5·z·(1 + tanh(sqrt(2/π)(z + 0.044715 z³))), the authors' GeLU approximation, computed as
            // z·σ(z·(a + b·z²)) with a = 2·sqrt(2/π), b = 0.044715·a, since (1 + tanh(u))/2 = σ(2u): six operations
            // forward instead of nine, and fewer temporaries backward. In-place updates only where autograd keeps no
            // copy (products with constants, sums); σ keeps its output and the products keep their operands.
            case GELU_TANH -> ai.djl.nn.Activation.sigmoid(inner.square().muli(constant(inner, GELU_CUBIC))
                    .addi(constant(inner, GELU_LINEAR)).mul(inner)).mul(inner);
            case GELU -> ai.djl.nn.Activation.gelu(inner); // PyTorch's exact (erf) GeLU, one fused kernel
            case RELU -> ai.djl.nn.Activation.relu(inner);
        };
        return linear(activated, prefix + "mlp.fc2");
    }

    /**
     * Episodes per forward pass in {@link #predictPrefixes} and {@link #hiddenStates}. Every pass has exactly this
     * many episodes (a short last chunk is padded with zero tokens), so that the matrix products always have the
     * same shape: PyTorch's CPU kernels then compute each episode's rows identically whatever batch the episode
     * arrives in, which makes predictions bit-for-bit batch independent. It also bounds memory.
     */
    static final int CHUNK = 64;

    private void checkFits(EpisodeBatch episodes) {
        if (episodes.dimension() > config.dimension()) {
            throw new IllegalArgumentException("episodes have dimension " + episodes.dimension()
                    + " but the model reads at most " + config.dimension());
        }
        if (episodes.length() > config.maxPairs()) {
            throw new IllegalArgumentException("episodes have " + episodes.length()
                    + " pairs but the model reads at most " + config.maxPairs());
        }
    }

    /** Tokens of episodes {@code from … from+CHUNK−1}, zero beyond the batch. */
    private float[] chunkTokens(float[] encoded, int from, int batch, int count) {
        int episodeSize = count * config.tokenWidth();
        float[] chunk = new float[CHUNK * episodeSize];
        int used = Math.min(CHUNK, batch - from);
        System.arraycopy(encoded, from * episodeSize, chunk, 0, used * episodeSize);
        return chunk;
    }

    /**
     * Predicts every prefix without recording gradients, in passes of {@value #CHUNK} episodes, each pass in its
     * own sub-manager so memory stays flat.
     *
     * @param episodes the episodes (dimension at most d, length at most maxPairs)
     * @return predictions [B, n]
     */
    public float[] predictPrefixes(EpisodeBatch episodes) {
        checkFits(episodes);
        int n = episodes.length();
        int count = TransformerConfig.tokens(n);
        int batch = episodes.batch();
        float[] encoded = Tokens.encode(episodes, config.dimension());
        float[] result = new float[batch * n];
        for (int from = 0; from < batch; from += CHUNK) {
            int used = Math.min(CHUNK, batch - from);
            try (NDManager scope = manager.newSubManager()) {
                NDArray outputs = forward(scope, tokens(scope, chunkTokens(encoded, from, batch, count), CHUNK, count),
                        null);
                float[] predictions = predictions(outputs).toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(predictions, 0, result, from * n, used * n);
            }
        }
        return result;
    }

    /**
     * Predicts query inputs against the first {@code contextPairs} pairs of each episode (the contract of
     * {@link org.icl4j.api.Estimator#predictQueries}) with one sequence per episode instead of one per query: the
     * 2k context tokens, then the m query tokens {@code [0, x_q]}, every query token at position 2k. Context tokens
     * attend causally as usual; a query token attends to the context tokens and to itself only. Since the model is
     * causal, this is exactly the computation of m separate sequences "context, query" (each query at token 2k),
     * but the context is run once: 2k + m tokens per episode instead of m·(2k + 1).
     *
     * @param episodes episodes that supply the contexts; only pairs {@code 0 … contextPairs-1} are read
     * @param contextPairs k, 0 … n, and below the model's maxPairs (the query is pair k + 1)
     * @param queries query inputs, shape [B, m, d]
     * @param queriesPerEpisode m, at least 1
     * @return predictions [B, m]
     */
    public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        requireNonNull(episodes, "episodes is null");
        requireNonNull(queries, "queries is null");
        int batch = episodes.batch();
        int d = episodes.dimension();
        int m = queriesPerEpisode;
        int k = contextPairs;
        if (k < 0 || k > episodes.length()) {
            throw new IllegalArgumentException("contextPairs must be in 0 … " + episodes.length() + ", found " + k);
        }
        if (m < 1 || queries.length != (long) batch * m * d) {
            throw new IllegalArgumentException("queries must have shape [" + batch + ", " + m + ", " + d + "] ("
                    + ((long) batch * m * d) + " values) with at least 1 query per episode, found " + queries.length
                    + " values");
        }
        if (d > config.dimension()) {
            throw new IllegalArgumentException("episodes have dimension " + d + " but the model reads at most "
                    + config.dimension());
        }
        if (k + 1 > config.maxPairs()) {
            throw new IllegalArgumentException("a query after " + k + " context pairs is pair " + (k + 1)
                    + " but the model reads at most " + config.maxPairs() + " pairs");
        }
        int context = 2 * k;
        int count = context + m;
        int width = config.tokenWidth();
        float[] encoded = new float[batch * count * width];
        for (int b = 0; b < batch; b++) {
            int episodeStart = b * count * width;
            for (int i = 0; i < k; i++) {
                // Pair i: token 2i = [0, x_i], token 2i + 1 = [y_i, 0 … 0] (docs/MODEL.md, "Tokenisation").
                System.arraycopy(episodes.xs(), episodes.xOffset(b, i), encoded, episodeStart + 2 * i * width + 1, d);
                encoded[episodeStart + (2 * i + 1) * width] = episodes.y(b, i);
            }
            for (int q = 0; q < m; q++) {
                System.arraycopy(queries, (b * m + q) * d, encoded, episodeStart + (context + q) * width + 1, d);
            }
        }
        float[] result = new float[batch * m];
        for (int from = 0; from < batch; from += CHUNK) {
            int used = Math.min(CHUNK, batch - from);
            try (NDManager scope = manager.newSubManager()) {
                // Slices of the parameter table belong to the model's manager until attached to this pass's scope;
                // arrays computed from them then belong to the scope too.
                NDArray table = parameter("position.weight");
                NDArray queryRow = table.get(new NDIndex("{}:{}", context, context + 1));
                queryRow.attach(scope);
                NDArray positions = queryRow.repeat(0, m);
                if (k > 0) {
                    NDArray contextRows = table.get(new NDIndex("0:{}", context));
                    contextRows.attach(scope);
                    positions = contextRows.concat(positions, 0);
                }
                NDArray outputs = forward(tokens(scope, chunkTokens(encoded, from, batch, count), CHUNK, count),
                        positions, queryMask(scope, context, m), null);
                float[] predictions = outputs.get(new NDIndex(":, {}:", context)).toType(DataType.FLOAT32, false)
                        .toFloatArray();
                System.arraycopy(predictions, 0, result, from * m, used * m);
            }
        }
        return result;
    }

    /** Causal among the first {@code context} tokens; each of the {@code queries} after them sees those and itself. */
    private NDArray queryMask(NDManager scope, int context, int queries) {
        int count = context + queries;
        float[] mask = new float[count * count];
        for (int t = 0; t < count; t++) {
            for (int u = 0; u < count; u++) {
                boolean visible = t < context ? u <= t : u < context || u == t;
                if (!visible) {
                    mask[t * count + u] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        NDArray array = scope.create(mask, new Shape(count, count)).toDevice(device(), false);
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    /**
     * Runs the model and returns every layer's hidden states.
     *
     * @param episodes the episodes
     * @return hidden states [L + 1, B, 2n − 1, H]
     */
    public HiddenStates hiddenStates(EpisodeBatch episodes) {
        checkFits(episodes);
        int count = TransformerConfig.tokens(episodes.length());
        int depth = config.layers() + 1;
        int width = config.hidden();
        int batch = episodes.batch();
        float[] encoded = Tokens.encode(episodes, config.dimension());
        float[] values = new float[depth * batch * count * width];
        for (int from = 0; from < batch; from += CHUNK) {
            int used = Math.min(CHUNK, batch - from);
            try (NDManager scope = manager.newSubManager()) {
                List<NDArray> hidden = new java.util.ArrayList<>();
                forward(scope, tokens(scope, chunkTokens(encoded, from, batch, count), CHUNK, count), hidden);
                for (int l = 0; l < depth; l++) {
                    float[] layer = hidden.get(l).toType(DataType.FLOAT32, false).toFloatArray();
                    System.arraycopy(layer, 0, values, (l * batch + from) * count * width, used * count * width);
                }
            }
        }
        return new HiddenStates(depth, batch, count, width, values);
    }

    /** Releases the parameters' native memory. */
    @Override
    public void close() {
        manager.close();
    }
}
