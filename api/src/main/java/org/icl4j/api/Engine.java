package org.icl4j.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** A runtime for transformer in-context learners (e.g. DJL + PyTorch, ONNX Runtime). */
public interface Engine {

    /** @return the engine's name, e.g. {@code djl} */
    String name();

    /** @return what this engine can do on this machine */
    Set<Capability> capabilities();

    /**
     * @param capability a capability
     * @return whether this engine has it
     */
    default boolean hasCapability(Capability capability) {
        return capabilities().contains(capability);
    }

    /**
     * Whether {@link #load} reads this kind of model, judged from the path alone (a folder or a file, and its
     * name), without reading the model or loading native code, so that a host can pick the engine for a model by
     * asking every engine. The default says no.
     *
     * @param model a checkpoint folder, a run folder or a model file
     * @return whether this engine loads it
     */
    default boolean canLoad(Path model) {
        return false;
    }

    /**
     * Loads a saved model (a checkpoint directory or a model file) as an estimator. Requires
     * {@link Capability#INFERENCE}.
     *
     * @param model the model's path
     * @return the estimator; the caller closes it
     * @throws IOException when the model cannot be read
     * @throws MalformedCheckpointException when the model is truncated or inconsistent
     */
    Estimator load(Path model) throws IOException;

    /**
     * A learner configured by {@code spec}. Requires {@link Capability#TRAINING}. For a resumed run the spec holds
     * only the settings the caller gives again or changes; the learner reads the rest from the run's checkpoint
     * ({@link TrainingRun#resume()}).
     *
     * @param spec the learner's settings
     * @return the learner
     * @throws UnsupportedOperationException when this engine cannot train
     */
    default Learner learner(Spec spec) {
        throw new UnsupportedOperationException("engine '" + name() + "' cannot train (capabilities: "
                + capabilities() + "); choose an engine with the TRAINING capability");
    }
}
