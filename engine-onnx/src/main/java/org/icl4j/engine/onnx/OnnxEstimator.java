package org.icl4j.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.MalformedCheckpointException;

/**
 * Runs an ONNX model that follows the in-context learner contract (docs/ONNX.md) in ONNX Runtime.
 *
 * <p>The model's inputs, outputs and metadata are checked at load ({@link OnnxSignature}); a mismatch is
 * explained by name, rank, element type, dimension or maximum n. Requests larger than
 * {@link OnnxOptions#maxBatch()} episodes are split into several runs. Every tensor and result is closed in the
 * call that made it; {@link #close()} releases the session. Calls from several threads may run at once
 * (ONNX Runtime sessions allow concurrent runs); {@code close} waits for running calls to finish.
 *
 * <p>A model with the optional {@code hidden_states} output loads as an {@link OnnxHiddenStateEstimator}.
 */
public class OnnxEstimator implements Estimator {

    private final String name;
    private final OrtSession session;
    private final OnnxSignature signature;
    private final OnnxOptions options;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    OnnxEstimator(String name, OrtSession session, OnnxSignature signature, OnnxOptions options) {
        this.name = name;
        this.session = session;
        this.signature = signature;
        this.options = options;
    }

    /**
     * Loads a model on the CPU with default options.
     *
     * @param model the {@code .onnx} file
     * @return the estimator; the caller closes it
     * @throws IOException                  when the file cannot be read
     * @throws MalformedCheckpointException when the file is not a readable ONNX model
     * @throws IllegalArgumentException     when the model does not follow the contract
     */
    public static OnnxEstimator load(Path model) throws IOException {
        return load(model, OnnxOptions.defaults());
    }

