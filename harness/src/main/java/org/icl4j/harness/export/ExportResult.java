package org.icl4j.harness.export;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A written, checked export.
 *
 * @param file the written model file
 * @param bytes its size
 * @param format the format's name, e.g. {@code onnx}
 * @param description the exporter's one-line description of the model's inputs and outputs
 */
public record ExportResult(Path file, long bytes, String format, String description) {

    /** Validates non-null fields. */
    public ExportResult {
        requireNonNull(file, "file is null");
        requireNonNull(format, "format is null");
        requireNonNull(description, "description is null");
    }
}
