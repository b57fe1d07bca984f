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
     * A learner configured by {@code spec}. Requires {@link Capability#TRAINING}.
     *
     * @param spec the learner's settings
     * @return the learner
     * @throws UnsupportedOperationException when this engine cannot train
     */
    default Learner learner(Spec spec) {
        throw new UnsupportedOperationException("engine '" + name() + "' cannot train (capabilities: "
                + capabilities() + "); choose an engine with the TRAINING capability, e.g. djl");
    }
}
