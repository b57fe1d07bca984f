package org.icl4j.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.icl4j.api.Capability;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.cli.fake.FakePlugin;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.Engines;
import org.icl4j.harness.plugin.LoadedPlugin;
import org.icl4j.harness.plugin.Registered;
import org.icl4j.harness.plugin.Registry;
import org.junit.jupiter.api.Test;

/** Creating components from specs and selecting engines, with the test plugin's hand-written components. */
class RegistriesTest {

    private final LoadedPlugin fake = new LoadedPlugin(new FakePlugin(), "fake-plugin", "/a/fake.jar");
    private final Components components = Registry.of(List.of(fake)).components();

    @Test
    void createsFromSpecStrings() {
        Estimator mean = components.estimators().create("fake-mean:scale=2", CreationContext.NONE);
        EpisodeBatch episodes = EpisodeBatch.of(1, 3, 1, new float[] {0, 0, 0}, new float[] {1, 3, 0});
        // k = 0: 0; k = 1: 2·1; k = 2: 2·(1+3)/2
        assertThat(mean.predictPrefixes(episodes)).containsExactly(0f, 2f, 4f);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> components.estimators().create("ridge", CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown estimator 'ridge'; known estimators: fake-failing, fake-mean, fake-zero");
        assertThatThrownBy(() -> components.metrics().factory("ilwd"))
                .hasMessage("unknown metric 'ilwd'; known metrics: fake-spd, fake-squared-error");
    }

    @Test
    void unknownParameterListsTheAllowedOnes() {
        assertThatThrownBy(() -> components.estimators().create("fake-mean:scale=1,shift=2", CreationContext.NONE))
                .hasMessage("unknown parameter 'shift' for 'fake-mean'; allowed: scale");
        assertThatThrownBy(() -> components.estimators().create("fake-zero:k=1", CreationContext.NONE))
                .hasMessage("unknown parameter 'k' for 'fake-zero'; it takes no parameters");
    }

    @Test
    void malformedSpecsAndBadValuesAreRefused() {
        assertThatThrownBy(() -> components.estimators().create("fake-mean:", CreationContext.NONE))
                .hasMessageContaining("has a ':' but no parameters");
        assertThatThrownBy(() -> components.estimators().create("fake-mean:scale=-1", CreationContext.NONE))
                .hasMessage("scale must be >= 0, found -1.0");
        assertThatThrownBy(() -> components.estimators().create("fake-mean:scale=big", CreationContext.NONE))
                .hasMessage("parameter 'scale' of 'fake-mean' must be a number, found 'big'");
    }

    @Test
    void emptyRegistrySaysThatNothingIsRegistered() {
        Components none = Registry.of(List.of()).components();
        assertThatThrownBy(() -> none.tasks().factory("linear"))
                .hasMessage("unknown task 'linear'; no tasks are registered (is a plugin missing?)");
    }

    @Test
    void engineSelectionByNameAndByRankWithCapability() {
        Map<String, Registered<EngineProvider>> providers = new LinkedHashMap<>();
        providers.put("inference", new Registered<>(provider("inference", 10, Set.of(Capability.INFERENCE)), fake));
        providers.put("trainer", new Registered<>(provider("trainer", 5, Set.of(Capability.TRAINING, Capability.INFERENCE)), fake));
        providers.put("low", new Registered<>(provider("low", 1, Set.of(Capability.TRAINING)), fake));
        Engines engines = new Engines(providers);

        assertThat(engines.select(Optional.empty(), Capability.INFERENCE).name()).isEqualTo("inference");
        assertThat(engines.select(Optional.empty(), Capability.TRAINING).name()).isEqualTo("trainer");
        assertThat(engines.select(Optional.of("low"), Capability.TRAINING).name()).isEqualTo("low");
        assertThat(engines.all()).extracting(r -> r.component().getEngineName()).containsExactly("inference", "trainer", "low");
        assertThatThrownBy(() -> engines.select(Optional.of("nosuch"), Capability.INFERENCE))
                .hasMessage("unknown engine 'nosuch'; known engines: inference, low, trainer");
        assertThatThrownBy(() -> engines.select(Optional.of("inference"), Capability.TRAINING))
                .hasMessageStartingWith("engine 'inference' lacks the TRAINING capability")
                .hasMessageEndingWith("engines with it: trainer, low");
        assertThatThrownBy(() -> engines.select(Optional.empty(), Capability.GPU))
                .hasMessageStartingWith("no registered engine has the GPU capability; known engines: inference, low, trainer");
    }

    @Test
    void modelsGoToTheEngineOfTheirKind(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
        Map<String, Registered<EngineProvider>> providers = new LinkedHashMap<>();
        providers.put("fake", new Registered<>(new org.icl4j.cli.fake.FakeEngine.Provider(), fake));
        Engines engines = new Engines(providers);
        Path text = java.nio.file.Files.writeString(temp.resolve("c.txt"), "1.5");
        // The engine that says it reads .txt files loads it.
        try (Estimator loaded = engines.load(text, Optional.empty())) {
            assertThat(loaded.name()).isEqualTo("constant-c.txt");
        }
        Path onnx = java.nio.file.Files.writeString(temp.resolve("m.onnx"), "2");
        assertThatThrownBy(() -> engines.load(onnx, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no registered engine reads this kind of file (known engines: fake)");
        assertThatThrownBy(() -> engines.load(java.nio.file.Files.createDirectory(temp.resolve("ckpt")), Optional.empty()))
                .hasMessageContaining("no registered engine reads this folder");
        // A named engine is given the model even when it does not claim it (and no exporter converts it).
        try (Estimator named = engines.load(onnx, Optional.of("fake"))) {
            assertThat(named.name()).isEqualTo("constant-m.onnx");
        }
        assertThatThrownBy(() -> engines.load(temp.resolve("absent"), Optional.of("fake")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private static EngineProvider provider(String name, int rank, Set<Capability> capabilities) {
        Engine engine = new Engine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Capability> capabilities() {
                return capabilities;
            }

            @Override
            public Estimator load(Path model) throws IOException {
                throw new IOException("this test engine loads nothing");
            }
        };
        return new EngineProvider() {
            @Override
            public String getEngineName() {
                return name;
            }

            @Override
            public int getEngineRank() {
                return rank;
            }

            @Override
            public Engine getEngine() {
                return engine;
            }
        };
    }
}