    /**
     * Loads a model.
     *
     * @param model   the {@code .onnx} file
     * @param options how ONNX Runtime runs it
     * @return the estimator ({@link OnnxHiddenStateEstimator} when the model has {@code hidden_states}); the
     *         caller closes it
     * @throws IOException                   when the file cannot be read
     * @throws MalformedCheckpointException  when the file is not a readable ONNX model
     * @throws IllegalArgumentException      when the model does not follow the contract
     * @throws UnsupportedOperationException when CUDA is asked for and this ONNX Runtime cannot provide it
     */
    public static OnnxEstimator load(Path model, OnnxOptions options) throws IOException {
        Objects.requireNonNull(model, "model is null");
        if (Files.isDirectory(model)) {
            throw new IllegalArgumentException(model + " is a directory; an ONNX model is one .onnx file (a checkpoint"
                    + " directory runs through the onnx engine, or convert it with 'icl4j export')");
        }
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such ONNX model file");
        }
        long size = Files.size(model);
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (size > Integer.MAX_VALUE - 8 || size > free) {
            // ONNX (protobuf) models are at most 2 GiB, and the whole file is read before ONNX Runtime parses it.
            throw new IllegalArgumentException("ONNX model " + model + " is " + size + " bytes; models are read whole, "
                    + "up to 2 GiB and the " + free + " bytes of heap this JVM has free (docs/LIMITS.md)");
        }
        return load(Files.readAllBytes(model), "onnx:" + model.getFileName(), model.toString(), options);
    }

    /**
     * Loads a model from its serialised bytes (e.g. one just exported in memory).
     *
     * @param model   the ONNX ModelProto bytes
     * @param name    the estimator's display name
     * @param options how ONNX Runtime runs it
     * @return the estimator; the caller closes it
     * @throws MalformedCheckpointException when the bytes are not a readable ONNX model
     * @throws IllegalArgumentException     when the model does not follow the contract
     */
    public static OnnxEstimator load(byte[] model, String name, OnnxOptions options) throws MalformedCheckpointException {
        return load(model, name, name, options);
    }

    private static OnnxEstimator load(byte[] model, String name, String source, OnnxOptions options)
            throws MalformedCheckpointException {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(options, "options is null");
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions sessionOptions = sessionOptions(options)) {
            session = environment.createSession(model, sessionOptions);
        } catch (OrtException e) {
            throw new MalformedCheckpointException("cannot read ONNX model " + source + " (" + model.length
                    + " bytes): the file is truncated or not an ONNX model; ONNX Runtime says: " + e.getMessage(), e);
        }
        try {
            OnnxSignature signature = OnnxSignature.inspect(session, source);
            return signature.hiddenStates()
                    ? new OnnxHiddenStateEstimator(name, session, signature, options)
                    : new OnnxEstimator(name, session, signature, options);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, e);
            if (e instanceof OrtException) {
                throw new MalformedCheckpointException("cannot describe ONNX model " + source + ": " + e.getMessage(), e);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Session options from {@link OnnxOptions}: all graph optimisations (constant folding and ONNX Runtime's
     * operator fusions; for exported transformers the GeLU becomes one FastGelu kernel and the attention
     * scores' scale folds into their MatMul), and the execution provider asked for.
     */
    private static OrtSession.SessionOptions sessionOptions(OnnxOptions options) throws OrtException {
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        try {
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (options.intraOpThreads() > 0) {
                sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.device() == OnnxOptions.Device.CUDA) {
                addCuda(sessionOptions, options.deviceId());
            }
            return sessionOptions;
        } catch (OrtException | RuntimeException e) {
            sessionOptions.close();
            throw e;
        }
    }

    private static void addCuda(OrtSession.SessionOptions sessionOptions, int deviceId) {
        Set<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        if (!available.contains(OrtProvider.CUDA)) {
            throw new UnsupportedOperationException("CUDA was asked for, but this ONNX Runtime offers only "
                    + available + ": replace com.microsoft.onnxruntime:onnxruntime with"
                    + " com.microsoft.onnxruntime:onnxruntime_gpu (same version) on the class path, with CUDA 12 and"
                    + " cuDNN 9 installed (docs/ONNX.md, GPU); or run on the CPU");
        }
        try {
            sessionOptions.addCUDA(deviceId);
        } catch (OrtException e) {
            throw new UnsupportedOperationException("ONNX Runtime could not start CUDA device " + deviceId
                    + " (is the device present, and are CUDA 12 and cuDNN 9 on the library path?): " + e.getMessage(), e);
        }
    }

    /** @return whether this ONNX Runtime can run models with CUDA */
    public static boolean cudaAvailable() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the model's signature: dimension, maximum n, hidden states and config */
    public OnnxSignature signature() {
        return signature;
    }

    /** @return the options the model runs with */
    public OnnxOptions options() {
        return options;
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        Objects.requireNonNull(episodes, "episodes is null");
        episodes = fit(episodes);
        int n = episodes.length();
        float[] predictions = new float[episodes.batch() * n];
        run(episodes, OnnxSignature.PREDICTIONS, (from, count, value) -> {
            long[] shape = value.getInfo().getShape();
            expectShape(OnnxSignature.PREDICTIONS, shape, new long[] {count, n});
            value.getFloatBuffer().get(predictions, from * n, count * n);
        });
        requireFinite(predictions, n);
        return predictions;
    }

    /**
     * Refuses a model whose predictions for finite episodes (EpisodeBatch admits no others) are NaN or infinite:
     * such a model is broken (e.g. exported from a diverged run), and its numbers must not reach a results table.
     */
    private void requireFinite(float[] predictions, int n) {
        for (int i = 0; i < predictions.length; i++) {
            if (!Float.isFinite(predictions[i])) {
                throw new IllegalArgumentException("ONNX model " + name + " predicted " + predictions[i] + " for episode "
                        + (i / n) + ", pair " + (i % n) + " of finite episodes; the model is broken (exported from a "
                        + "diverged run?) and is not used");
            }
        }
    }

    /**
     * Checks that the episodes fit the model and, for an icl4j model (one with {@code icl4j.config}), pads
     * episodes narrower than its dimension with zero features, as docs/MODEL.md specifies for a curriculum
     * over d.
     */
    EpisodeBatch fit(EpisodeBatch episodes) {
        int d = episodes.dimension();
        int modelDimension = signature.dimension();
        if (signature.config() == null || modelDimension == 0 || d >= modelDimension) {
            signature.checkEpisodes(episodes.length(), d, name);
            return episodes;
        }
        signature.checkEpisodes(episodes.length(), modelDimension, name);
        int rows = episodes.batch() * episodes.length();
        float[] xs = new float[rows * modelDimension];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(episodes.xs(), r * d, xs, r * modelDimension, d);
        }
        return new EpisodeBatch(episodes.batch(), episodes.length(), modelDimension, xs, episodes.ys(), null,
                episodes.noise());
    }

    /** Receives one run's output for episodes {@code from … from+count-1}. */
    interface ChunkConsumer {
        void accept(int from, int count, OnnxTensor value) throws OrtException;
    }

    /**
     * Runs the model on {@code episodes} in chunks of at most {@link OnnxOptions#maxBatch()} episodes, asking for
     * one output, and hands each chunk's output to {@code consumer} before closing it.
     */
    void run(EpisodeBatch episodes, String output, ChunkConsumer consumer) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("ONNX model " + name + " is closed");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            int n = episodes.length();
            int d = episodes.dimension();
            for (int from = 0; from < episodes.batch(); from += options.maxBatch()) {
                int count = Math.min(options.maxBatch(), episodes.batch() - from);
                FloatBuffer xs = FloatBuffer.wrap(episodes.xs(), from * n * d, count * n * d).slice();
                FloatBuffer ys = FloatBuffer.wrap(episodes.ys(), from * n, count * n).slice();
                try (OnnxTensor xsTensor = OnnxTensor.createTensor(environment, xs, new long[] {count, n, d});
                     OnnxTensor ysTensor = OnnxTensor.createTensor(environment, ys, new long[] {count, n});
                     OrtSession.Result result = session.run(
                             Map.of(OnnxSignature.XS, xsTensor, OnnxSignature.YS, ysTensor), Set.of(output))) {
                    OnnxValue value = result.get(output).orElseThrow(
                            () -> new IllegalStateException("ONNX model " + name + " returned no " + output));
                    if (!(value instanceof OnnxTensor tensor)) {
                        throw new IllegalStateException("ONNX model " + name + " returned " + output
                                + " as " + value.getType() + ", expected a float32 tensor");
                    }
                    consumer.accept(from, count, tensor);
                } catch (OrtException e) {
                    throw new IllegalStateException("ONNX Runtime failed to run model " + name + " on " + count
                            + " episodes of n = " + n + ", d = " + d + ": " + e.getMessage(), e);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void expectShape(String output, long[] found, long[] expected) {
        if (!java.util.Arrays.equals(found, expected)) {
            throw new IllegalStateException("ONNX model " + name + " returned " + output + " of shape "
                    + java.util.Arrays.toString(found) + ", expected " + java.util.Arrays.toString(expected));
        }
    }

    /** Releases the ONNX Runtime session; waits for calls in progress. Closing twice is harmless. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to close model " + name + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session, Exception primary) {
        try {
            session.close();
        } catch (OrtException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
