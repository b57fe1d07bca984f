package org.icl4j.engine.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a loaded model offers under the in-context learner contract, checked once at load time.
 *
 * @param dimension    the input dimension d the model accepts, or 0 when the model accepts any d
 * @param maxPairs     the most pairs n per episode, or 0 when the model states no maximum
 * @param hiddenStates whether the model has the optional {@code hidden_states} output
 * @param config       the {@code icl4j.config} metadata (the model's config.json), or null when absent
 */
public record OnnxSignature(int dimension, int maxPairs, boolean hiddenStates, String config) {

    /** Input name: the episodes' inputs, float32 [batch, n, d]. */
    public static final String XS = "xs";
    /** Input name: the episodes' labels, float32 [batch, n]. */
    public static final String YS = "ys";
    /** Output name: the prefix predictions, float32 [batch, n]. */
    public static final String PREDICTIONS = "predictions";
    /** Optional output name: per-layer hidden states, float32 [layers+1, batch, tokens, hidden]. */
    public static final String HIDDEN_STATES = "hidden_states";
    /** Metadata property holding the model's config.json. */
    public static final String CONFIG_PROPERTY = "icl4j.config";

    private static final String CONTRACT = "the contract (docs/ONNX.md) needs inputs xs float32 [batch, n, d] and"
            + " ys float32 [batch, n], output predictions float32 [batch, n], optional output hidden_states"
            + " float32 [layers+1, batch, tokens, hidden]";

    /** Validates the values. */
    public OnnxSignature {
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be >= 0 (0 = any), found " + dimension);
        }
        if (maxPairs < 0) {
            throw new IllegalArgumentException("maxPairs must be >= 0 (0 = no maximum), found " + maxPairs);
        }
    }

    /**
     * Checks a session's inputs, outputs and metadata against the contract.
     *
     * @param session the session
     * @param source  the model's name in messages (e.g. its path)
     * @return the signature
     * @throws IllegalArgumentException naming every way the model departs from the contract
     * @throws OrtException             when ONNX Runtime cannot describe the session
     */
    static OnnxSignature inspect(OrtSession session, String source) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String prefix = "ONNX model " + source + " does not follow the in-context learner contract: ";
        if (!inputs.keySet().equals(new TreeSet<>(java.util.List.of(XS, YS)))) {
            throw new IllegalArgumentException(prefix + "it has inputs " + new TreeSet<>(inputs.keySet())
                    + " but " + CONTRACT);
        }
        if (!outputs.containsKey(PREDICTIONS)) {
            throw new IllegalArgumentException(prefix + "it has outputs " + new TreeSet<>(outputs.keySet())
                    + ", none named predictions; " + CONTRACT);
        }
        long[] xs = tensor(inputs, XS, 3, "[batch, n, d]", prefix);
        long[] ys = tensor(inputs, YS, 2, "[batch, n]", prefix);
        long[] predictions = tensor(outputs, PREDICTIONS, 2, "[batch, n]", prefix);
        requireDynamic(XS, xs, 0, "batch", prefix);
        requireDynamic(XS, xs, 1, "n", prefix);
        requireDynamic(YS, ys, 0, "batch", prefix);
        requireDynamic(YS, ys, 1, "n", prefix);
        requireDynamic(PREDICTIONS, predictions, 0, "batch", prefix);
        requireDynamic(PREDICTIONS, predictions, 1, "n", prefix);
        boolean hidden = outputs.containsKey(HIDDEN_STATES);
        if (hidden) {
            tensor(outputs, HIDDEN_STATES, 4, "[layers+1, batch, tokens, hidden]", prefix);
        }
        int dimension = xs[2] > 0 ? Math.toIntExact(xs[2]) : 0;

        String config = session.getMetadata().getCustomMetadata().get(CONFIG_PROPERTY);
        int maxPairs = 0;
        if (config != null) {
            Object json;
            try {
                json = JsonText.parse(config);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ONNX model " + source + " has a metadata property "
                        + CONFIG_PROPERTY + " that is not JSON (" + e.getMessage() + "); it must hold config.json", e);
            }
            int configured = positiveInt(json, source, "dimension");
            maxPairs = positiveInt(json, source, "maxPairs");
            if (configured > 0 && dimension > 0 && configured != dimension) {
                throw new IllegalArgumentException(prefix + "input xs has d = " + dimension + " but "
                        + CONFIG_PROPERTY + " says model.dimension = " + configured);
            }
            if (dimension == 0) {
                dimension = configured;
            }
        }
        return new OnnxSignature(dimension, maxPairs, hidden, config);
    }

    /**
     * Checks that episodes of this shape fit the model.
     *
     * @param pairs     n, pairs per episode
     * @param dimension d, the episodes' input dimension
     * @param source    the model's name in messages
     * @throws IllegalArgumentException when they do not
     */
    void checkEpisodes(int pairs, int dimension, String source) {
        if (this.dimension > 0 && dimension != this.dimension) {
            String allowed = config == null ? "d = " + this.dimension
                    : "d <= " + this.dimension + " (narrower episodes are padded with zero features)";
            throw new IllegalArgumentException("ONNX model " + source + " takes inputs of dimension " + allowed
                    + ", found episodes with d = " + dimension);
        }
        if (maxPairs > 0 && pairs > maxPairs) {
            throw new IllegalArgumentException("ONNX model " + source + " handles at most " + maxPairs
                    + " pairs per episode (model.maxPairs in its " + CONFIG_PROPERTY + "), found episodes with n = "
                    + pairs + "; truncate the episodes or use a model trained with more pairs");
        }
    }

    private static long[] tensor(Map<String, NodeInfo> infos, String name, int rank, String shape, String prefix) {
        if (!(infos.get(name).getInfo() instanceof TensorInfo info)) {
            throw new IllegalArgumentException(prefix + name + " must be a float32 tensor " + shape + ", found "
                    + infos.get(name).getInfo());
        }
        if (info.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException(prefix + name + " must be float32 " + shape + ", found element type "
                    + info.onnxType);
        }
        long[] dims = info.getShape();
        if (dims.length != rank) {
            throw new IllegalArgumentException(prefix + name + " must have rank " + rank + " " + shape
                    + ", found rank " + dims.length + " " + Arrays.toString(dims));
        }
        return dims;
    }

    private static void requireDynamic(String name, long[] dims, int axis, String role, String prefix) {
        if (dims[axis] > 0) {
            throw new IllegalArgumentException(prefix + "axis " + axis + " (" + role + ") of " + name
                    + " is fixed at " + dims[axis] + " but must be dynamic; when exporting from PyTorch declare"
                    + " dynamic_axes for batch and n (docs/ONNX.md)");
        }
    }

    private static int positiveInt(Object json, String source, String key) {
        Object value = JsonText.at(json, "model", key);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Double number) || number != Math.rint(number) || number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ONNX model " + source + ": model." + key + " in " + CONFIG_PROPERTY
                    + " must be a positive integer, found " + value);
        }
        return number.intValue();
    }
}
