package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.formats.Limits;
import org.icl4j.formats.model.TransformerConfig;

/**
 * Every setting of a {@link DjlTransformerLearner}, one validated record per concern: the {@link ModelSettings
 * model}, the {@link OptimiserSettings optimiser}, the {@link ScheduleSettings schedule}, the
 * {@link CurriculumSettings curriculum} and the {@link RunSettings run's} seed and bookkeeping. A setting's name is
 * its record component's name, and the same name is used by specs ({@code djl:preset=quick,steps=2000}), by
 * {@code icl4j train --set NAME=VALUE} and its flags, by config.json's {@code training} object and by
 * docs/TRAINING.md; {@link #parameters()} lists them with their {@code tiny} defaults.
 *
 * <p>Presets are resource files, {@code org/icl4j/engine/djl/presets/NAME.properties}, each listing every setting;
 * {@code presets/index.txt} names them. The task (d, noise, priors) is not a setting: it is the task the learner
 * trains on; the device and thread count are options of the {@code djl} engine ({@link DjlEngine}).
 *
 * @param preset the preset the values started from
 * @param model the model and its initialisation
 * @param optimiser Adam(W), the batch and gradient clipping
 * @param schedule the number of updates and the learning rate of each
 * @param curriculum the curriculum on d and n
 * @param run the seed, checkpoints, evaluations and logging
 */
