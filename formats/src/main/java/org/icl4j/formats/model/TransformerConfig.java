package org.icl4j.formats.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.icl4j.formats.Limits;

/**
 * The architecture of an icl4j transformer (docs/MODEL.md): everything needed to build the model and to check
 * a checkpoint's tensors, and nothing about training.
 *
 * <p>Per-layer settings are read through {@link #block(int)} and {@link #activation(int)}, never through the
 * record fields directly, so that per-block overrides can be added later as a new optional config field
 * without changing any reader's code path. Fields that change the forward pass are only ever added together
 * with a new checkpoint {@code formatVersion}, which older readers refuse.
 *
 * @param dimension input width d, at least 1
 * @param maxPairs the longest episode n the position embedding covers, at least 1 (2·maxPairs positions)
 * @param layers number of blocks L, at least 0
 * @param hidden hidden width H, at least 1
 * @param heads number of attention heads M, at least 1
 * @param headSize features per head s, at least 1 (H/M standard; H/M² in the authors' code)
 * @param mlpHidden the MLP's inner width F, at least 1 (4H by default)
 * @param block the residual block
 * @param activation the MLP non-linearity
 * @param layerNormEpsilon ε added to the variance in LayerNorm, positive and finite
 * @param blockOverrides per-block replacements of {@code block}, block index → variant (config.json field
 *     {@code blockOverrides}, format version 2); empty for an ordinary model
 */
