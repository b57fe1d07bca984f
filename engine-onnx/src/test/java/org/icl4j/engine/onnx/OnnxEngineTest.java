package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Estimator;
import org.icl4j.api.Plugin;
import org.icl4j.api.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEngineTest {

    @TempDir
    Path directory;

    @AfterEach
    void clearProperties() {
        System.clearProperty("icl4j.onnx.device");
        System.clearProperty("icl4j.onnx.threads");
        System.clearProperty("icl4j.onnx.maxBatch");
    }

    @Test
    void pluginIsFoundByServiceLoaderAndContributesTheOnnxEngine() throws Exception {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(plugin -> plugin instanceof OnnxPlugin).collect(Collectors.toList());
        assertThat(plugins).hasSize(1);
        List<EngineProvider> providers = List.copyOf(plugins.get(0).engines());
        assertThat(providers).hasSize(1);
        EngineProvider provider = providers.get(0);
        assertThat(provider.getEngineName()).isEqualTo("onnx");
        Engine engine = provider.getEngine();
        assertThat(engine).isSameAs(provider.getEngine());
        assertThat(engine.name()).isEqualTo("onnx");
        assertThat(engine.capabilities()).contains(Capability.INFERENCE, Capability.HIDDEN_STATES)
                .doesNotContain(Capability.TRAINING);
        assertThatThrownBy(() -> engine.learner(Spec.of("transformer")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("engine 'onnx' cannot train");

        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, true));
        try (Estimator estimator = engine.load(model)) {
            assertThat(estimator).isInstanceOf(OnnxHiddenStateEstimator.class);
        }
    }

    @Test
    void readsOptionsFromSystemProperties() {
        assertThat(OnnxEngineProvider.optionsFromSystemProperties()).isEqualTo(OnnxOptions.defaults())
                .isEqualTo(new OnnxOptions(OnnxOptions.Device.CPU, 0, 1, 512));
        System.setProperty("icl4j.onnx.device", "cuda:1");
        System.setProperty("icl4j.onnx.threads", "2");
        System.setProperty("icl4j.onnx.maxBatch", "64");
        assertThat(OnnxEngineProvider.optionsFromSystemProperties())
                .isEqualTo(new OnnxOptions(OnnxOptions.Device.CUDA, 1, 2, 64));
        System.setProperty("icl4j.onnx.device", "tpu");
        assertThatThrownBy(OnnxEngineProvider::optionsFromSystemProperties)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property icl4j.onnx.device must be cpu, cuda or cuda:N, found 'tpu'");
        System.setProperty("icl4j.onnx.device", "cpu");
        System.setProperty("icl4j.onnx.threads", "many");
        assertThatThrownBy(OnnxEngineProvider::optionsFromSystemProperties)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("icl4j.onnx.threads must hold an integer, found 'many'");
    }

    @Test
    void optionsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> OnnxOptions.defaults().withMaxBatch(0))
                .hasMessage("maxBatch must be >= 1, found 0");
        assertThatThrownBy(() -> OnnxOptions.defaults().withIntraOpThreads(-1))
                .hasMessageContaining("intraOpThreads must be >= 0");
    }
}
