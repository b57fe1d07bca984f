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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEngineTest {

    @TempDir
    Path directory;

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
    void readsOptionsFromTheEngineSpec() {
        assertThat(OnnxEngineProvider.options(Spec.of("onnx"))).isEqualTo(OnnxOptions.defaults())
                .isEqualTo(new OnnxOptions(OnnxOptions.Device.CPU, 0, 1, 512));
        assertThat(OnnxEngineProvider.options(Spec.parse("onnx:device=cuda:1,threads=2,maxBatch=64")))
                .isEqualTo(new OnnxOptions(OnnxOptions.Device.CUDA, 1, 2, 64));
        assertThat(OnnxEngineProvider.options(Spec.parse("onnx:device=cuda")))
                .isEqualTo(new OnnxOptions(OnnxOptions.Device.CUDA, 0, 1, 512));
        assertThatThrownBy(() -> OnnxEngineProvider.options(Spec.parse("onnx:device=tpu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onnx engine option device must be cpu, cuda or cuda:N, found 'tpu'");
        assertThatThrownBy(() -> OnnxEngineProvider.options(Spec.parse("onnx:threads=many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'threads' of 'onnx' must be an integer, found 'many'");
        assertThatThrownBy(() -> OnnxEngineProvider.options(Spec.parse("onnx:gpu=1")))
                .hasMessage("unknown parameter 'gpu' for 'onnx'; allowed: device, threads, maxBatch");
        OnnxEngineProvider provider = new OnnxEngineProvider();
        assertThat(provider.getEngine(Spec.of("onnx"))).isSameAs(provider.getEngine());
        assertThat(((OnnxEngine) provider.getEngine(Spec.parse("onnx:threads=3"))).options().intraOpThreads())
                .isEqualTo(3);
    }

    @Test
    void judgesModelsByTheirPathAndRefusesFolders() throws Exception {
        Engine engine = new OnnxEngineProvider().getEngine();
        assertThat(engine.canLoad(directory.resolve("model.onnx"))).isTrue();
        assertThat(engine.canLoad(directory)).isFalse();
        assertThat(engine.canLoad(directory.resolve("model.txt"))).isFalse();
        assertThatThrownBy(() -> engine.load(directory)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the onnx engine runs .onnx files, found the folder");
    }

    @Test
    void optionsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> OnnxOptions.defaults().withMaxBatch(0))
                .hasMessage("maxBatch must be >= 1, found 0");
        assertThatThrownBy(() -> OnnxOptions.defaults().withIntraOpThreads(-1))
                .hasMessageContaining("intraOpThreads must be >= 0");
    }
}
