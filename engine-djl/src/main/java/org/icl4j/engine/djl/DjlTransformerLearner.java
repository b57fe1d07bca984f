package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Learner;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;
import org.icl4j.api.TrainedModel;
import org.icl4j.api.TrainingListener;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;

/**
 * Trains the transformer of docs/MODEL.md on fresh in-context regression episodes with DJL on PyTorch
 * (docs/PAPER.md, "Tokens and loss" and "Model"; docs/TRAINING.md).
 *
 * <p>Update {@code s} (0-based) draws its {@code batch} episodes from {@code Rng.of(seed, s)}, so a run resumed
 * from a checkpoint at update s sees exactly the episodes an uninterrupted run sees; together with the saved
 * weights and Adam moments this makes resumption exact on CPU. The loss is the mean over episodes and all n
 * prefixes of (ŷ − y)². With a curriculum (Garg et al.), d and n start small and grow every
 * {@code curriculumEvery} updates: episodes are drawn at full d, the unused features are set to zero and their
 * contribution is removed from y (which needs the task's true weights), and only the first n pairs are used.
 *
 * <p>The run folder holds {@code checkpoint/} (written atomically every {@code checkpointEvery} updates, at the end,
 * and when the JVM is asked to stop — Ctrl-C or kill: a shutdown hook, registered before PyTorch is loaded, holds
 * the JVM until the update in flight is done, the checkpoint is written and the PyTorch resources are closed; then
 * {@code train} throws {@link InterruptedIOException} instead of loading the model), and {@code metrics.jsonl}
 * (flushed line by line): one JSON object per line, either
 * {@code {"step", "loss", "lr", "stepsPerSecond", "elapsedSeconds", "pairs", "dimension"}} or
 * {@code {"step", "evaluation": {…}}} for the held-out evaluation.
 */
public final class DjlTransformerLearner implements Learner {

    /** The checkpoint folder inside a run folder. */
    public static final String CHECKPOINT_DIRECTORY = org.icl4j.formats.RunLayout.CHECKPOINT_DIRECTORY;
    /** The metrics log inside a run folder. */
    public static final String METRICS_FILE = org.icl4j.formats.RunLayout.METRICS_FILE;
    /** The random stream of the held-out evaluation episodes; training update s uses stream s ≥ 0. */
    static final long EVALUATION_STREAM = -1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SHUTDOWN_WAIT_SECONDS = 120;

    private final TrainingSettings settings;
    private final Estimator baseline;

    /**
     * @param settings the training settings
     */
    public DjlTransformerLearner(TrainingSettings settings) {
        this(settings, null);
    }

    private DjlTransformerLearner(TrainingSettings settings, Estimator baseline) {
        this.settings = requireNonNull(settings, "settings is null");
        this.baseline = baseline;
    }

    /**
     * A learner whose periodic evaluations also report the squared prediction difference (SPD/d) against
     * {@code baseline}, normally least squares ({@code ols}).
     *
     * @param baseline the reference estimator; the learner does not close it
     * @return the new learner
     */
    @Override
    public DjlTransformerLearner withEvaluationBaseline(Estimator baseline) {
        return new DjlTransformerLearner(settings, requireNonNull(baseline, "baseline is null"));
    }

    @Override
    public Map<String, String> settingsSummary() {
        return settings.values();
    }

    @Override
    public long seed() {
        return settings.seed();
    }

