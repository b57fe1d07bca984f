package org.icl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Engine} must meet. To run it, write a subclass in your test sources that creates the
 * engine and, if it has {@link Capability#INFERENCE}, writes a small model it can load:
 *
 * <pre>{@code
 * class MyEngineContractTest extends EngineContractTest {
 *     @Override
 *     protected Engine createEngine() {
 *         return new MyEngine();
 *     }
 *
 *     @Override
 *     protected Optional<SavedModel> savedModel(Path folder) throws IOException {
 *         Path file = MyModels.writeTiny(folder.resolve("tiny.model"));   // d = 4, up to 8 pairs
 *         return Optional.of(new SavedModel(file, 4, 8));
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that the engine names itself and its capabilities consistently, that an engine without
 * {@link Capability#TRAINING} refuses to make a learner with {@link UnsupportedOperationException}, that loading
 * a model that does not exist is an {@link IOException} naming the path, and, with the saved model, that the
 * loaded estimator predicts one finite value per prefix, the same values twice, and that a truncated copy of a
 * model file is refused with an {@link IOException} rather than any other failure.
 */
public abstract class EngineContractTest {

    /**
     * A model on disk for the inference checks.
     *
     * @param path the model file or folder
     * @param dimension the input width d it takes
     * @param maxPairs the most pairs per episode it takes
     */
    public record SavedModel(Path path, int dimension, int maxPairs) {
    }

    @TempDir
    Path folder;

    /** @return a fresh engine under test */
    protected abstract Engine createEngine();

    /**
     * Writes a small model the engine can load. Required when the engine has {@link Capability#INFERENCE}.
     *
     * @param folder an empty temporary folder to write it in
     * @return the model, or empty when the engine cannot load models
     * @throws IOException when it cannot be written
     */
    protected Optional<SavedModel> savedModel(Path folder) throws IOException {
        return Optional.empty();
    }

    @Test
    void nameAndCapabilitiesAreConsistent() {
        Engine engine = createEngine();
        assertThat(engine.name()).isNotBlank();
        assertThat(engine.capabilities()).isNotNull();
        for (Capability capability : Capability.values()) {
            assertThat(engine.hasCapability(capability)).as("hasCapability(%s)", capability)
                    .isEqualTo(engine.capabilities().contains(capability));
        }
    }

    @Test
    void anEngineThatCannotTrainRefusesToMakeALearner() {
        Engine engine = createEngine();
        if (!engine.hasCapability(Capability.TRAINING)) {
            assertThatThrownBy(() -> engine.learner(Spec.parse(engine.name())))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void loadingAMissingModelIsAnIoErrorNamingIt() {
        Engine engine = createEngine();
        if (!engine.hasCapability(Capability.INFERENCE)) {
            return;
        }
        Path missing = folder.resolve("no-such-model.onnx");
        assertThatThrownBy(() -> engine.load(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-model");
    }

    @Test
    void aLoadedModelPredictsOneFiniteValuePerPrefixDeterministically() throws Exception {
        Engine engine = createEngine();
        Optional<SavedModel> model = savedModel(folder);
        assertThat(model.isPresent() || !engine.hasCapability(Capability.INFERENCE))
                .as("an engine with INFERENCE must give savedModel() for the contract test").isTrue();
        if (model.isEmpty()) {
            return;
        }
        SavedModel saved = model.get();
        EpisodeBatch episodes = TestEpisodes.gaussian(3, saved.maxPairs(), saved.dimension(), 0.1, 5);
        try (Estimator estimator = engine.load(saved.path())) {
            float[] first = estimator.predictPrefixes(episodes);
            assertThat(first).hasSize(episodes.batch() * episodes.length());
            for (float value : first) {
                assertThat(Float.isFinite(value)).as("prediction %s is finite", value).isTrue();
            }
            assertThat(estimator.predictPrefixes(episodes)).isEqualTo(first);
        }
    }

    @Test
    void aTruncatedModelFileIsRefusedWithAnIoError() throws Exception {
        Engine engine = createEngine();
        Optional<SavedModel> model = savedModel(folder);
        if (model.isEmpty() || !Files.isRegularFile(model.get().path())) {
            return;
        }
        byte[] bytes = Files.readAllBytes(model.get().path());
        Path truncated = Files.write(folder.resolve("truncated-" + model.get().path().getFileName()),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> engine.load(truncated).close()).isInstanceOf(IOException.class);
    }
}
