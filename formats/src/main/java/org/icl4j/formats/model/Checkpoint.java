package org.icl4j.formats.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.Limits;
import org.icl4j.formats.Provenance;

/**
 * A checkpoint directory (docs/MODEL.md, "Checkpoint directory"): {@code config.json} (format, model, task,
 * training settings, provenance), {@code model.safetensors} (the weights) and, for resumable runs,
 * {@code training-state.json} and {@code optimizer.safetensors} (Adam moments {@code m.<name>}, {@code v.<name>}).
 *
 * <p>Writing is atomic: the files go to a temporary sibling directory, are flushed to disk, and the directory is
 * renamed into place. An older checkpoint at the target is first renamed to the sibling
 * {@code .<name>.previous} and deleted only after the new one is in place; if the process dies between the two
 * renames, {@link #read} finds the previous checkpoint there. A reader therefore never sees a half-written
 * checkpoint.
 *
 * @param model the architecture
 * @param task the spec string of the task the model was trained or compiled for, or null when none applies
 * @param training the learner's settings (any JSON object), or null for a model that was not trained
 * @param provenance where the model came from
 * @param weights tensors by name, exactly those of {@link TransformerConfig#tensorShapes()}
 * @param resumeState the state needed to continue training, or null
 */
public record Checkpoint(TransformerConfig model, String task, JsonNode training, Provenance provenance,
        Map<String, Tensor> weights, ResumeState resumeState) {

    /** The value of config.json's {@code format} field. */
    public static final String FORMAT = "icl4j-checkpoint";
    /**
     * The newest config.json {@code formatVersion} this code reads. It writes the oldest version that holds the
     * model ({@link TransformerConfig#formatVersion()}): 1, or 2 for a model with per-block overrides.
     */
    public static final int FORMAT_VERSION = 2;
    /** The configuration file's name. */
    public static final String CONFIG_FILE = "config.json";
    /** The weights file's name. */
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** The training-state file's name (resumable runs). */
    public static final String TRAINING_STATE_FILE = "training-state.json";
    /** The optimiser-state file's name (resumable runs). */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What a resumable run saves besides the weights.
     *
     * @param state the learner's state (step, seed, data-stream position, optimiser settings), a JSON object
     * @param optimizer optimiser tensors: {@code m.<name>} and {@code v.<name>} for every weight {@code <name>}
     */
    public record ResumeState(JsonNode state, Map<String, Tensor> optimizer) {

        /** Validates and copies. */
        public ResumeState {
            requireNonNull(state, "state is null");
            requireNonNull(optimizer, "optimizer is null");
            if (!state.isObject()) {
                throw new IllegalArgumentException("training state must be a JSON object");
            }
            optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
        }
    }

    /** Validates that the weights are exactly the tensors the model needs. */
    public Checkpoint {
        requireNonNull(model, "model is null");
        requireNonNull(provenance, "provenance is null");
        requireNonNull(weights, "weights is null");
        if (training != null && !training.isObject()) {
            throw new IllegalArgumentException("training settings must be a JSON object or null");
        }
        String problem = weightProblem(model, weights);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (resumeState != null) {
            String optimizerProblem = optimizerProblem(weights, resumeState.optimizer());
            if (optimizerProblem != null) {
                throw new IllegalArgumentException(optimizerProblem);
            }
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /**
     * Checks a weight map against a config.
     *
     * @param model the architecture
     * @param weights tensors by name
     * @throws MalformedCheckpointException naming missing, extra, misshapen or non-finite tensors
     */
    public static void validateWeights(TransformerConfig model, Map<String, Tensor> weights)
            throws MalformedCheckpointException {
        String problem = weightProblem(model, weights);
        if (problem != null) {
            throw new MalformedCheckpointException(problem);
        }
    }

    private static String weightProblem(TransformerConfig model, Map<String, Tensor> weights) {
        Map<String, int[]> expected = model.tensorShapes();
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(weights.keySet());
        TreeSet<String> extra = new TreeSet<>(weights.keySet());
        extra.removeAll(expected.keySet());
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing tensors " + some(missing));
        }
        if (!extra.isEmpty()) {
            problems.add("unexpected tensors " + some(extra));
        }
        for (Map.Entry<String, int[]> entry : expected.entrySet()) {
            Tensor tensor = weights.get(entry.getKey());
            if (tensor == null) {
                continue;
            }
            if (problems.size() >= MAX_PROBLEMS) {
                problems.add("…");
                break;
            }
            if (!tensor.hasShape(entry.getValue())) {
                problems.add("tensor '" + entry.getKey() + "' has shape " + tensor.shapeText() + ", expected "
                        + java.util.Arrays.toString(entry.getValue()));
                continue;
            }
            float[] values = tensor.values();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    problems.add("tensor '" + entry.getKey() + "' holds " + values[i] + " at flat index " + i
                            + " (a diverged run?)");
                    break;
                }
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        return "the weights do not match the model config (" + describe(model) + "): " + String.join("; ", problems)
                + ". The weights must be exactly the tensors listed in docs/MODEL.md for this config";
    }

    private static String optimizerProblem(Map<String, Tensor> weights, Map<String, Tensor> optimizer) {
        Map<String, int[]> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : weights.entrySet()) {
            expected.put("m." + entry.getKey(), entry.getValue().shape());
            expected.put("v." + entry.getKey(), entry.getValue().shape());
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(optimizer.keySet());
        TreeSet<String> extra = new TreeSet<>(optimizer.keySet());
        extra.removeAll(expected.keySet());
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing optimiser tensors " + some(missing));
        }
        if (!extra.isEmpty()) {
            problems.add("unexpected optimiser tensors " + some(extra));
        }
        for (Map.Entry<String, int[]> entry : expected.entrySet()) {
            Tensor tensor = optimizer.get(entry.getKey());
            if (tensor != null && !tensor.hasShape(entry.getValue())) {
                problems.add("optimiser tensor '" + entry.getKey() + "' has shape " + tensor.shapeText()
                        + ", expected " + java.util.Arrays.toString(entry.getValue()));
            }
        }
        return problems.isEmpty() ? null : "the optimiser state does not match the weights: " + String.join("; ", problems);
    }

    /** Error messages list at most this many names or problems, so that one error stays one readable line. */
    private static final int MAX_PROBLEMS = 5;

    private static String some(TreeSet<String> names) {
        if (names.size() <= MAX_PROBLEMS) {
            return names.toString();
        }
        return names.stream().limit(MAX_PROBLEMS).toList().toString().replace("]", ", … (" + names.size() + " in all)]");
    }

    private static String describe(TransformerConfig model) {
        return "d=" + model.dimension() + ", layers=" + model.layers() + ", hidden=" + model.hidden() + ", heads="
                + model.heads() + ", headSize=" + model.headSize() + ", mlpHidden=" + model.mlpHidden() + ", block="
                + model.block().id();
    }

    /** @return whether this checkpoint can continue training */
    public boolean isResumable() {
        return resumeState != null;
    }

    /** @return the contents of config.json */
    public ObjectNode configJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", model.formatVersion());
        root.set("model", model.toJson());
        if (task != null) {
            root.put("task", task);
        } else {
            root.putNull("task");
        }
        if (training != null) {
            root.set("training", training);
        }
        root.set("provenance", provenance.toJson());
        return root;
    }

    /**
     * Writes this checkpoint atomically to {@code directory}, replacing any checkpoint already there.
     *
     * @param directory the checkpoint directory (its parent is created if missing)
     * @throws IOException when the files cannot be written; the previous checkpoint, if any, is then intact
     */
    public void write(Path directory) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write a checkpoint at the file-system root: " + directory);
        }
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path temporary = AtomicFiles.newTemporaryFolder(target, TEMPORARY_KIND);
        try {
            AtomicFiles.writeNew(temporary.resolve(CONFIG_FILE), JSON.writeValueAsBytes(configJson()));
            Map<String, String> metadata = Map.of("format", "pt");
            AtomicFiles.writeNew(temporary.resolve(WEIGHTS_FILE), Safetensors.toBytes(weights, metadata));
            if (resumeState != null) {
                AtomicFiles.writeNew(temporary.resolve(TRAINING_STATE_FILE), JSON.writeValueAsBytes(resumeState.state()));
                AtomicFiles.writeNew(temporary.resolve(OPTIMIZER_FILE), Safetensors.toBytes(resumeState.optimizer(), metadata));
            }
            AtomicFiles.replaceFolder(temporary, target);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteRecursively(temporary);
            throw e;
        }
        deleteStaleTemporaries(parent, name);
    }

    /** The word in the names of the temporary folders a write leaves behind only when the process died mid-way. */
    private static final String TEMPORARY_KIND = "tmp";

    private static void deleteStaleTemporaries(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent, "." + name + "." + TEMPORARY_KIND + "-*")) {
            for (Path stale : stream) {
                AtomicFiles.deleteRecursively(stale);
            }
        }
    }

    /**
     * Completes what a process killed while writing a checkpoint to {@code directory} left behind, before a run is
     * resumed there: when only the previous version is left ({@code .NAME.previous}, a kill between the two renames
     * of {@link #write}), it is renamed back to {@code directory}; when both are there (a kill while the previous
     * version was being deleted), the previous one is deleted; temporary folders of unfinished writes are deleted.
     * A checkpoint at {@code directory} itself is always complete (it only ever appears by a rename of a finished
     * folder), so nothing readable is lost.
     *
     * @param directory the checkpoint directory
     * @throws IOException when a rename or deletion fails
     */
    public static void recover(Path directory) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        Path previous = AtomicFiles.previousOf(target);
        if (Files.isDirectory(previous)) {
            if (Files.exists(target)) {
                AtomicFiles.deleteRecursively(previous);
            } else {
                Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        deleteStaleTemporaries(parent, target.getFileName().toString());
    }

    /**
     * @param directory a checkpoint directory
     * @return whether a checkpoint can be read there (also after a crash between the two renames of a write)
     */
    public static boolean exists(Path directory) {
        Path target = directory.toAbsolutePath().normalize();
        return Files.isRegularFile(target.resolve(CONFIG_FILE))
                || Files.isRegularFile(AtomicFiles.previousOf(target).resolve(CONFIG_FILE));
    }

    /**
     * Reads and validates a checkpoint, including its resume state when present.
     *
     * @param directory the checkpoint directory
     * @return the checkpoint
     * @throws MalformedCheckpointException when a file is truncated, inconsistent or of an unknown format
     * @throws IOException when the directory cannot be read
     */
    public static Checkpoint read(Path directory) throws IOException {
        return read(directory, true);
    }

    /**
     * Reads and validates a checkpoint.
     *
     * @param directory the checkpoint directory
     * @param withResumeState whether to read training-state.json and optimizer.safetensors (skipped for inference)
     * @return the checkpoint; its resume state is null when not read or not present
     * @throws MalformedCheckpointException when a file is truncated, inconsistent or of an unknown format
     * @throws IOException when the directory cannot be read
     */
    public static Checkpoint read(Path directory, boolean withResumeState) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        Path source = target;
        if (!Files.isDirectory(target)) {
            Path previous = AtomicFiles.previousOf(target);
            if (Files.isDirectory(previous)) {
                source = previous;
            } else {
                throw new NoSuchFileException(directory.toString(), null,
                        "no checkpoint directory here; a checkpoint is a directory holding " + CONFIG_FILE + " and "
                                + WEIGHTS_FILE);
            }
        }
        Path configFile = source.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new MalformedCheckpointException(source + " has no " + CONFIG_FILE
                    + "; it is not an icl4j checkpoint (expected " + CONFIG_FILE + " and " + WEIGHTS_FILE + ")");
        }
        JsonNode config = readJson(configFile);
        TransformerConfig model;
        Provenance provenance;
        try {
            checkFormat(config);
            model = TransformerConfig.fromJson(config.get("model"));
            provenance = Provenance.fromJson(config.get("provenance"));
        } catch (IllegalArgumentException e) {
            throw new MalformedCheckpointException(configFile + ": " + e.getMessage()
                    + "; fix the file or write the checkpoint again");
        }
        JsonNode taskNode = config.get("task");
        String task = taskNode == null || taskNode.isNull() ? null : taskNode.asText();
        JsonNode training = config.get("training");
        if (training != null && training.isNull()) {
            training = null;
        }
        if (training != null && !training.isObject()) {
            throw new MalformedCheckpointException(configFile + ": 'training' must be an object");
        }

        Path weightsFile = source.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weightsFile)) {
            throw new MalformedCheckpointException(source + " has " + CONFIG_FILE + " but no " + WEIGHTS_FILE
                    + "; the checkpoint is incomplete, restore it or train again");
        }
        Limits.requireMemory("reading " + weightsFile + " (" + model.parameterCount() + " parameters)",
                Limits.saturatedProduct(model.parameterCount(), 4) + Files.size(weightsFile));
        Map<String, Tensor> weights = readTensors(weightsFile);
        String problem = weightProblem(model, weights);
        if (problem != null) {
            throw new MalformedCheckpointException(weightsFile + ": " + problem);
        }

        ResumeState resumeState = null;
        Path stateFile = source.resolve(TRAINING_STATE_FILE);
        Path optimizerFile = source.resolve(OPTIMIZER_FILE);
        if (withResumeState && (Files.exists(stateFile) || Files.exists(optimizerFile))) {
            if (!Files.isRegularFile(stateFile) || !Files.isRegularFile(optimizerFile)) {
                throw new MalformedCheckpointException(source + " has only one of " + TRAINING_STATE_FILE + " and "
                        + OPTIMIZER_FILE + "; a resumable checkpoint needs both (delete the other to keep the "
                        + "weights only)");
            }
            JsonNode state = readJson(stateFile);
            Limits.requireMemory("reading " + optimizerFile + " (2 × " + model.parameterCount() + " values)",
                    Limits.saturatedProduct(model.parameterCount(), 8) + Files.size(optimizerFile));
            Map<String, Tensor> optimizer = readTensors(optimizerFile);
            String optimizerProblem = optimizerProblem(weights, optimizer);
            if (optimizerProblem != null) {
                throw new MalformedCheckpointException(optimizerFile + ": " + optimizerProblem);
            }
            resumeState = new ResumeState(state, optimizer);
        }
        return new Checkpoint(model, task, training, provenance, weights, resumeState);
    }

    /**
     * Reads only the architecture from a checkpoint's config.json.
     *
     * @param directory the checkpoint directory
     * @return the model config
     * @throws IOException when config.json is missing, unreadable or malformed
     */
    public static TransformerConfig readConfig(Path directory) throws IOException {
        Path target = directory.toAbsolutePath().normalize();
        Path source = Files.isDirectory(target) ? target : AtomicFiles.previousOf(target);
        Path configFile = source.resolve(CONFIG_FILE);
        JsonNode config = readJson(configFile);
        try {
            checkFormat(config);
            return TransformerConfig.fromJson(config.get("model"));
        } catch (IllegalArgumentException e) {
            throw new MalformedCheckpointException(configFile + ": " + e.getMessage());
        }
    }

    private static void checkFormat(JsonNode config) {
        JsonNode format = config.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new IllegalArgumentException("'format' must be \"" + FORMAT + "\", found " + format);
        }
        JsonNode version = config.get("formatVersion");
        if (version == null || !version.isIntegralNumber() || version.intValue() < 1) {
            throw new IllegalArgumentException("'formatVersion' must be a positive integer, found " + version);
        }
        if (version.intValue() > FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion " + version.intValue() + " was written by a newer icl4j;"
                    + " this one reads up to " + FORMAT_VERSION + " (upgrade icl4j)");
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > Limits.MAX_JSON_BYTES) {
            throw new MalformedCheckpointException(file + " is " + Files.size(file) + " bytes; a checkpoint's JSON file is at "
                    + "most " + Limits.MAX_JSON_BYTES + " bytes (docs/LIMITS.md), so this is not an icl4j checkpoint file");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedCheckpointException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); the file is damaged or truncated, restore it or write the checkpoint again", e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedCheckpointException(file + " must hold a JSON object");
        }
        return node;
    }

    private static Map<String, Tensor> readTensors(Path file) throws IOException {
        try {
            return Safetensors.read(file).tensors();
        } catch (MalformedCheckpointException e) {
            throw new MalformedCheckpointException(e.getMessage()
                    + "; the file is damaged or truncated, restore it or train again from an intact checkpoint", e);
        }
    }
}
