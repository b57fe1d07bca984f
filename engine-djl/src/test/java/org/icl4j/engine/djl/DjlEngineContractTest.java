package org.icl4j.engine.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.icl4j.api.Engine;
import org.icl4j.api.Plugin;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.EngineContractTest;
import org.icl4j.testkit.PluginContractTest;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.Nested;

/** The djl engine and its plugin run the shared contracts; the saved model is a small random checkpoint. */
class DjlEngineContractTest extends EngineContractTest {

    @Override
    protected Engine createEngine() {
        return new DjlEngine();
    }

    @Override
    protected Optional<SavedModel> savedModel(Path folder) throws IOException {
        TransformerConfig config = new TransformerConfig(3, 8, 2, 16, 2, 8, 64, BlockVariant.AUTHORS, Activation.GELU_TANH,
                TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
        return Optional.of(new SavedModel(RandomCheckpoints.write(folder.resolve("checkpoint"), config, 5), 3, 8));
    }

    @Nested
    class DjlPluginContract extends PluginContractTest {
        @Override
        protected Plugin createPlugin() {
            return new DjlPlugin();
        }
    }
}
