package org.icl4j.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.Estimator;

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

    /** {@code .onnx} files; a checkpoint folder reaches this engine through a host that exports it first. */
    @Override
    public boolean canLoad(Path model) {
        return !Files.isDirectory(model) && model.getFileName() != null
                && model.getFileName().toString().endsWith(".onnx");
    }

    /**
     * Loads an ONNX model that follows the in-context learner contract (docs/ONNX.md).
     *
     * @param model the {@code .onnx} file
     * @return an {@link OnnxEstimator}, or an {@link OnnxHiddenStateEstimator} when the model has hidden states
     * @throws IllegalArgumentException for a folder: export a checkpoint first ({@code icl4j export}, or a host's
     *     engine registry, which converts it with a registered exporter)
     */
    @Override
    public Estimator load(Path model) throws IOException {
        Objects.requireNonNull(model, "model is null");
        if (Files.isDirectory(model)) {
            throw new IllegalArgumentException("the onnx engine runs .onnx files, found the folder " + model
                    + "; export it first (icl4j export --model " + model + " --out model.onnx), or load it through "
                    + "the engine registry with the onnx exporter registered");
        }
        return OnnxEstimator.load(model, options);
    }

    /** @return the options models run with */
    public OnnxOptions options() {
        return options;
    }
}
