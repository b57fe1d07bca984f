package org.icl4j.harness.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.icl4j.api.Estimator;
import org.icl4j.api.ModelExporter;
import org.icl4j.formats.BadInputException;
import org.icl4j.harness.plugin.Registry;

/**
 * Exports a checkpoint (or a training run folder's checkpoint) with a registered {@link ModelExporter}, then
 * loads the written file through the engine registry, so that a model that does not load is reported at once.
 */
public final class Exports {

    private Exports() {
    }

    /**
     * Checks the paths, exports and loads the result.
     *
     * @param registry the registered exporters and engines
     * @param format the export format, e.g. {@code onnx}
     * @param model a checkpoint folder or a training run folder
     * @param out the file to write
     * @param hiddenStates whether the exported model also outputs hidden states
     * @param overwrite whether an existing {@code out} may be replaced
     * @return the written export
     * @throws NoSuchFileException when the model does not exist
     * @throws BadInputException when the model is a file, {@code out} is a folder, exists without
     *     {@code overwrite}, or has a file where a parent folder should be
     * @throws IOException when the export fails
     */
    public static ExportResult export(Registry registry, String format, Path model, Path out, boolean hiddenStates,
                                      boolean overwrite) throws IOException {
        ModelExporter exporter = registry.exporters().get(format);
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such checkpoint or run folder");
        }
        if (!Files.isDirectory(model)) {
            throw new BadInputException("--model must be a checkpoint folder or a training run folder, found the file "
                    + model + (model.toString().endsWith(exporter.fileExtension()) ? " (already an " + exporter.format().toUpperCase(java.util.Locale.ROOT) + " model)" : ""));
        }
        if (Files.isDirectory(out)) {
            throw new BadInputException("--out must be a file name such as model" + exporter.fileExtension()
                    + ", found the folder " + out);
        }
        if (Files.exists(out) && !overwrite) {
            throw new BadInputException(out + " already exists; pass --overwrite to replace it");
        }
        // The exporter creates missing parent folders; a file where one of them should be is bad input.
        for (Path parent = out.toAbsolutePath().normalize().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new BadInputException("cannot write " + out + ": " + parent
                            + " is a file where a folder is needed; choose another --out");
                }
                break;
            }
        }
        String description = exporter.export(model, out, hiddenStates);
        // Loading the file checks it: the engine that runs this kind of file must accept it.
        try (Estimator loaded = registry.engines().load(out, Optional.empty())) {
            loaded.name();
        }
        return new ExportResult(out.toAbsolutePath(), Files.size(out), exporter.format(), description);
    }
}