public record TrainingSettings(String preset, ModelSettings model, OptimiserSettings optimiser,
                               ScheduleSettings schedule, CurriculumSettings curriculum, RunSettings run) {

    /** The setting that names the preset. */
    public static final String PRESET = "preset";
    /** The setting that a resumed run may raise (docs/TRAINING.md, "Extending a run"). */
    public static final String STEPS = "steps";
    /** The data-parallel replicas setting. */
    public static final String REPLICAS = "replicas";

    private static final List<Class<? extends Record>> CONCERNS = List.of(ModelSettings.class,
            OptimiserSettings.class, ScheduleSettings.class, CurriculumSettings.class, RunSettings.class);
    private static final Map<String, String> DESCRIPTIONS = descriptions();
    private static final Map<String, Map<String, String>> PRESETS = readPresets();

    /** Validates the settings that span two concerns. */
    public TrainingSettings {
        requireNonNull(preset, "preset is null");
        requireNonNull(model, "model is null");
        requireNonNull(optimiser, "optimiser is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(curriculum, "curriculum is null");
        requireNonNull(run, "run is null");
    }

    static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be >= " + minimum + ", found " + value);
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, found " + value);
        }
    }

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(PRESET, "starting values: tiny (seconds, tests), quick (minutes on 2 CPU cores), paper (the authors' model; for a GPU)");
        d.put("pairs", "pairs per training episode n; also the longest episode the model reads");
        d.put("layers", "transformer blocks L");
        d.put("hidden", "hidden width H");
        d.put("heads", "attention heads M");
        d.put("headSize", "head size: standard (H/M) or authors (H/M², the authors' code)");
        d.put("mlpHidden", "MLP width F (4H when hidden is given and this is not)");
        d.put("block", "residual block: authors, pre-ln or plain (docs/MODEL.md)");
        d.put("activation", "MLP activation: gelu-tanh (the authors'), gelu (exact, faster to train on a CPU) or relu");
        d.put("init", "initialisation: uniform-scaling (the authors') or normal");
        d.put("initStd", "standard deviation of init=normal");
        d.put("batch", "episodes per update (fresh episodes every update)");
        d.put("beta1", "Adam β₁");
        d.put("beta2", "Adam β₂");
        d.put("epsilon", "Adam ε");
        d.put("weightDecay", "decoupled weight decay (AdamW)");
        d.put("clip", "global gradient-norm clipping threshold; 0 disables it");
        d.put(REPLICAS, "data-parallel replicas, 1 or 2: with 2, two threads each compute the gradient of half the batch "
                + "(same bytes on any machine; results differ from replicas=1 by float rounding)");
        d.put(STEPS, "optimiser updates; a larger value on --resume extends the run");
        d.put("lr", "peak learning rate");
        d.put("warmup", "fraction of updates with linear warm-up; then half-cosine to 0");
        d.put("curriculumEvery", "grow d and n every this many updates (Garg et al.); 0 = no curriculum");
        d.put("curriculumDimStart", "first d of the curriculum, capped at the task's d (unused x features are zero)");
        d.put("curriculumDimIncrement", "growth of d per curriculum stage");
        d.put("curriculumPairsStart", "first n of the curriculum");
        d.put("curriculumPairsIncrement", "growth of n per curriculum stage");
        d.put("seed", "run seed: initial weights and the episodes of every update");
        d.put("checkpointEvery", "checkpoint every this many updates (always at the end); 0 = end only");
        d.put("evaluateEvery", "held-out evaluation every this many updates (always at the end); 0 = end only");
        d.put("evaluationBatch", "held-out episodes per evaluation");
        d.put("logEvery", "write a metrics.jsonl line every this many updates");
        Set<String> names = new LinkedHashSet<>(List.of(PRESET));
        CONCERNS.forEach(type -> names.addAll(SettingValues.names(type)));
        if (!names.equals(d.keySet())) {
            throw new IllegalStateException("the described settings " + d.keySet() + " differ from the records' " + names);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, d.get(name)));
        return ordered;
    }

    private static Map<String, Map<String, String>> readPresets() {
        Map<String, Map<String, String>> presets = new LinkedHashMap<>();
        for (String name : resourceLines("presets/index.txt")) {
            Properties properties = new Properties();
            try (InputStream in = resource("presets/" + name + ".properties")) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the preset " + name, e);
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put(PRESET, name);
            for (String key : DESCRIPTIONS.keySet()) {
                if (!key.equals(PRESET)) {
                    String value = properties.getProperty(key);
                    if (value == null) {
                        throw new IllegalStateException("preset " + name + ".properties lacks the setting '" + key + "'");
                    }
                    values.put(key, value.strip());
                }
            }
            if (!DESCRIPTIONS.keySet().containsAll(properties.stringPropertyNames())) {
                throw new IllegalStateException("preset " + name + ".properties has unknown settings: "
                        + properties.stringPropertyNames());
            }
            presets.put(name, values);
        }
        return presets;
    }

    private static List<String> resourceLines(String name) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                    lines.add(stripped);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
        return lines;
    }

    private static InputStream resource(String name) {
        InputStream in = TrainingSettings.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the resource " + name + " is missing from icl4j-engine-djl");
        }
        return in;
    }

    /** @return every setting with its {@code tiny} default and description */
    public static List<Parameter> parameters() {
        Map<String, String> tiny = PRESETS.get("tiny");
        List<Parameter> parameters = new ArrayList<>();
        DESCRIPTIONS.forEach((key, description) -> parameters.add(new Parameter(key, tiny.get(key), description)));
        return parameters;
    }

    /** @return the setting names, in {@link #parameters()} order */
    public static Set<String> names() {
        return DESCRIPTIONS.keySet();
    }

    /** @return the preset names */
    public static List<String> presetNames() {
        return List.copyOf(PRESETS.keySet());
    }

    /**
     * @param name a preset's name, e.g. {@code tiny}
     * @return the preset's settings
     */
    public static TrainingSettings preset(String name) {
        return fromSpec(new Spec(DjlEngine.NAME, Map.of(PRESET, name)));
    }

    /**
     * Settings of a new run from a spec: the preset named by {@code preset} (default {@code tiny}), then every other
     * key. When {@code hidden} is given but {@code mlpHidden} is not, the MLP width follows as 4H.
     *
     * @param spec e.g. {@code djl:preset=quick,steps=2000}
     * @return the settings
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public static TrainingSettings fromSpec(Spec spec) {
        spec.requireKnownParameters(DESCRIPTIONS.keySet());
        String presetName = spec.stringValue(PRESET, "tiny");
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
        return fromValues(values);
    }

    private static TrainingSettings fromValues(Map<String, String> values) {
        return new TrainingSettings(values.get(PRESET), SettingValues.parse(ModelSettings.class, values),
                SettingValues.parse(OptimiserSettings.class, values), SettingValues.parse(ScheduleSettings.class, values),
                SettingValues.parse(CurriculumSettings.class, values), SettingValues.parse(RunSettings.class, values));
    }

    /**
     * The settings of a resumed run: these (the recorded ones), checked against the settings the caller gave.
     * Giving a setting again with its recorded value is allowed, so a resume command may repeat the first
     * command's flags; a larger {@code steps} extends the run (docs/TRAINING.md, "Extending a run"); any other
     * change is refused.
     *
     * @param given the settings given for the resumed run, by name (often none)
     * @return the settings to continue with
     * @throws IllegalArgumentException naming every setting that differs from the run's, or an unknown one
     */
    public TrainingSettings resumedWith(Map<String, String> given) {
        new Spec(DjlEngine.NAME, given).requireKnownParameters(DESCRIPTIONS.keySet());
        Map<String, String> recorded = values();
        List<String> refused = new ArrayList<>();
        long steps = schedule.steps();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            String now = key.equals(PRESET) ? entry.getValue().strip() : with(Map.of(key, entry.getValue())).values().get(key);
            if (key.equals(STEPS) && Long.parseLong(now) > steps) {
                steps = Long.parseLong(now);
            } else if (!now.equals(recorded.get(key))) {
                refused.add(key + " (the run has " + recorded.get(key) + ", found " + now + ")");
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("cannot resume with a changed setting: " + String.join("; ", refused)
                    + "; a resumed run keeps its recorded settings, and only a larger steps extends it; drop the flag "
                    + "or start a new run");
        }
        return with(Map.of(STEPS, Long.toString(steps)));
    }

    /** @return every setting as name → value text, in {@link #parameters()} order */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PRESET, preset);
        for (Record concern : List.of(model, optimiser, schedule, curriculum, run)) {
            values.putAll(SettingValues.values(concern));
        }
        return values;
    }

    /** @return the spec string that recreates these settings */
    public Spec toSpec() {
        return new Spec(DjlEngine.NAME, values());
    }

    /**
     * @param overrides settings to change, by name, e.g. {@code steps}
     * @return a copy with those settings replaced
     */
    public TrainingSettings with(Map<String, String> overrides) {
        new Spec(DjlEngine.NAME, overrides).requireKnownParameters(DESCRIPTIONS.keySet());
        Map<String, String> values = values();
        values.putAll(overrides);
        return fromValues(values);
    }

    /** @return the {@code training} object of config.json: {@code learner} and every setting by name */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("learner", DjlEngine.NAME);
        values().forEach(node::put);
        return node;
    }

    /**
     * @param node the {@code training} object of a checkpoint's config.json
     * @return the settings it records
     * @throws IllegalArgumentException naming an unknown, missing or malformed setting
     */
    public static TrainingSettings fromJson(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            // Checkpoints written before the device became an engine option record it here; it never shaped the
            // weights, so it is read past.
            if (!field.getKey().equals("learner") && !field.getKey().equals("device")) {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        // Checkpoints written before data-parallel replicas trained with one.
        values.putIfAbsent(REPLICAS, "1");
        new Spec(DjlEngine.NAME, values).requireKnownParameters(DESCRIPTIONS.keySet());
        if (!values.containsKey(PRESET)) {
            throw new IllegalArgumentException("setting 'preset' is missing");
        }
        return fromValues(values);
    }

    /**
     * @param dimension the task's d
     * @return the model this learner trains
     */
    public TransformerConfig modelConfig(int dimension) {
        TransformerConfig config = model.config(dimension);
        Limits.requireMachineMemory("training a model of " + config.parameterCount() + " parameters with batch "
                + optimiser.batch() + " and " + model.pairs() + " pairs", trainingBytes(config));
        return config;
    }

    /**
     * A lower bound of the native memory training needs: weights, gradients and the two Adam moments (4 floats per
     * parameter), and per block the activations autograd keeps for one batch (the residual stream, the attention
     * projections and scores, and the MLP's inner layer).
     */
    private long trainingBytes(TransformerConfig config) {
        long batch = optimiser.batch();
        long tokens = 2L * model.pairs();
        long perBlock = Limits.saturatedSum(Limits.saturatedProduct(batch, tokens, 8L * model.hidden() + 2L * model.mlpHidden()),
                Limits.saturatedProduct(batch, 3L * model.heads(), tokens, tokens));
        return Limits.saturatedProduct(Float.BYTES, Limits.saturatedSum(Limits.saturatedProduct(4, config.parameterCount()),
                Limits.saturatedProduct(model.layers(), perBlock)));
    }

    /**
     * @param step updates done before this one (0-based)
     * @param dimension the task's full d
     * @return the curriculum's d at this step
     */
    public int curriculumDimension(long step, int dimension) {
        return curriculum.dimension(step, dimension);
    }

    /**
     * @param step updates done before this one (0-based)
     * @return the curriculum's n at this step
     */
    public int curriculumPairs(long step) {
        return curriculum.pairs(step, model.pairs());
    }
}
