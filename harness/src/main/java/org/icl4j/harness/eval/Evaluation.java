package org.icl4j.harness.eval;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.formats.BadInputException;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;

/**
 * What evaluating a trained model compares: the model's checkpoint, on episodes of the task it was trained on
 * and of the length it was trained for, both read from its config.json unless given.
 *
 * @param checkpoint the checkpoint folder
 * @param task the task spec
 * @param length pairs per episode
 */
public record Evaluation(Path checkpoint, String task, int length) {

    /** Validates non-null fields. */
    public Evaluation {
        requireNonNull(checkpoint, "checkpoint is null");
        requireNonNull(task, "task is null");
    }

    /**
     * Resolves a model for evaluation.
     *
     * @param model a run folder or a checkpoint folder
     * @param task the task spec, or null for the one the checkpoint records
     * @param length pairs per episode, or null for the model's maxPairs
     * @return the evaluation
     * @throws BadInputException when the path holds no checkpoint, or the checkpoint records no task and none is given
     * @throws IOException when the checkpoint cannot be read
     */
    public static Evaluation of(Path model, String task, Integer length) throws IOException {
        Path checkpoint = RunLayout.resolveCheckpoint(model);
        if (!Files.isDirectory(checkpoint) || !Checkpoint.exists(checkpoint)) {
            throw new BadInputException(model + " is neither a run folder nor a checkpoint folder (config.json and "
                    + "model.safetensors); for an .onnx file use icl4j compare --model");
        }
        Checkpoint read = Checkpoint.read(checkpoint, false);
        String taskSpec = task != null ? task : read.task();
        if (taskSpec == null) {
            throw new BadInputException(checkpoint + " records no task (a compiled model?); give --task");
        }
        return new Evaluation(checkpoint, taskSpec, length != null ? length : read.model().maxPairs());
    }
}
