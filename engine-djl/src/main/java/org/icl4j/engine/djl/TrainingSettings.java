package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.Limits;
import org.icl4j.formats.model.TransformerConfig;

/**
 * Every setting of a {@link DjlTransformerLearner}: the model, the optimiser, the schedule, the curriculum and
 * the run's bookkeeping. A spec such as {@code djl:preset=quick,steps=2000,lr=5e-4} starts from a preset and
 * overrides single keys; {@link #parameters()} lists every key with its {@code tiny} default and meaning.
 * The task (dimension d, noise, priors) is not a setting: it is the task the learner trains on.
 *
 * @param preset the preset the values started from ({@code tiny}, {@code quick} or {@code paper})
 * @param pairs pairs per training episode n (and the model's maxPairs)
 * @param layers blocks L
 * @param hidden width H
 * @param heads attention heads M
 * @param headSizeConvention {@code standard} (H/M) or {@code authors} (H/M²)
 * @param mlpHidden MLP width F
 * @param block the residual block
 * @param activation the MLP non-linearity
 * @param initialisation how weights are drawn
 * @param steps optimiser updates
 * @param batch episodes per update
 * @param learningRate the peak learning rate
 * @param warmupFraction the fraction of updates spent warming up linearly
 * @param beta1 Adam β₁
 * @param beta2 Adam β₂
 * @param epsilon Adam ε
 * @param weightDecay decoupled weight decay λ (AdamW), 0 for none
 * @param clipNorm the global gradient-norm limit, 0 for none
 * @param seed the run's seed: initial weights and the episodes of update s (stream {@code Rng.of(seed, s)})
 * @param checkpointEvery write a checkpoint every this many updates (and always at the end); 0 for the end only
 * @param evaluateEvery evaluate on held-out episodes every this many updates (and at the end); 0 for the end only
 * @param evaluationBatch held-out episodes per evaluation
 * @param logEvery write a metrics line every this many updates
 * @param curriculumEvery grow the curriculum every this many updates; 0 disables the curriculum
 * @param curriculumDimensionStart the curriculum's first d
 * @param curriculumDimensionIncrement how much d grows per stage
 * @param curriculumPairsStart the curriculum's first n
 * @param curriculumPairsIncrement how much n grows per stage
 * @param device {@code cpu} or {@code gpu}
 */
