package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.Estimator;
import org.icl4j.api.Learner;
import org.icl4j.api.Spec;

/**
 * The {@code djl} engine: trains transformers ({@link DjlTransformerLearner}) and runs checkpoints
 * ({@link DjlTransformerEstimator}) on DJL's PyTorch engine, offline, with the natives of the
 * {@code pytorch-native-cpu} artifact (or a CUDA build when one is on the class path).
 */
public final class DjlEngine implements Engine {

    /** The engine's name. */
    public static final String NAME = "djl";

    private final String device;

    /** An engine that loads models on the CPU. */
    public DjlEngine() {
        this("cpu");
    }

    /**
     * @param device {@code cpu} or {@code gpu}: where {@link #load} runs models
     */
    public DjlEngine(String device) {
        this.device = requireNonNull(device, "device is null");
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("device must be cpu or gpu, found '" + device + "'");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.of(Capability.TRAINING, Capability.INFERENCE, Capability.HIDDEN_STATES);
        if (DjlDevices.gpuCount() > 0) {
            capabilities.add(Capability.GPU);
        }
        return capabilities;
    }

    /**
     * Loads a checkpoint directory, or a run directory holding {@code checkpoint/}, on this engine's device.
     *
     * @param model the checkpoint or run directory
     * @return a {@link DjlTransformerEstimator}
     */
    @Override
    public Estimator load(Path model) throws IOException {
        Device resolved = DjlDevices.resolve(device);
        return DjlTransformerEstimator.load(model, resolved);
    }

    /**
     * A learner from a spec: {@code preset} (tiny, quick, paper) then any key of
     * {@link TrainingSettings#parameters()}, e.g. {@code djl:preset=quick,steps=2000,lr=5e-4}. The spec's name is
     * not read.
     *
     * @param spec the settings
     * @return a {@link DjlTransformerLearner}
     */
    @Override
    public Learner learner(Spec spec) {
        return new DjlTransformerLearner(TrainingSettings.fromSpec(spec));
    }
}