public record TransformerConfig(int dimension, int maxPairs, int layers, int hidden, int heads, int headSize,
        int mlpHidden, BlockVariant block, Activation activation, double layerNormEpsilon,
        Map<Integer, BlockVariant> blockOverrides) {

    /** The LayerNorm ε of the authors' model and of PyTorch's default. */
    public static final double DEFAULT_LAYER_NORM_EPSILON = 1e-5;

    /** Validates every field, naming the field, the value found and what is allowed. */
    public TransformerConfig {
        requireAtLeast("dimension", dimension, 1);
        requireAtLeast("maxPairs", maxPairs, 1);
        requireAtLeast("layers", layers, 0);
        requireAtLeast("hidden", hidden, 1);
        requireAtLeast("heads", heads, 1);
        requireAtLeast("headSize", headSize, 1);
        requireAtLeast("mlpHidden", mlpHidden, 1);
        Limits.requireAtMost("dimension", dimension, Limits.MAX_DIMENSION);
        Limits.requireAtMost("maxPairs", maxPairs, Limits.MAX_PAIRS);
        Limits.requireAtMost("layers", layers, Limits.MAX_LAYERS);
        Limits.requireAtMost("hidden", hidden, Limits.MAX_HIDDEN);
        Limits.requireAtMost("heads", heads, Limits.MAX_HIDDEN);
        Limits.requireAtMost("heads·headSize", (long) heads * headSize, Limits.MAX_HIDDEN);
        Limits.requireAtMost("mlpHidden", mlpHidden, Limits.MAX_MLP_HIDDEN);
        Limits.requireAtMost("2·maxPairs·hidden (the position embedding)", 2L * maxPairs * hidden, Limits.MAX_ARRAY_VALUES);
        Limits.requireAtMost("hidden·mlpHidden (the MLP's weight)", (long) hidden * mlpHidden, Limits.MAX_ARRAY_VALUES);
        Limits.requireAtMost("hidden·heads·headSize (an attention weight)", (long) hidden * heads * headSize,
                Limits.MAX_ARRAY_VALUES);
        requireNonNull(block, "block is null");
        requireNonNull(activation, "activation is null");
        if (!(layerNormEpsilon > 0 && Double.isFinite(layerNormEpsilon))) {
            throw new IllegalArgumentException("layerNormEpsilon must be > 0 and finite, found " + layerNormEpsilon);
        }
        requireNonNull(blockOverrides, "blockOverrides is null");
        for (Map.Entry<Integer, BlockVariant> override : blockOverrides.entrySet()) {
            requireNonNull(override.getValue(), "blockOverrides value is null");
            int layer = override.getKey();
            if (layer < 0 || layer >= layers) {
                throw new IllegalArgumentException("blockOverrides names block " + layer + "; blocks are 0 … "
                        + (layers - 1));
            }
            if (override.getValue().hasFinalNorm() != block.hasFinalNorm()) {
                throw new IllegalArgumentException("blockOverrides sets block " + layer + " to '"
                        + override.getValue() + "', which disagrees with block '" + block
                        + "' about the final LayerNorm; overrides must keep the model's final norm");
            }
        }
        blockOverrides = Collections.unmodifiableMap(new TreeMap<>(blockOverrides));
        Limits.requireAtMost("the parameter count", countParameters(dimension, maxPairs, layers, hidden,
                (long) heads * headSize, mlpHidden, block, blockOverrides), Limits.MAX_PARAMETERS);
    }

    /**
     * A config in which every block is {@code block}.
     *
     * @param dimension input width d
     * @param maxPairs longest episode n
     * @param layers blocks L
     * @param hidden width H
     * @param heads heads M
     * @param headSize features per head
     * @param mlpHidden MLP width
     * @param block the residual block
     * @param activation the MLP non-linearity
     * @param layerNormEpsilon LayerNorm ε
     */
    public TransformerConfig(int dimension, int maxPairs, int layers, int hidden, int heads, int headSize,
            int mlpHidden, BlockVariant block, Activation activation, double layerNormEpsilon) {
        this(dimension, maxPairs, layers, hidden, heads, headSize, mlpHidden, block, activation, layerNormEpsilon,
                Map.of());
    }

    /**
     * @return the config.json {@code formatVersion} this config needs: 1, or 2 when it has block overrides
     */
    public int formatVersion() {
        return blockOverrides.isEmpty() ? 1 : 2;
    }

    /**
     * A config with the defaults of docs/MODEL.md: MLP width 4H, GeLU (tanh), ε = 1e-5.
     *
     * @param dimension input width d
     * @param maxPairs longest episode n
     * @param layers blocks L
     * @param hidden width H
     * @param heads heads M
     * @param convention how the head size follows from H and M
     * @param block the residual block
     * @return the config
     */
    public static TransformerConfig of(int dimension, int maxPairs, int layers, int hidden, int heads,
            HeadSizeConvention convention, BlockVariant block) {
        return new TransformerConfig(dimension, maxPairs, layers, hidden, heads, convention.headSize(hidden, heads),
                4 * hidden, block, Activation.GELU_TANH, DEFAULT_LAYER_NORM_EPSILON);
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", found " + value);
        }
    }

    /**
     * @param pairs pairs in an episode n
     * @return the number of tokens the model reads, 2n − 1 (the last label token is never read)
     */
    public static int tokens(int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be >= 1, found " + pairs);
        }
        return 2 * pairs - 1;
    }

    /** @return the width of the token vectors, d + 1 */
    public int tokenWidth() {
        return dimension + 1;
    }

    /** @return the number of learned positions P = 2·maxPairs */
    public int positions() {
        return 2 * maxPairs;
    }

    /** @return the attention width A = heads·headSize */
    public int attentionWidth() {
        return heads * headSize;
    }

    /**
     * @param layer block index 0 … L−1
     * @return that block's variant
     */
    public BlockVariant block(int layer) {
        checkLayer(layer);
        return blockOverrides.getOrDefault(layer, block);
    }

    /**
     * @param layer block index 0 … L−1
     * @return that block's MLP activation
     */
    public Activation activation(int layer) {
        checkLayer(layer);
        return activation;
    }

    /** @return whether a final LayerNorm {@code final_norm} precedes the readout */
    public boolean hasFinalNorm() {
        return block.hasFinalNorm();
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer must be in 0 … " + (layers - 1) + ", found " + layer);
        }
    }

    /**
     * The tensors a checkpoint of this model holds, in the order of docs/MODEL.md.
     *
     * @return tensor name → shape
     */
    public Map<String, int[]> tensorShapes() {
        int h = hidden;
        int a = attentionWidth();
        int f = mlpHidden;
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("input.weight", new int[] {h, tokenWidth()});
        shapes.put("input.bias", new int[] {h});
        shapes.put("position.weight", new int[] {positions(), h});
        for (int i = 0; i < layers; i++) {
            String prefix = "blocks." + i + ".";
            if (block(i).hasNorm1()) {
                shapes.put(prefix + "norm1.weight", new int[] {h});
                shapes.put(prefix + "norm1.bias", new int[] {h});
            }
            for (String projection : new String[] {"query", "key", "value"}) {
                shapes.put(prefix + "attention." + projection + ".weight", new int[] {a, h});
                shapes.put(prefix + "attention." + projection + ".bias", new int[] {a});
            }
            shapes.put(prefix + "attention.output.weight", new int[] {h, a});
            shapes.put(prefix + "attention.output.bias", new int[] {h});
            if (block(i).hasNorm2()) {
                shapes.put(prefix + "norm2.weight", new int[] {h});
                shapes.put(prefix + "norm2.bias", new int[] {h});
            }
            shapes.put(prefix + "mlp.fc1.weight", new int[] {f, h});
            shapes.put(prefix + "mlp.fc1.bias", new int[] {f});
            shapes.put(prefix + "mlp.fc2.weight", new int[] {h, f});
            shapes.put(prefix + "mlp.fc2.bias", new int[] {h});
        }
        if (hasFinalNorm()) {
            shapes.put("final_norm.weight", new int[] {h});
            shapes.put("final_norm.bias", new int[] {h});
        }
        shapes.put("readout.weight", new int[] {1, h});
        shapes.put("readout.bias", new int[] {1});
        return Collections.unmodifiableMap(shapes);
    }

    /**
     * The number of trainable parameters, computed from the sizes (the same count as summing the shapes of
     * {@link #tensorShapes()}, without building them), so that it can be checked before anything is allocated.
     *
     * @return the number of trainable parameters
     */
    public long parameterCount() {
        return countParameters(dimension, maxPairs, layers, hidden, attentionWidth(), mlpHidden, block, blockOverrides);
    }

    // Called by the compact constructor, before the fields are assigned, so it reads only its arguments.
    private static long countParameters(int dimension, int maxPairs, int layers, long h, long a, long f,
            BlockVariant block, Map<Integer, BlockVariant> blockOverrides) {
        long count = h * (dimension + 1) + h + 2L * maxPairs * h + h + 1;
        for (int i = 0; i < layers; i++) {
            BlockVariant variant = blockOverrides.getOrDefault(i, block);
            count += (variant.hasNorm1() ? 2 * h : 0) + (variant.hasNorm2() ? 2 * h : 0);
            count += 3 * (a * h + a) + h * a + h + f * h + f + h * f + h;
        }
        return count + (block.hasFinalNorm() ? 2 * h : 0);
    }

    /** @return this config as the {@code model} object of config.json */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("dimension", dimension);
        node.put("maxPairs", maxPairs);
        node.put("layers", layers);
        node.put("hidden", hidden);
        node.put("heads", heads);
        node.put("headSize", headSize);
        node.put("mlpHidden", mlpHidden);
        node.put("block", block.id());
        node.put("activation", activation.id());
        node.put("layerNormEpsilon", layerNormEpsilon);
        if (!blockOverrides.isEmpty()) {
            ObjectNode overrides = node.putObject("blockOverrides");
            blockOverrides.forEach((layer, variant) -> overrides.put(Integer.toString(layer), variant.id()));
        }
        return node;
    }

    /**
     * Reads the {@code model} object of config.json. Every field is required except {@code blockOverrides};
     * unknown fields are ignored.
     *
     * @param node the JSON object
     * @return the config
     * @throws IllegalArgumentException naming a missing or invalid field
     */
    public static TransformerConfig fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("model config must be a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        return new TransformerConfig(intField(node, "dimension"), intField(node, "maxPairs"),
                intField(node, "layers"), intField(node, "hidden"), intField(node, "heads"),
                intField(node, "headSize"), intField(node, "mlpHidden"),
                BlockVariant.fromId(textField(node, "block")), Activation.fromId(textField(node, "activation")),
                numberField(node, "layerNormEpsilon"), overridesField(node));
    }

    private static Map<Integer, BlockVariant> overridesField(JsonNode node) {
        JsonNode value = node.get("blockOverrides");
        Map<Integer, BlockVariant> overrides = new TreeMap<>();
        if (value == null || value.isNull()) {
            return overrides;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("model config field 'blockOverrides' must be an object mapping block "
                    + "indices to block names, found " + value);
        }
        value.fields().forEachRemaining(entry -> {
            int layer;
            try {
                layer = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model config field 'blockOverrides' has the key '"
                        + entry.getKey() + "'; keys are block indices 0 … layers − 1");
            }
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("model config field 'blockOverrides' maps block " + layer
                        + " to " + entry.getValue() + "; values are block names");
            }
            overrides.put(layer, BlockVariant.fromId(entry.getValue().textValue()));
        });
        return overrides;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("model config lacks the field '" + name + "'");
        }
        return value;
    }

    /**
     * An int field. A whole number written as a decimal or with an exponent ({@code 1e3}) is read as the integer it
     * is; a value beyond int is named as too large (the constructor then names the documented limit), not as "not
     * an integer".
     */
    private static int intField(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("model config field '" + name + "' must be an integer, found " + value);
        }
        if (!value.isIntegralNumber()) {
            double number = value.doubleValue();
            if (number != Math.rint(number) || !Double.isFinite(number)) {
                throw new IllegalArgumentException("model config field '" + name + "' must be a whole number, found "
                        + value.asText());
            }
            if (Math.abs(number) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("model config field '" + name + "' is beyond the range of an int "
                        + "(docs/LIMITS.md gives its limit), found " + new java.math.BigDecimal(number).toPlainString());
            }
            return (int) number;
        }
        if (!value.canConvertToInt()) {
            throw new IllegalArgumentException("model config field '" + name + "' is beyond the range of an int "
                    + "(docs/LIMITS.md gives its limit), found " + value.bigIntegerValue());
        }
        return value.intValue();
    }

    private static double numberField(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("model config field '" + name + "' must be a number, found " + value);
        }
        return value.doubleValue();
    }

    private static String textField(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("model config field '" + name + "' must be a string, found " + value);
        }
        return value.textValue();
    }
}
