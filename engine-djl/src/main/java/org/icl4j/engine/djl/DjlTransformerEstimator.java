package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.TransformerConfig;

/**
 * A transformer checkpoint run by DJL on PyTorch as an in-context learner: batched prefix predictions and per-layer
 * hidden states. Holds native memory until {@link #close()}.
 */
public final class DjlTransformerEstimator implements HiddenStateEstimator {

    private final Path checkpoint;
    private final String name;
    private final NDManager manager;
    private final DjlTransformer model;
    private boolean closed;

    private DjlTransformerEstimator(Path checkpoint, Checkpoint read, Device device) {
        this.checkpoint = checkpoint;
        this.name = "djl-transformer:" + RunLayout.displayName(checkpoint);
        this.manager = DjlDevices.engine().newBaseManager(device);
        try {
            this.model = new DjlTransformer(read.model(), read.weights(), manager, device, DataType.FLOAT32);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a checkpoint directory, or a run directory holding {@code checkpoint/}.
     *
     * @param path the checkpoint or run directory
     * @param device where to run
     * @return the estimator; the caller closes it
     * @throws IOException when the checkpoint cannot be read or is malformed
     */
    public static DjlTransformerEstimator load(Path path, Device device) throws IOException {
        requireNonNull(path, "path is null");
        Path checkpoint = RunLayout.resolveCheckpoint(path);
        return new DjlTransformerEstimator(checkpoint, Checkpoint.read(checkpoint, false), device);
    }

    /** @return the architecture */
    public TransformerConfig config() {
        return model.config();
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the checkpoint folder this model was read from */
    public Path checkpoint() {
        return checkpoint;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        checkOpen();
        return model.predictPrefixes(episodes);
    }

    /**
     * One sequence per episode and context length instead of one per query: the context tokens followed by all
     * queries, each query at position 2k and attending to the context and itself
     * ({@link DjlTransformer#predictQueries}). Equal to the default route up to float rounding.
     */
    @Override
    public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        checkOpen();
        return model.predictQueries(episodes, contextPairs, queries, queriesPerEpisode);
    }

    @Override
    public HiddenStates hiddenStates(EpisodeBatch episodes) {
        checkOpen();
        return model.hiddenStates(episodes);
    }

    /** Releases the model's native memory; later calls fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.close();
            manager.close();
        }
    }
}
