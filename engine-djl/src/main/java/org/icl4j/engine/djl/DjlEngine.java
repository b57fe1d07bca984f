package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.Estimator;
import org.icl4j.api.Learner;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;

/**
 * The {@code djl} engine: trains transformers ({@link DjlTransformerLearner}) and runs checkpoints
 * ({@link DjlTransformerEstimator}) on DJL's PyTorch engine, offline, with the natives of the
 * {@code pytorch-native-cpu} artifact (or a CUDA build when one is on the class path). Its options, in an engine
 * spec such as {@code djl:device=gpu,threads=2}, are {@link #OPTIONS}; the thread count is fixed once per process
 * ({@link DjlDevices}).
 */
public final class DjlEngine implements Engine {

    /** The engine's name. */
    public static final String NAME = "djl";

    /** The engine options: where models run and PyTorch's intra-operator threads. */
    public static final List<Parameter> OPTIONS = List.of(
            new Parameter("device", "cpu", "cpu or gpu (fails clearly when DJL sees no GPU)"),
            new Parameter("threads", Integer.toString(DjlDevices.DEFAULT_THREADS),
                    "PyTorch intra-operator threads; fixed by the first djl engine that runs in a process"));

    private final String device;
    private final int threads;

    /** An engine with the default options (the CPU, {@value DjlDevices#DEFAULT_THREADS} thread). */
    public DjlEngine() {
        this("cpu", DjlDevices.DEFAULT_THREADS);
    }

    /**
     * @param device {@code cpu} or {@code gpu}: where models load and train
     * @param threads PyTorch's intra-operator threads, at least 1
     */
    public DjlEngine(String device, int threads) {
        this.device = requireNonNull(device, "device is null");
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("djl engine option device must be cpu or gpu, found '" + device + "'");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("djl engine option threads must be >= 1, found " + threads);
        }
        this.threads = threads;
    }

    /**
     * @param spec an engine spec, e.g. {@code djl:device=gpu,threads=2}; its name is not read
     * @return the engine with those options
     * @throws IllegalArgumentException naming an unknown option or a bad value
     */
    public static DjlEngine fromSpec(Spec spec) {
        spec.requireKnownParameters(OPTIONS.stream().map(Parameter::name).toList());
        return new DjlEngine(spec.stringValue("device", "cpu"), spec.intValue("threads", DjlDevices.DEFAULT_THREADS));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.of(Capability.TRAINING, Capability.INFERENCE, Capability.HIDDEN_STATES);
        DjlDevices.useThreads(threads);
        if (DjlDevices.gpuCount() > 0) {
            capabilities.add(Capability.GPU);
        }
        return capabilities;
    }

    /** Checkpoint folders, and run folders holding {@code checkpoint/}. */
    @Override
    public boolean canLoad(Path model) {
        return Files.isDirectory(model) && Checkpoint.exists(RunLayout.resolveCheckpoint(model));
    }

    /**
     * Loads a checkpoint directory, or a run directory holding {@code checkpoint/}, on this engine's device.
     *
     * @param model the checkpoint or run directory
     * @return a {@link DjlTransformerEstimator}
     */
    @Override
    public Estimator load(Path model) throws IOException {
        DjlDevices.useThreads(threads);
        return DjlTransformerEstimator.load(model, DjlDevices.resolve(device));
    }

    /**
     * A learner from a spec: {@code preset} (a file of {@code presets/}) then any setting of
     * {@link TrainingSettings#parameters()}, e.g. {@code djl:preset=quick,steps=2000,lr=5e-4}. It trains on this
     * engine's device. The spec's name is not read.
     *
     * @param spec the settings; for a resumed run only those given again or changed
     * @return a {@link DjlTransformerLearner}
     */
    @Override
    public Learner learner(Spec spec) {
        return new DjlTransformerLearner(spec, device, threads);
    }

    /** @return {@code cpu} or {@code gpu} */
    public String device() {
        return device;
    }

    /** @return PyTorch's intra-operator threads this engine asks for */
    public int threads() {
        return threads;
    }
}