public record TrainingSettings(String preset, int pairs, int layers, int hidden, int heads,
        HeadSizeConvention headSizeConvention, int mlpHidden, BlockVariant block, Activation activation,
        Initialisation initialisation, long steps, int batch, double learningRate, double warmupFraction,
        double beta1, double beta2, double epsilon, double weightDecay, double clipNorm, long seed,
        long checkpointEvery, long evaluateEvery, int evaluationBatch, long logEvery, long curriculumEvery,
        int curriculumDimensionStart, int curriculumDimensionIncrement, int curriculumPairsStart,
        int curriculumPairsIncrement, String device) {

    private static final Map<String, String[]> DESCRIPTIONS = descriptions();
    private static final Map<String, Map<String, String>> PRESETS = presets();

    /** Validates every value against its allowed range. */
    public TrainingSettings {
        requireNonNull(preset, "preset is null");
        requireNonNull(headSizeConvention, "headSizeConvention is null");
        requireNonNull(block, "block is null");
        requireNonNull(activation, "activation is null");
        requireNonNull(initialisation, "initialisation is null");
        requireNonNull(device, "device is null");
        atLeast("pairs", pairs, 1);
        atLeast("layers", layers, 1);
        atLeast("hidden", hidden, 1);
        atLeast("heads", heads, 1);
        headSizeConvention.headSize(hidden, heads);
        atLeast("mlpHidden", mlpHidden, 1);
        atLeast("steps", steps, 1);
        atLeast("batch", batch, 1);
        positive("lr", learningRate);
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException("warmup must be in [0, 1], found " + warmupFraction);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), found " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), found " + beta2);
        }
        positive("epsilon", epsilon);
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and finite, found " + weightDecay);
        }
        if (!(clipNorm >= 0 && Double.isFinite(clipNorm))) {
            throw new IllegalArgumentException("clip must be >= 0 (0 = no clipping), found " + clipNorm);
        }
        atLeast("checkpointEvery", checkpointEvery, 0);
        atLeast("evaluateEvery", evaluateEvery, 0);
        atLeast("evaluationBatch", evaluationBatch, 1);
        atLeast("logEvery", logEvery, 1);
        atLeast("curriculumEvery", curriculumEvery, 0);
        atLeast("curriculumDimensionStart", curriculumDimensionStart, 1);
        atLeast("curriculumDimensionIncrement", curriculumDimensionIncrement, 0);
        atLeast("curriculumPairsStart", curriculumPairsStart, 1);
        atLeast("curriculumPairsIncrement", curriculumPairsIncrement, 0);
        // The documented limits (docs/LIMITS.md), checked here so that a huge value is one error, not an overflow.
        Limits.requireAtMost("pairs", pairs, Limits.MAX_PAIRS);
        Limits.requireAtMost("layers", layers, Limits.MAX_LAYERS);
        Limits.requireAtMost("hidden", hidden, Limits.MAX_HIDDEN);
        Limits.requireAtMost("heads", heads, Limits.MAX_HIDDEN);
        Limits.requireAtMost("mlpHidden", mlpHidden, Limits.MAX_MLP_HIDDEN);
        Limits.requireAtMost("batch", batch, Limits.MAX_EPISODES);
        Limits.requireAtMost("evaluationBatch", evaluationBatch, Limits.MAX_EPISODES);
        if (curriculumPairsStart > pairs) {
            throw new IllegalArgumentException("curriculumPairsStart must be <= pairs (" + pairs + "), found "
                    + curriculumPairsStart);
        }
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be cpu or gpu, found '" + device + "'");
        }
    }

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", found " + value);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, found " + value);
        }
    }

    private static Map<String, String[]> descriptions() {
        // key → {tiny default, description}
        Map<String, String[]> d = new LinkedHashMap<>();
        d.put("preset", new String[] {"tiny", "starting values: tiny (seconds, tests), quick (minutes on 2 CPU cores), paper (the authors' model; for a GPU)"});
        d.put("pairs", new String[] {"8", "pairs per training episode n; also the longest episode the model reads"});
        d.put("layers", new String[] {"2", "transformer blocks L"});
        d.put("hidden", new String[] {"32", "hidden width H"});
        d.put("heads", new String[] {"2", "attention heads M"});
        d.put("headSize", new String[] {"standard", "head size: standard (H/M) or authors (H/M², the authors' code)"});
        d.put("mlpHidden", new String[] {"128", "MLP width F (4H when a preset's hidden is overridden and this is not)"});
        d.put("block", new String[] {"authors", "residual block: authors, pre-ln or plain (docs/MODEL.md)"});
        d.put("activation", new String[] {"gelu-tanh", "MLP activation: gelu-tanh or relu"});
        d.put("init", new String[] {"uniform-scaling", "initialisation: uniform-scaling (the authors') or normal"});
        d.put("initStd", new String[] {"0.02", "standard deviation of init=normal"});
        d.put("steps", new String[] {"400", "optimiser updates"});
        d.put("batch", new String[] {"32", "episodes per update (fresh episodes every update)"});
        d.put("lr", new String[] {"0.001", "peak learning rate"});
        d.put("warmup", new String[] {"0.1", "fraction of updates with linear warm-up; then half-cosine to 0"});
        d.put("beta1", new String[] {"0.9", "Adam β₁"});
        d.put("beta2", new String[] {"0.98", "Adam β₂"});
        d.put("epsilon", new String[] {"1e-9", "Adam ε"});
        d.put("weightDecay", new String[] {"0", "decoupled weight decay (AdamW)"});
        d.put("clip", new String[] {"1", "global gradient-norm clipping threshold; 0 disables it"});
        d.put("seed", new String[] {"0", "run seed: initial weights and the episodes of every update"});
        d.put("checkpointEvery", new String[] {"0", "checkpoint every this many updates (always at the end); 0 = end only"});
        d.put("evaluateEvery", new String[] {"0", "held-out evaluation every this many updates (always at the end); 0 = end only"});
        d.put("evaluationBatch", new String[] {"256", "held-out episodes per evaluation"});
        d.put("logEvery", new String[] {"10", "write a metrics.jsonl line every this many updates"});
        d.put("curriculumEvery", new String[] {"0", "grow d and n every this many updates (Garg et al.); 0 = no curriculum"});
        d.put("curriculumDimStart", new String[] {"1", "first d of the curriculum, capped at the task's d (unused x features are zero)"});
        d.put("curriculumDimIncrement", new String[] {"1", "growth of d per curriculum stage"});
        d.put("curriculumPairsStart", new String[] {"4", "first n of the curriculum"});
        d.put("curriculumPairsIncrement", new String[] {"2", "growth of n per curriculum stage"});
        d.put("device", new String[] {"cpu", "cpu or gpu (fails clearly when DJL sees no GPU)"});
        return d;
    }

    private static Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> presets = new LinkedHashMap<>();
        Map<String, String> tiny = new LinkedHashMap<>();
        DESCRIPTIONS.forEach((key, value) -> tiny.put(key, value[0]));
        presets.put("tiny", tiny);

        // The configuration docs/TRAINING.md's search found best on 2 CPU cores within about 15 minutes.
        Map<String, String> quick = new LinkedHashMap<>(tiny);
        quick.put("preset", "quick");
        quick.put("pairs", "16");
        quick.put("layers", "6");
        quick.put("hidden", "64");
        quick.put("heads", "2");
        quick.put("mlpHidden", "256");
        quick.put("steps", "15000");
        quick.put("batch", "32");
        quick.put("lr", "0.001");
        quick.put("warmup", "0.05");
        quick.put("curriculumEvery", "250");
        quick.put("curriculumDimStart", "2");
        quick.put("curriculumPairsStart", "6");
        quick.put("checkpointEvery", "1000");
        quick.put("evaluateEvery", "1000");
        quick.put("logEvery", "25");
        presets.put("quick", quick);

        // docs/PAPER.md, "Model": L = 16, H = 512, M = 4 with the authors' head size, Adam (0.9, 0.98, 1e-9), lr 1e-4,
        // 20% warm-up then half-cosine, batch 64, 500k updates, n = 40.
        Map<String, String> paper = new LinkedHashMap<>(tiny);
        paper.put("preset", "paper");
        paper.put("pairs", "40");
        paper.put("layers", "16");
        paper.put("hidden", "512");
        paper.put("heads", "4");
        paper.put("headSize", "authors");
        paper.put("mlpHidden", "2048");
        paper.put("steps", "500000");
        paper.put("batch", "64");
        paper.put("lr", "0.0001");
        paper.put("warmup", "0.2");
        paper.put("clip", "0");
        paper.put("checkpointEvery", "5000");
        paper.put("evaluateEvery", "10000");
        paper.put("logEvery", "100");
        presets.put("paper", paper);
        return presets;
    }

    /** @return every spec key with its {@code tiny} default and description */
    public static List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        DESCRIPTIONS.forEach((key, value) -> parameters.add(new Parameter(key, value[0], value[1])));
        return parameters;
    }

    /** @return the preset names */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    /**
     * @param name {@code tiny}, {@code quick} or {@code paper}
     * @return the preset's settings
     */
    public static TrainingSettings preset(String name) {
        return fromSpec(new Spec("djl", Map.of("preset", name)));
    }

    /**
     * Settings from a spec: the preset named by {@code preset} (default {@code tiny}), then every other key.
     * When {@code hidden} is given but {@code mlpHidden} is not, the MLP width follows as 4H.
     *
     * @param spec e.g. {@code djl:preset=quick,steps=2000}
     * @return the settings
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public static TrainingSettings fromSpec(Spec spec) {
        spec.requireKnownParameters(DESCRIPTIONS.keySet());
        String presetName = spec.stringValue("preset", "tiny");
        Map<String, String> preset = PRESETS.get(presetName);
        if (preset == null) {
            throw new IllegalArgumentException("unknown preset '" + presetName + "'; allowed: "
                    + String.join(", ", PRESETS.keySet()));
        }
        Map<String, String> values = new LinkedHashMap<>(preset);
        values.putAll(spec.parameters());
        if (spec.get("hidden").isPresent() && spec.get("mlpHidden").isEmpty()) {
            values.put("mlpHidden", String.valueOf(4 * spec.intValue("hidden", 0)));
        }
        return fromValues(new Spec("djl", values));
    }

    private static TrainingSettings fromValues(Spec values) {
        long steps = longValue(values, "steps");
        return new TrainingSettings(values.stringValue("preset", "tiny"), values.intValue("pairs", 0),
                values.intValue("layers", 0), values.intValue("hidden", 0), values.intValue("heads", 0),
                HeadSizeConvention.fromId(values.stringValue("headSize", "")), values.intValue("mlpHidden", 0),
                BlockVariant.fromId(values.stringValue("block", "")),
                Activation.fromId(values.stringValue("activation", "")),
                new Initialisation(values.stringValue("init", ""), values.doubleValue("initStd", 0)), steps,
                values.intValue("batch", 0), values.doubleValue("lr", 0), values.doubleValue("warmup", 0),
                values.doubleValue("beta1", 0), values.doubleValue("beta2", 0), values.doubleValue("epsilon", 0),
                values.doubleValue("weightDecay", 0), values.doubleValue("clip", 0), longValue(values, "seed"),
                longValue(values, "checkpointEvery"), longValue(values, "evaluateEvery"),
                values.intValue("evaluationBatch", 0), longValue(values, "logEvery"),
                longValue(values, "curriculumEvery"), values.intValue("curriculumDimStart", 0),
                values.intValue("curriculumDimIncrement", 0), values.intValue("curriculumPairsStart", 0),
                values.intValue("curriculumPairsIncrement", 0), values.stringValue("device", ""));
    }

    private static long longValue(Spec values, String key) {
        String raw = values.stringValue(key, "");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' must be an integer, found '" + raw + "'");
        }
    }

    /** @return every setting as spec key → value text, in {@link #parameters()} order */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("preset", preset);
        values.put("pairs", String.valueOf(pairs));
        values.put("layers", String.valueOf(layers));
        values.put("hidden", String.valueOf(hidden));
        values.put("heads", String.valueOf(heads));
        values.put("headSize", headSizeConvention.id());
        values.put("mlpHidden", String.valueOf(mlpHidden));
        values.put("block", block.id());
        values.put("activation", activation.id());
        values.put("init", initialisation.kind());
        values.put("initStd", String.valueOf(initialisation.std()));
        values.put("steps", String.valueOf(steps));
        values.put("batch", String.valueOf(batch));
        values.put("lr", String.valueOf(learningRate));
        values.put("warmup", String.valueOf(warmupFraction));
        values.put("beta1", String.valueOf(beta1));
        values.put("beta2", String.valueOf(beta2));
        values.put("epsilon", String.valueOf(epsilon));
        values.put("weightDecay", String.valueOf(weightDecay));
        values.put("clip", String.valueOf(clipNorm));
        values.put("seed", String.valueOf(seed));
        values.put("checkpointEvery", String.valueOf(checkpointEvery));
        values.put("evaluateEvery", String.valueOf(evaluateEvery));
        values.put("evaluationBatch", String.valueOf(evaluationBatch));
        values.put("logEvery", String.valueOf(logEvery));
        values.put("curriculumEvery", String.valueOf(curriculumEvery));
        values.put("curriculumDimStart", String.valueOf(curriculumDimensionStart));
        values.put("curriculumDimIncrement", String.valueOf(curriculumDimensionIncrement));
        values.put("curriculumPairsStart", String.valueOf(curriculumPairsStart));
        values.put("curriculumPairsIncrement", String.valueOf(curriculumPairsIncrement));
        values.put("device", device);
        return values;
    }

    /** @return the spec string that recreates these settings */
    public Spec toSpec() {
        return new Spec("djl", values());
    }

    /**
     * @param overrides spec keys to change, e.g. {@code steps}
     * @return a copy with those keys replaced
     */
    public TrainingSettings with(Map<String, String> overrides) {
        Map<String, String> values = values();
        values.putAll(overrides);
        return fromValues(new Spec("djl", values));
    }

    /** @return the {@code training} object of config.json: every key of {@link #values()} */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("learner", "djl");
        values().forEach(node::put);
        return node;
    }

    /**
     * @param node the {@code training} object of a checkpoint's config.json
     * @return the settings it records
     */
    public static TrainingSettings fromJson(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("learner")) {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        new Spec("djl", values).requireKnownParameters(DESCRIPTIONS.keySet());
        return fromValues(new Spec("djl", values));
    }

    /**
     * @param dimension the task's d
     * @return the model this learner trains
     */
    public TransformerConfig modelConfig(int dimension) {
        TransformerConfig config = new TransformerConfig(dimension, pairs, layers, hidden, heads,
                headSizeConvention.headSize(hidden, heads), mlpHidden, block, activation,
                TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
        Limits.requireMachineMemory("training a model of " + config.parameterCount() + " parameters with batch " + batch
                + " and " + pairs + " pairs", trainingBytes(config));
        return config;
    }

    /**
     * A lower bound of the native memory training needs: weights, gradients and the two Adam moments (4 floats per
     * parameter), and per block the activations autograd keeps for one batch (the residual stream, the attention
     * projections and scores, and the MLP's inner layer).
     */
    private long trainingBytes(TransformerConfig config) {
        long tokens = 2L * pairs;
        long perBlock = Limits.saturatedSum(Limits.saturatedProduct(batch, tokens, 8L * hidden + 2L * mlpHidden),
                Limits.saturatedProduct(batch, 3L * heads, tokens, tokens));
        return Limits.saturatedProduct(Float.BYTES, Limits.saturatedSum(Limits.saturatedProduct(4, config.parameterCount()),
                Limits.saturatedProduct(layers, perBlock)));
    }

    /** @return the warm-up then half-cosine schedule over {@link #steps()} */
    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, Math.round(warmupFraction * steps), steps);
    }

    /**
     * The curriculum's dimension for update index {@code step} (0-based).
     *
     * @param step updates done before this one
     * @param dimension the task's full d
     * @return d at this step
     */
    public int curriculumDimension(long step, int dimension) {
        if (curriculumEvery == 0) {
            return dimension;
        }
        // A start above the task's d (e.g. the quick preset's 2 on a d = 1 task) starts at the full d.
        long grown = curriculumDimensionStart + (step / curriculumEvery) * curriculumDimensionIncrement;
        return (int) Math.min(dimension, Math.min(grown, Integer.MAX_VALUE));
    }

    /**
     * The curriculum's pairs for update index {@code step} (0-based).
     *
     * @param step updates done before this one
     * @return n at this step
     */
    public int curriculumPairs(long step) {
        if (curriculumEvery == 0) {
            return pairs;
        }
        long grown = curriculumPairsStart + (step / curriculumEvery) * curriculumPairsIncrement;
        return (int) Math.min(pairs, grown);
    }
}