    /** @return the settings */
    public TrainingSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.toSpec().toString();
    }

    @Override
    public TrainedModel train(Task task, Path runDirectory, boolean resume, TrainingListener listener)
            throws IOException {
        requireNonNull(task, "task is null");
        requireNonNull(runDirectory, "runDirectory is null");
        requireNonNull(listener, "listener is null");
        Path checkpointDirectory = runDirectory.resolve(CHECKPOINT_DIRECTORY);
        Device device;
        // The hook is registered before anything slow (loading PyTorch, drawing the evaluation set), so a stop
        // requested at any moment waits for this thread instead of ending the JVM under it.
        try (ExitRequest exit = new ExitRequest()) {
            listener.onStart();
            device = DjlDevices.resolve(settings.device());
            Stop stop = trainUntilDoneOrStopped(task, runDirectory, checkpointDirectory, device, resume, listener, exit);
            if (stop != null) {
                // The JVM ends once this method lets the hook go (ExitRequest.close), so the message goes out
                // first; the exception keeps callers from doing more native work while the JVM shuts down.
                if (System.console() != null) {
                    System.err.println(); // end a progress bar's line on the terminal
                }
                System.err.println(stop.message());
                System.err.flush();
                throw new InterruptedIOException(stop.message());
            }
        }
        return DjlTransformerEstimator.load(checkpointDirectory, device);
    }

    /** Where a run stopped early on a request to exit: the update reached and what is on disk. */
    private record Stop(long step, long totalSteps, long start, boolean resumed, Path checkpointDirectory) {
        String message() {
            if (step > start) {
                return "training stopped by a request to exit after update " + step + " of " + totalSteps
                        + "; checkpoint written to " + checkpointDirectory + " (continue with --resume)";
            }
            if (resumed) {
                return "training stopped by a request to exit before its first update; the checkpoint at update "
                        + start + " in " + checkpointDirectory + " is unchanged (continue with --resume)";
            }
            return "training stopped by a request to exit before its first update; nothing was written";
        }
    }

    /** @return null when the run reached its last update, else where it stopped on a request to exit */
    private Stop trainUntilDoneOrStopped(Task task, Path runDirectory, Path checkpointDirectory, Device device,
            boolean resume, TrainingListener listener, ExitRequest exit) throws IOException {
        Files.createDirectories(runDirectory);
        int dimension = task.dimension();
        TransformerConfig config = settings.modelConfig(dimension);

        Map<String, Tensor> weights;
        Map<String, Tensor> moments = null;
        long start = 0;
        if (resume) {
            // A kill during a checkpoint write may have left the last one as .checkpoint.previous, or leftovers.
            Checkpoint.recover(checkpointDirectory);
            if (!Checkpoint.exists(checkpointDirectory)) {
                throw new IOException("cannot resume: " + runDirectory + " holds no checkpoint (expected "
                        + checkpointDirectory + "); start without --resume");
            }
            Checkpoint saved = Checkpoint.read(checkpointDirectory);
            checkSameRun(saved, task, config);
            weights = saved.weights();
            if (saved.resumeState() == null) {
                throw new IOException("cannot resume: " + checkpointDirectory + " has no training state ("
                        + Checkpoint.TRAINING_STATE_FILE + ", " + Checkpoint.OPTIMIZER_FILE + ")");
            }
            moments = saved.resumeState().optimizer();
            start = saved.resumeState().state().path("step").asLong(-1);
            if (start < 0 || start > settings.steps()) {
                throw new IOException("cannot resume: " + checkpointDirectory + " records step " + start
                        + ", outside 0 … " + settings.steps());
            }
        } else {
            if (Checkpoint.exists(checkpointDirectory)) {
                throw new IOException(runDirectory + " already holds a checkpoint; pass --resume to continue that run "
                        + "or choose a new run folder");
            }
            weights = settings.initialisation().initialise(config, settings.seed());
        }

        Path metricsFile = runDirectory.resolve(METRICS_FILE);
        keepMetricsUpTo(metricsFile, resume ? start : -1);
        // Every native resource is closed when this block ends, before the caller releases the exit hook.
        try (NDManager root = NDManager.newBaseManager(device, DjlDevices.ENGINE_NAME);
                DjlTransformer model = new DjlTransformer(config, weights, root, device, DataType.FLOAT32);
                DjlAdam adam = new DjlAdam(model, settings.beta1(), settings.beta2(), settings.epsilon(),
                        settings.weightDecay(), root);
                BufferedWriter metrics = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            model.requireGradients();
            if (moments != null) {
                adam.load(moments);
            }
            Run run = new Run(task, config, model, adam, root, metrics, checkpointDirectory, listener);
            long stopped = run.loop(start, exit);
            return stopped < 0 ? null : new Stop(stopped, settings.steps(), start, resume, checkpointDirectory);
        }
    }

    /**
     * A JVM shutdown hook (Ctrl-C sends SIGINT, {@code kill} SIGTERM; both run shutdown hooks) that asks the
     * training thread to stop and then holds the JVM until that thread has written its checkpoint and closed its
     * PyTorch resources ({@link #close()}), at most {@value #SHUTDOWN_WAIT_SECONDS} s. Without the wait the JVM
     * would end as soon as the signal arrives; the bound keeps a stuck thread from blocking the exit for ever.
     */
    private static final class ExitRequest implements AutoCloseable {
        private final AtomicBoolean requested = new AtomicBoolean();
        private final CountDownLatch released = new CountDownLatch(1);
        private final Thread hook = new Thread(this::holdJvm, "icl4j-checkpoint-on-exit");

        ExitRequest() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        private void holdJvm() {
            requested.set(true);
            try {
                released.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean requested() {
            return requested.get();
        }

        /** Lets the JVM end (if it is ending) and unregisters the hook (if it is not). */
        @Override
        public void close() {
            released.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and the hook is running; releasing it was all that was left.
            }
        }
    }

    private void checkSameRun(Checkpoint saved, Task task, TransformerConfig config) throws IOException {
        if (saved.training() == null) {
            throw new IOException("cannot resume: the checkpoint records no training settings (a compiled model?)");
        }
        TrainingSettings recorded;
        try {
            recorded = TrainingSettings.fromJson(saved.training());
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot resume: the checkpoint's training settings are unreadable: " + e.getMessage());
        }
        List<String> differences = new ArrayList<>();
        Map<String, String> now = settings.values();
        recorded.values().forEach((key, value) -> {
            if (!key.equals("device") && !value.equals(now.get(key))) {
                differences.add(key + ": checkpoint " + value + ", now " + now.get(key));
            }
        });
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume with different settings (" + String.join("; ", differences)
                    + "); resume with the run's settings or start a new run");
        }
        if (saved.task() != null && !saved.task().equals(task.name())) {
            throw new IllegalArgumentException("cannot resume: the run trained on task '" + saved.task()
                    + "' but the task now is '" + task.name() + "'");
        }
        if (!saved.model().equals(config)) {
            throw new IllegalArgumentException("cannot resume: the checkpoint's model " + saved.model()
                    + " differs from " + config);
        }
    }

    /**
     * Drops the metrics lines after the resumed step (all of them for a new run), so the log reads as one
     * uninterrupted run. Lines are written in step order, so the kept lines are a prefix of the file, which ends at
     * the first line past {@code step} or cut short by a kill (no newline, or not JSON). The file is truncated in
     * place: one system call, which a kill cannot leave half done (rewriting the file could leave it holding fewer
     * lines than the checkpoint's step, for good).
     */
    private static void keepMetricsUpTo(Path metricsFile, long step) throws IOException {
        if (!Files.exists(metricsFile)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(metricsFile);
        int kept = 0;
        while (step >= 0 && kept < bytes.length) {
            int end = kept;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                break; // no newline: cut short
            }
            JsonNode node;
            try {
                node = JSON.readTree(bytes, kept, end - kept);
            } catch (IOException e) {
                break; // cut short
            }
            if (node == null || node.path("step").asLong(Long.MAX_VALUE) > step) {
                break;
            }
            kept = end + 1;
        }
        if (kept < bytes.length) {
            try (FileChannel channel = FileChannel.open(metricsFile, StandardOpenOption.WRITE)) {
                channel.truncate(kept);
                channel.force(true);
            }
        }
    }

    /**
     * Draws the episodes of update {@code step}, shaped by the curriculum.
     *
     * @param task the task
     * @param step the 0-based update index
     * @return the episodes: n and the used features as the curriculum says, width the task's d
     */
    EpisodeBatch episodes(Task task, long step) {
        int pairs = settings.curriculumPairs(step);
        int dimension = task.dimension();
        int used = settings.curriculumDimension(step, dimension);
        EpisodeBatch drawn = task.sample(settings.batch(), pairs, Rng.of(settings.seed(), step));
        if (used == dimension) {
            return drawn;
        }
        if (!drawn.hasWeights()) {
            throw new IllegalArgumentException("a curriculum on d needs a task that reports its true weights; task '"
                    + task.name() + "' does not (set curriculumDimStart to " + dimension + ")");
        }
        float[] xs = drawn.xs().clone();
        float[] ys = drawn.ys().clone();
        for (int b = 0; b < drawn.batch(); b++) {
            for (int k = 0; k < pairs; k++) {
                int offset = drawn.xOffset(b, k);
                double removed = 0;
                for (int j = used; j < dimension; j++) {
                    removed += (double) drawn.ws()[b * dimension + j] * xs[offset + j];
                    xs[offset + j] = 0;
                }
                ys[b * pairs + k] = (float) (ys[b * pairs + k] - removed);
            }
        }
        float[] ws = drawn.ws().clone();
        for (int b = 0; b < drawn.batch(); b++) {
            for (int j = used; j < dimension; j++) {
                ws[b * dimension + j] = 0;
            }
        }
        return new EpisodeBatch(drawn.batch(), pairs, dimension, xs, ys, ws, drawn.noise());
    }

    /** One training run's loop and its bookkeeping. */
    private final class Run {
        private final Task task;
        private final TransformerConfig config;
        private final DjlTransformer model;
        private final DjlAdam adam;
        private final NDManager root;
        private final BufferedWriter metrics;
        private final Path checkpointDirectory;
        private final TrainingListener listener;
        private final LearningRateSchedule schedule = settings.schedule();
        private final EpisodeBatch evaluationEpisodes;
        private final float[] baselinePredictions;
        /** The last finite training loss and its update (0: none yet), for the divergence message. */
        private double lastFiniteLoss = Double.NaN;
        private long lastFiniteUpdate;
        /** The update of the checkpoint on disk, -1 when this run has none. */
        private long checkpointStep = -1;

        Run(Task task, TransformerConfig config, DjlTransformer model, DjlAdam adam, NDManager root,
                BufferedWriter metrics, Path checkpointDirectory, TrainingListener listener) {
            this.task = task;
            this.config = config;
            this.model = model;
            this.adam = adam;
            this.root = root;
            this.metrics = metrics;
            this.checkpointDirectory = checkpointDirectory;
            this.listener = listener;
            this.evaluationEpisodes = task.sample(settings.evaluationBatch(), settings.pairs(),
                    Rng.of(settings.seed(), EVALUATION_STREAM));
            this.baselinePredictions = baseline == null ? null : baseline.predictPrefixes(evaluationEpisodes);
        }

        /** @return -1 when the last update is done, else the update after which a request to exit stopped it */
        long loop(long start, ExitRequest exit) throws IOException {
            if (start > 0) {
                checkpointStep = start;
            }
            long began = System.nanoTime();
            long step = start;
            while (step < settings.steps()) {
                if (exit.requested()) {
                    // Asked to stop (Ctrl-C, kill): leave a checkpoint of the updates done so far. Before the
                    // first update there is nothing new: a resumed run's checkpoint already holds `start`.
                    if (step > start) {
                        saveCheckpoint(step);
                    }
                    return step;
                }
                long update = step + 1;
                double rate = schedule.rate(update);
                double loss = trainStep(step, update, rate);
                step = update;
                listener.onStep(update, settings.steps(), loss, rate);
                if (update % settings.logEvery() == 0 || update == settings.steps()) {
                    double elapsed = (System.nanoTime() - began) / 1e9;
                    ObjectNode line = JsonNodeFactory.instance.objectNode();
                    line.put("step", update);
                    line.put("loss", loss);
                    line.put("lr", rate);
                    line.put("stepsPerSecond", (update - start) / Math.max(elapsed, 1e-9));
                    line.put("elapsedSeconds", elapsed);
                    line.put("pairs", settings.curriculumPairs(step - 1));
                    line.put("dimension", settings.curriculumDimension(step - 1, config.dimension()));
                    writeLine(line);
                }
                boolean last = update == settings.steps();
                if (last || (settings.evaluateEvery() > 0 && update % settings.evaluateEvery() == 0)) {
                    evaluate(update);
                }
                if (last || (settings.checkpointEvery() > 0 && update % settings.checkpointEvery() == 0)) {
                    saveCheckpoint(update);
                }
            }
            if (start == settings.steps() && !Checkpoint.exists(checkpointDirectory)) {
                saveCheckpoint(start);
            }
            return -1;
        }

        private double trainStep(long step, long update, double rate) {
            EpisodeBatch episodes = episodes(task, step);
            int n = episodes.length();
            int count = TransformerConfig.tokens(n);
            try (NDManager scope = root.newSubManager()) {
                NDArray tokens = model.tokens(scope, Tokens.encode(episodes, config.dimension()), episodes.batch(), count);
                NDArray labels = scope.create(episodes.ys(), new Shape(episodes.batch(), n)).toDevice(model.device(), false);
                NDArray loss;
                try (GradientCollector collector = DjlDevices.engine().newGradientCollector()) {
                    loss = DjlTransformer.loss(model.forward(scope, tokens, null), labels);
                    collector.backward(loss);
                }
                double value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    throw diverged(update, "loss " + value);
                }
                double scale = 1.0;
                if (settings.clipNorm() > 0) {
                    double norm = gradientNorm(scope);
                    if (!Double.isFinite(norm)) {
                        throw diverged(update, "gradient norm " + norm);
                    }
                    if (norm > settings.clipNorm()) {
                        scale = settings.clipNorm() / norm;
                    }
                }
                adam.update(scope, update, rate, scale);
                lastFiniteLoss = value;
                lastFiniteUpdate = update;
                return value;
            }
        }

        /**
         * The error that ends a diverged run: where it happened, the last finite loss, what is on disk (the last
         * checkpoint is never overwritten with non-finite values) and what to change.
         */
        private IllegalStateException diverged(long update, String what) {
            String last = lastFiniteUpdate == 0 ? "no earlier update had a finite loss"
                    : "the last finite loss was " + lastFiniteLoss + " at update " + lastFiniteUpdate;
            String kept = checkpointStep < 0 ? "no checkpoint was written (checkpointEvery=" + settings.checkpointEvery()
                    + ")" : "the checkpoint of update " + checkpointStep + " in " + checkpointDirectory + " is kept";
            return new IllegalStateException("training diverged at update " + update + " (" + what + "); " + last
                    + "; " + kept + ". Try a lower lr (now " + settings.learningRate() + "), a longer warm-up (warmup now "
                    + settings.warmupFraction() + ") or gradient clipping (clip now " + settings.clipNorm()
                    + (settings.clipNorm() == 0 ? ", e.g. --set clip=1" : "") + "), and start a new run");
        }

        private static boolean finite(Map<String, Tensor> tensors) {
            for (Tensor tensor : tensors.values()) {
                for (float value : tensor.values()) {
                    if (!Float.isFinite(value)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private double gradientNorm(NDManager scope) {
            NDArray total = null;
            for (NDArray parameter : model.parameters().values()) {
                NDArray gradient = parameter.getGradient();
                gradient.attach(scope);
                NDArray squares = gradient.square().sum();
                total = total == null ? squares : total.add(squares);
            }
            return Math.sqrt(total.getFloat());
        }

        private void evaluate(long update) throws IOException {
            EpisodeBatch episodes = evaluationEpisodes;
            int n = episodes.length();
            int d = episodes.dimension();
            float[] predictions = model.predictPrefixes(episodes);
            double[] modelByK = new double[n];
            double[] zeroByK = new double[n];
            double[] averagingByK = new double[n];
            double[] spdByK = new double[n];
            for (int b = 0; b < episodes.batch(); b++) {
                // Averaging (docs/PAPER.md, reference algorithms): w = (1/k) Σ_{i<k} y_i x_i.
                double[] sum = new double[d];
                for (int k = 0; k < n; k++) {
                    double y = episodes.y(b, k);
                    double averaging = 0;
                    if (k > 0) {
                        for (int j = 0; j < d; j++) {
                            averaging += sum[j] / k * episodes.x(b, k, j);
                        }
                    }
                    double error = predictions[b * n + k] - y;
                    modelByK[k] += error * error;
                    zeroByK[k] += y * y;
                    averagingByK[k] += (averaging - y) * (averaging - y);
                    if (baselinePredictions != null) {
                        double difference = predictions[b * n + k] - baselinePredictions[b * n + k];
                        spdByK[k] += difference * difference;
                    }
                    for (int j = 0; j < d; j++) {
                        sum[j] += y * episodes.x(b, k, j);
                    }
                }
            }
            double scale = 1.0 / (episodes.batch() * (double) d);
            ObjectNode evaluation = JsonNodeFactory.instance.objectNode();
            evaluation.put("episodes", episodes.batch());
            evaluation.put("mseOverD", mean(modelByK, 0) * scale);
            evaluation.put("zeroMseOverD", mean(zeroByK, 0) * scale);
            evaluation.put("averagingMseOverD", mean(averagingByK, 0) * scale);
            ArrayNode byK = evaluation.putArray("mseOverDByK");
            for (double value : modelByK) {
                byK.add(value * scale);
            }
            String summary = String.format("squared error/d: model %.4f, zero %.4f, averaging %.4f",
                    mean(modelByK, 0) * scale, mean(zeroByK, 0) * scale, mean(averagingByK, 0) * scale);
            if (baselinePredictions != null) {
                evaluation.put("baseline", baseline.name());
                ArrayNode spd = evaluation.putArray("spdOverDByK");
                for (double value : spdByK) {
                    spd.add(value * scale);
                }
                double atLeastD = mean(spdByK, Math.min(d, n - 1)) * scale;
                evaluation.put("spdOverDAtKAtLeastD", atLeastD);
                summary += String.format(", SPD/d vs %s (k>=d): %.4f", baseline.name(), atLeastD);
            }
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("step", update);
            line.set("evaluation", evaluation);
            writeLine(line);
            listener.onEvaluation(update, summary);
        }

        private double mean(double[] values, int from) {
            double sum = 0;
            for (int k = from; k < values.length; k++) {
                sum += values[k];
            }
            return sum / (values.length - from);
        }

        /** Writes and flushes one line, so the log shows progress as it happens (and survives a kill). */
        private void writeLine(ObjectNode line) throws IOException {
            metrics.write(JSON.writeValueAsString(line));
            metrics.newLine();
            metrics.flush();
        }

        private void saveCheckpoint(long step) throws IOException {
            metrics.flush();
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            state.put("step", step);
            state.put("seed", settings.seed());
            state.put("dataStream", "update s draws its episodes from Rng.of(seed, s); the next update is s = step");
            state.put("optimizer", "adamw");
            state.put("beta1", settings.beta1());
            state.put("beta2", settings.beta2());
            state.put("epsilon", settings.epsilon());
            state.put("weightDecay", settings.weightDecay());
            Map<String, Tensor> weights = model.toTensors();
            Map<String, Tensor> moments = adam.toTensors();
            if (!finite(weights) || !finite(moments)) {
                // The update that made them non-finite had a finite loss; keep the checkpoint on disk.
                throw diverged(step, "the weights or Adam moments after it are not finite");
            }
            Checkpoint checkpoint = new Checkpoint(config, task.name(), settings.toJson(),
                    Provenance.current(settings.seed()), weights, new Checkpoint.ResumeState(state, moments));
            checkpoint.write(checkpointDirectory);
            checkpointStep = step;
        }
    }
}
