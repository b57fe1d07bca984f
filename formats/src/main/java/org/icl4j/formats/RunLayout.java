package org.icl4j.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.formats.model.Checkpoint;

/**
 * The layout of a training run folder, and the one place that resolves "a run folder or a checkpoint folder" to
 * the checkpoint it designates. A run folder holds {@value #CHECKPOINT_DIRECTORY}/ (the latest checkpoint),
 * {@value #METRICS_FILE} (one JSON object per logged step or evaluation) and the report files.
 */
public final class RunLayout {

    /** The checkpoint's sub-folder of a run folder. */
    public static final String CHECKPOINT_DIRECTORY = "checkpoint";
    /** The checkpoint's sub-folder of a folder written by {@code icl4j construct}. */
    public static final String CONSTRUCTION_DIRECTORY = "model";
    /** The training log of a run folder: one JSON object per line. */
    public static final String METRICS_FILE = "metrics.jsonl";

    private RunLayout() {
    }

    /**
     * The checkpoint a path designates: the path itself, or for a run folder (one without config.json) its
     * {@value #CHECKPOINT_DIRECTORY}/ sub-folder when that holds a checkpoint, or for a construction's folder its
     * {@value #CONSTRUCTION_DIRECTORY}/ sub-folder.
     *
     * @param path a checkpoint folder, a run folder or a construction's folder
     * @return the checkpoint folder (which may not hold a checkpoint; {@link Checkpoint#exists} says)
     */
    public static Path resolveCheckpoint(Path path) {
        Path inRun = path.resolve(CHECKPOINT_DIRECTORY);
        if (Files.isRegularFile(path.resolve(Checkpoint.CONFIG_FILE))) {
            return path;
        }
        if (Checkpoint.exists(inRun)) {
            return inRun;
        }
        Path constructed = path.resolve(CONSTRUCTION_DIRECTORY);
        return Checkpoint.exists(constructed) ? constructed : path;
    }

    /**
     * The model file or checkpoint folder a path designates: {@link #resolveCheckpoint} for a folder, the path itself
     * for a file (e.g. an .onnx model).
     *
     * @param path a model file, a checkpoint folder, a run folder or a construction's folder
     * @return what an engine loads
     */
    public static Path resolveModel(Path path) {
        return Files.isDirectory(path) ? resolveCheckpoint(path) : path;
    }

    /**
     * Like {@link #resolveCheckpoint} but refuses a path that designates no checkpoint.
     *
     * @param path a checkpoint folder or a run folder
     * @return the checkpoint folder
     * @throws BadInputException naming the path and what a checkpoint or run folder holds
     */
    public static Path requireCheckpoint(Path path) {
        Path checkpoint = resolveCheckpoint(path);
        if (!Files.isDirectory(checkpoint) || !Checkpoint.exists(checkpoint)) {
            throw new BadInputException(path + " is neither a run folder nor a checkpoint folder (" + Checkpoint.CONFIG_FILE
                    + " and " + Checkpoint.WEIGHTS_FILE + ")");
        }
        return checkpoint;
    }

    /**
     * @param checkpoint a checkpoint folder
     * @return the name to show for it: the run folder's name when it is a run's {@value #CHECKPOINT_DIRECTORY}/ or a
     *     construction's {@value #CONSTRUCTION_DIRECTORY}/, else its own name
     */
    public static String displayName(Path checkpoint) {
        Path folder = checkpoint.getFileName();
        Path parent = checkpoint.getParent();
        if (folder == null) {
            return checkpoint.toString();
        }
        boolean inFolder = folder.toString().equals(CHECKPOINT_DIRECTORY) || folder.toString().equals(CONSTRUCTION_DIRECTORY);
        return inFolder && parent != null && parent.getFileName() != null
                ? parent.getFileName().toString() : folder.toString();
    }
}
