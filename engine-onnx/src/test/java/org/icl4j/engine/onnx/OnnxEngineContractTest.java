package org.icl4j.engine.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.icl4j.api.Engine;
import org.icl4j.api.Plugin;
import org.icl4j.testkit.EngineContractTest;
import org.icl4j.testkit.PluginContractTest;
import org.junit.jupiter.api.Nested;

/** The onnx engine, its plugin and the exporter's plugin run the shared contracts; the saved model is the hand-built averaging graph. */
class OnnxEngineContractTest extends EngineContractTest {

    @Override
    protected Engine createEngine() {
        return new OnnxEngine(OnnxOptions.defaults());
    }

    @Override
    protected Optional<SavedModel> savedModel(Path folder) throws IOException {
        Path model = TestModels.write(folder, "averaging.onnx", TestModels.averaging(TestModels.config(3, 8), false));
        return Optional.of(new SavedModel(model, 3, 8));
    }

    @Nested
    class OnnxPluginContract extends PluginContractTest {
        @Override
        protected Plugin createPlugin() {
            return new OnnxPlugin();
        }
    }

    @Nested
    class OnnxExportPluginContract extends PluginContractTest {
        @Override
        protected Plugin createPlugin() {
            return new org.icl4j.engine.onnx.export.OnnxExportPlugin();
        }
    }
}
