package org.icl4j.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a saved model (a checkpoint folder, or a training run folder holding one) in another format, e.g. an ONNX
 * file that follows the in-context learner contract. Contributed by a {@link Plugin}; the host finds exporters by
 * {@link #format()} and never names an implementation class.
 */
public interface ModelExporter {

    /** @return the format's name, unique across plugins, e.g. {@code onnx} */
    String format();

    /** @return the file-name ending of written models, e.g. {@code .onnx} */
    String fileExtension();

    /** @return a one-line description for listings */
    String description();

    /**
     * Exports a model. The file appears complete or not at all (it is written to a temporary sibling and moved
     * into place), replacing a file already at {@code out}.
     *
     * @param model the checkpoint folder or a training run folder
     * @param out the file to write; missing parent folders are created
     * @param hiddenStates whether the exported model also outputs every layer's hidden states (for probing)
     * @return a one-line description of the written model's inputs and outputs
     * @throws IOException when the model cannot be read or the file cannot be written
     * @throws MalformedCheckpointException when the model is truncated or inconsistent
     */
    String export(Path model, Path out, boolean hiddenStates) throws IOException;
}
