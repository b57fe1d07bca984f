package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.icl4j.api.CancellationToken;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Learner;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.api.TrainingListener;
import org.icl4j.api.TrainingOutcome;
import org.icl4j.api.TrainingRun;
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
 * <p>A resumed run reads its settings from the checkpoint's config.json; the learner's spec then holds only the
 * settings given again, which must equal the recorded ones, except that a larger {@code steps} extends the run:
 * update u of the extended run uses the learning rate of the warm-up + half-cosine schedule over the new
 * {@code steps}, while the updates already done keep theirs (docs/TRAINING.md, "Extending a run").
 *
 * <p>The run folder holds {@code checkpoint/} (written atomically every {@code checkpointEvery} updates, at the end,
 * and when the run's {@link CancellationToken} is cancelled: the learner finishes the update in flight, writes the
 * checkpoint, closes its PyTorch resources and returns a {@link TrainingOutcome.Status#CANCELLED} outcome), and
 * {@code metrics.jsonl} (flushed line by line): one JSON object per line, either
 * {@code {"step", "loss", "lr", "stepsPerSecond", "elapsedSeconds", "pairs", "dimension"}} or
 * {@code {"step", "evaluation": {…}}} for the held-out evaluation. With {@code replicas=2} a second thread computes
 * the gradient of the batch's second half while this one computes the first's (docs/TRAINING.md, "What training
 * does"). The learner prints nothing and installs no shutdown hook: signals and output belong to the host.
 */
public final class DjlTransformerLearner implements Learner {

    /** The checkpoint folder inside a run folder. */
    public static final String CHECKPOINT_DIRECTORY = org.icl4j.formats.RunLayout.CHECKPOINT_DIRECTORY;
    /** The metrics log inside a run folder. */
    public static final String METRICS_FILE = org.icl4j.formats.RunLayout.METRICS_FILE;
    /** The random stream of the held-out evaluation episodes; training update s uses stream s ≥ 0. */
    static final long EVALUATION_STREAM = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Spec spec;
    private final String device;
    private final int threads;

    /**
     * A learner on the CPU with the settings of {@code spec}.
     *
     * @param spec the settings, e.g. {@code djl:preset=tiny,steps=200}; for a resumed run those given again
     */
    public DjlTransformerLearner(Spec spec) {
        this(spec, "cpu", DjlDevices.DEFAULT_THREADS);
    }

    /**
     * A learner on the CPU with exactly these settings (for a new run).
     *
     * @param settings the settings
     */
    public DjlTransformerLearner(TrainingSettings settings) {
        this(settings.toSpec());
    }

    DjlTransformerLearner(Spec spec, String device, int threads) {
        this.spec = requireNonNull(spec, "spec is null");
        this.device = requireNonNull(device, "device is null");
        this.threads = threads;
        // Names are checked now; values when train() knows whether they start a run or are checked against one
        // (a value valid in a resumed run, such as pairs=3 with its curriculum, may not fit the tiny preset).
        spec.requireKnownParameters(TrainingSettings.names());
    }

    /** @return the settings of a new run with this learner's spec */
    public TrainingSettings settings() {
        return TrainingSettings.fromSpec(spec);
    }

    @Override
    public String name() {
        return spec.toString();
    }

    @Override
    public TrainingOutcome train(TrainingRun run) throws IOException {
        requireNonNull(run, "run is null");
        run.listener().onStart();
        Path checkpointDirectory = run.runFolder().resolve(CHECKPOINT_DIRECTORY);
        Checkpoint saved = null;
        TrainingSettings settings;
        if (run.resume()) {
            // A kill during a checkpoint write may have left the last one as .checkpoint.previous, or leftovers.
            Checkpoint.recover(checkpointDirectory);
            if (!Checkpoint.exists(checkpointDirectory)) {
                throw new IOException("cannot resume: " + run.runFolder() + " holds no checkpoint (expected "
                        + checkpointDirectory + "); start without --resume");
            }
            saved = Checkpoint.read(checkpointDirectory);
            settings = recordedSettings(saved).resumedWith(spec.parameters());
        } else {
            if (Checkpoint.exists(checkpointDirectory)) {
                throw new IOException(run.runFolder() + " already holds a checkpoint; pass --resume to continue that run "
                        + "or choose a new run folder");
            }
            settings = TrainingSettings.fromSpec(spec);
        }
        DjlDevices.useThreads(threads);
        Device resolved = DjlDevices.resolve(device);
        return new Session(settings, run, resolved).train(saved);
    }

    private static TrainingSettings recordedSettings(Checkpoint saved) throws IOException {
        if (saved.training() == null) {
            throw new IOException("cannot resume: the checkpoint records no training settings (a compiled model?)");
        }
        try {
            return TrainingSettings.fromJson(saved.training());
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot resume: the checkpoint's training settings are unreadable: " + e.getMessage());
        }
    }

    /**
     * Draws the episodes of update {@code step}, shaped by the curriculum.
     *
     * @param settings the run's settings
     * @param task the task
     * @param step the 0-based update index
     * @return the episodes: n and the used features as the curriculum says, width the task's d
     */
    static EpisodeBatch episodes(TrainingSettings settings, Task task, long step) {
        int pairs = settings.curriculumPairs(step);
        int dimension = task.dimension();
        int used = settings.curriculumDimension(step, dimension);
        EpisodeBatch drawn = task.sample(settings.optimiser().batch(), pairs, Rng.of(settings.run().seed(), step));
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

    /** One call to {@link #train}: the resolved settings, the run and the device. */
    private static final class Session {
        private final TrainingSettings settings;
        private final TrainingRun request;
        private final Device device;

        Session(TrainingSettings settings, TrainingRun request, Device device) {
            this.settings = settings;
            this.request = request;
            this.device = device;
        }

        TrainingOutcome train(Checkpoint saved) throws IOException {
            Path runDirectory = request.runFolder();
            Path checkpointDirectory = runDirectory.resolve(CHECKPOINT_DIRECTORY);
            Files.createDirectories(runDirectory);
            Task task = request.task();
            TransformerConfig config = settings.modelConfig(task.dimension());

            Map<String, Tensor> weights;
            Map<String, Tensor> moments = null;
            long start = 0;
            if (saved != null) {
                checkSameRun(saved, task, config);
                weights = saved.weights();
                if (saved.resumeState() == null) {
                    throw new IOException("cannot resume: " + checkpointDirectory + " has no training state ("
                            + Checkpoint.TRAINING_STATE_FILE + ", " + Checkpoint.OPTIMIZER_FILE + ")");
                }
                moments = saved.resumeState().optimizer();
                start = saved.resumeState().state().path("step").asLong(-1);
                if (start < 0 || start > settings.schedule().steps()) {
                    throw new IOException("cannot resume: " + checkpointDirectory + " records step " + start
                            + ", outside 0 … " + settings.schedule().steps());
                }
            } else {
                weights = settings.model().initialisation().initialise(config, settings.run().seed());
            }

            Path metricsFile = runDirectory.resolve(METRICS_FILE);
            keepMetricsUpTo(metricsFile, saved != null ? start : -1);
            // Every native resource is closed when this block ends, before the outcome goes back to the host.
            Run run;
            ExecutorService replicaThread = settings.optimiser().replicas() == 1 ? null
                    : Executors.newSingleThreadExecutor(work -> {
                        Thread thread = new Thread(work, "icl4j-replica-1");
                        thread.setDaemon(true);
                        return thread;
                    });
            try (NDManager root = DjlDevices.engine().newBaseManager(device);
                    DjlTransformer model = new DjlTransformer(config, weights, root, device, DataType.FLOAT32);
                    DjlAdam adam = new DjlAdam(model, settings.optimiser().beta1(), settings.optimiser().beta2(),
                            settings.optimiser().epsilon(), settings.optimiser().weightDecay(), root);
                    BufferedWriter metrics = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                model.requireGradients();
                if (moments != null) {
                    adam.load(moments);
                }
                run = new Run(settings, task, config, model, adam, root, metrics, checkpointDirectory, request,
                        replicaThread);
                run.loop(start);
            } finally {
                if (replicaThread != null) {
                    replicaThread.shutdownNow();
                }
            }
            long total = settings.schedule().steps();
            boolean completed = run.reached == total;
            return new TrainingOutcome(completed ? TrainingOutcome.Status.COMPLETED : TrainingOutcome.Status.CANCELLED,
                    Checkpoint.exists(checkpointDirectory) ? checkpointDirectory : null, start, run.reached, total,
                    run.lastLoss, settings.values(), settings.run().seed());
        }

        private void checkSameRun(Checkpoint saved, Task task, TransformerConfig config) {
            if (saved.task() != null && !saved.task().equals(task.name())) {
                throw new IllegalArgumentException("cannot resume: the run trained on task '" + saved.task()
                        + "' but the task now is '" + task.name() + "'");
            }
            if (!saved.model().equals(config)) {
                throw new IllegalArgumentException("cannot resume: the checkpoint's model " + saved.model()
                        + " differs from " + config);
            }
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

    /** One training run's loop and its bookkeeping. */
    private static final class Run {
        private final TrainingSettings settings;
        private final Task task;
        private final TransformerConfig config;
        private final DjlTransformer model;
        private final DjlAdam adam;
        private final NDManager root;
        private final BufferedWriter metrics;
        private final Path checkpointDirectory;
        private final TrainingListener listener;
        private final CancellationToken cancellation;
        private final Estimator baseline;
        private final LearningRateSchedule schedule;
        private final EpisodeBatch evaluationEpisodes;
        private final float[] baselinePredictions;
        /** Runs the second replica's share of each update; null with one replica. */
        private final ExecutorService replicaThread;
        /** The last finite training loss and its update (0: none yet), for the divergence message. */
        private double lastFiniteLoss = Double.NaN;
        private long lastFiniteUpdate;
        /** The update of the checkpoint on disk, -1 when this run has none. */
        private long checkpointStep = -1;
        /** The updates the checkpoint holds, once {@link #loop} returns. */
        private long reached;
        /** The loss of the last update this run made, NaN before the first. */
        private double lastLoss = Double.NaN;

        Run(TrainingSettings settings, Task task, TransformerConfig config, DjlTransformer model, DjlAdam adam,
                NDManager root, BufferedWriter metrics, Path checkpointDirectory, TrainingRun request,
                ExecutorService replicaThread) {
            this.settings = settings;
            this.replicaThread = replicaThread;
            this.task = task;
            this.config = config;
            this.model = model;
            this.adam = adam;
            this.root = root;
            this.metrics = metrics;
            this.checkpointDirectory = checkpointDirectory;
            this.listener = request.listener();
            this.cancellation = request.cancellation();
            this.baseline = request.baseline();
            this.schedule = settings.schedule().rates();
            this.evaluationEpisodes = task.sample(settings.run().evaluationBatch(), settings.model().pairs(),
                    Rng.of(settings.run().seed(), EVALUATION_STREAM));
            this.baselinePredictions = baseline == null ? null : baseline.predictPrefixes(evaluationEpisodes);
        }

        /** Runs updates until the last one or a cancellation; {@link #reached} then says how far it got. */
        void loop(long start) throws IOException {
            if (start > 0) {
                checkpointStep = start;
            }
            long began = System.nanoTime();
            long step = start;
            long total = settings.schedule().steps();
            RunSettings bookkeeping = settings.run();
            while (step < total) {
                if (cancellation.isCancelled()) {
                    // Leave a checkpoint of the updates done so far. Before the first update there is nothing new:
                    // a resumed run's checkpoint already holds `start`.
                    if (step > start) {
                        saveCheckpoint(step);
                    }
                    reached = step;
                    return;
                }
                long update = step + 1;
                double rate = schedule.rate(update);
                double loss = trainStep(step, update, rate);
                lastLoss = loss;
                step = update;
                listener.onStep(update, total, loss, rate);
                if (update % bookkeeping.logEvery() == 0 || update == total) {
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
                boolean last = update == total;
                if (last || (bookkeeping.evaluateEvery() > 0 && update % bookkeeping.evaluateEvery() == 0)) {
                    evaluate(update);
                }
                if (last || (bookkeeping.checkpointEvery() > 0 && update % bookkeeping.checkpointEvery() == 0)) {
                    saveCheckpoint(update);
                }
            }
            reached = total;
        }

        private double trainStep(long step, long update, double rate) {
            EpisodeBatch episodes = episodes(settings, task, step);
            int replicas = settings.optimiser().replicas();
            try (NDManager scope = root.newSubManager()) {
                double value = replicas == 1 ? replicaLoss(episodes) : twoReplicaLoss(episodes);
                if (!Double.isFinite(value)) {
                    throw diverged(update, "loss " + value);
                }
                // The gradients hold the sum of the replicas' gradients of their mean losses: their mean is the
                // gradient of the whole batch's mean loss.
                double scale = 1.0 / replicas;
                if (settings.optimiser().clip() > 0) {
                    double norm = gradientNorm(scope) * scale;
                    if (!Double.isFinite(norm)) {
                        throw diverged(update, "gradient norm " + norm);
                    }
                    if (norm > settings.optimiser().clip()) {
                        scale *= settings.optimiser().clip() / norm;
                    }
                }
                adam.update(scope, update, rate, scale);
                lastFiniteLoss = value;
                lastFiniteUpdate = update;
                return value;
            }
        }

        /**
         * The two replicas' passes: the second half of the batch on the replica thread, the first on this one. Both
         * add into the same gradients, and a sum of two floats is the same in either order, so the bytes do not
         * depend on which ends first.
         *
         * @return the mean of the two halves' mean losses
         */
        private double twoReplicaLoss(EpisodeBatch episodes) {
            int half = episodes.batch() / 2;
            EpisodeBatch second = episodes.slice(half, episodes.batch());
            Future<Double> other = replicaThread.submit(() -> replicaLoss(second));
            double first;
            try {
                first = replicaLoss(episodes.slice(0, half));
            } catch (RuntimeException | Error e) {
                // The other replica still uses the model, which closes when the error leaves the loop.
                try {
                    join(other);
                } catch (RuntimeException | Error ignored) {
                    e.addSuppressed(ignored);
                }
                throw e;
            }
            return (first + join(other)) / 2;
        }

        /**
         * The forward and backward pass of one replica's share of the batch, on the calling thread: adds the
         * gradient of its mean loss to the parameters' gradients (PyTorch allows concurrent backward passes that
         * share parameters). PyTorch's gradient mode is per thread, so it is switched on here and restored after.
         * (DJL's GradientCollector allows one collector per process, so two replicas call its backward pass
         * directly.)
         *
         * @return the share's mean loss
         */
        private double replicaLoss(EpisodeBatch episodes) {
            int n = episodes.length();
            int count = TransformerConfig.tokens(n);
            boolean gradientMode = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try (NDManager scope = root.newSubManager()) {
                NDArray tokens = model.tokens(scope, Tokens.encode(episodes, config.dimension()), episodes.batch(), count);
                NDArray labels = scope.create(episodes.ys(), new Shape(episodes.batch(), n)).toDevice(model.device(), false);
                NDArray loss = DjlTransformer.loss(model.forward(scope, tokens, null), labels);
                NDArray seed = scope.ones(loss.getShape(), loss.getDataType()).toDevice(loss.getDevice(), false);
                JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
                return loss.getFloat();
            } finally {
                JniUtils.setGradMode(gradientMode);
            }
        }

        /**
         * Waits for the second replica, without giving up on an interrupt (its work is one forward and backward
         * pass, and the model must outlive it), and passes on its failure.
         */
        private static double join(Future<Double> replica) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return replica.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException("the second replica failed", e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * The error that ends a diverged run: where it happened, the last finite loss, what is on disk (the last
         * checkpoint is never overwritten with non-finite values) and what to change.
         */
        private IllegalStateException diverged(long update, String what) {
            String last = lastFiniteUpdate == 0 ? "no earlier update had a finite loss"
                    : "the last finite loss was " + lastFiniteLoss + " at update " + lastFiniteUpdate;
            String kept = checkpointStep < 0 ? "no checkpoint was written (checkpointEvery=" + settings.run().checkpointEvery()
                    + ")" : "the checkpoint of update " + checkpointStep + " in " + checkpointDirectory + " is kept";
            return new IllegalStateException("training diverged at update " + update + " (" + what + "); " + last
                    + "; " + kept + ". Try a lower lr (now " + settings.schedule().lr() + "), a longer warm-up (warmup now "
                    + settings.schedule().warmup() + ") or gradient clipping (clip now " + settings.optimiser().clip()
                    + (settings.optimiser().clip() == 0 ? ", e.g. --set clip=1" : "") + "), and start a new run");
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
            state.put("seed", settings.run().seed());
            state.put("dataStream", "update s draws its episodes from Rng.of(seed, s); the next update is s = step");
            state.put("optimizer", "adamw");
            state.put("beta1", settings.optimiser().beta1());
            state.put("beta2", settings.optimiser().beta2());
            state.put("epsilon", settings.optimiser().epsilon());
            state.put("weightDecay", settings.optimiser().weightDecay());
            Map<String, Tensor> weights = model.toTensors();
            Map<String, Tensor> moments = adam.toTensors();
            if (!finite(weights) || !finite(moments)) {
                // The update that made them non-finite had a finite loss; keep the checkpoint on disk.
                throw diverged(step, "the weights or Adam moments after it are not finite");
            }
            Checkpoint checkpoint = new Checkpoint(config, task.name(), settings.toJson(),
                    Provenance.current(settings.run().seed()), weights, new Checkpoint.ResumeState(state, moments));
            checkpoint.write(checkpointDirectory);
            checkpointStep = step;
        }
    }
}
