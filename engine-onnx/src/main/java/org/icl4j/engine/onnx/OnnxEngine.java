package org.icl4j.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.Estimator;
import org.icl4j.api.ModelExporter;

/**
 * The {@code onnx} engine: inference (and hidden states, for models that export them) in ONNX Runtime. It
 * cannot train. {@link Capability#GPU} is present when the class path carries ONNX Runtime's CUDA build.
 */
public final class OnnxEngine implements Engine {

    /** The engine's name. */
    public static final String NAME = "onnx";

    private final OnnxOptions options;

    /** @param options how models run */
    public OnnxEngine(OnnxOptions options) {
        this.options = Objects.requireNonNull(options, "options is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> capabilities = EnumSet.of(Capability.INFERENCE, Capability.HIDDEN_STATES);
        if (OnnxEstimator.cudaAvailable()) {
            capabilities.add(Capability.GPU);
        }
        return capabilities;
    }

    /**
     * Loads an ONNX model that follows the in-context learner contract, or a transformer checkpoint directory,
     * which is exported (with hidden states) by the {@code onnx} {@link ModelExporter} found with
     * {@link ServiceLoader} on this engine's own class loader (the icl4j-engine-onnx-export jar on the class path,
     * or in the same plugin folder when the engine is loaded as an isolated plugin) and then loaded.
     *
     * @param model the {@code .onnx} file or checkpoint directory
     * @return an {@link OnnxEstimator}, or an {@link OnnxHiddenStateEstimator} when the model has hidden states
     */
    @Override
    public Estimator load(Path model) throws IOException {
        Objects.requireNonNull(model, "model is null");
        if (Files.isDirectory(model)) {
            return OnnxEstimator.load(exportInMemory(model), "onnx:" + model.getFileName(), options);
        }
        return OnnxEstimator.load(model, options);
    }

    private static byte[] exportInMemory(Path checkpoint) throws IOException {
        ModelExporter exporter = null;
        for (ModelExporter candidate : ServiceLoader.load(ModelExporter.class, OnnxEngine.class.getClassLoader())) {
            if (candidate.format().equals("onnx")) {
                exporter = candidate;
                break;
            }
        }
        if (exporter == null) {
            throw new IllegalArgumentException("the onnx engine runs a checkpoint folder (" + checkpoint + ") by exporting "
                    + "it, which needs the icl4j-engine-onnx-export jar where the onnx engine was loaded from (the class path, or "
                    + "the engine's plugin folder with the exporter's dependencies); export it with icl4j export, "
                    + "or use the djl engine");
        }
        Path file = Files.createTempFile("icl4j-", ".onnx");
        try {
            exporter.export(checkpoint, file, true);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @return the options models run with */
    public OnnxOptions options() {
        return options;
    }
}
