package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Parameter;
import org.icl4j.api.Plugin;
import org.icl4j.api.Spec;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.TransformerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void thePaperPresetHasThePapersSettings() {
        TrainingSettings paper = TrainingSettings.preset("paper");
        TransformerConfig model = paper.modelConfig(8);

        // docs/PAPER.md, "Model": L = 16, H = 512, M = 4 (head size H/M² in the authors' code), n = 40.
        assertThat(model.layers()).isEqualTo(16);
        assertThat(model.hidden()).isEqualTo(512);
        assertThat(model.heads()).isEqualTo(4);
        assertThat(model.headSize()).isEqualTo(32);
        assertThat(model.maxPairs()).isEqualTo(40);
        assertThat(model.block()).isEqualTo(BlockVariant.AUTHORS);
        assertThat(paper.optimiser().beta1()).isEqualTo(0.9);
        assertThat(paper.optimiser().beta2()).isEqualTo(0.98);
        assertThat(paper.optimiser().epsilon()).isEqualTo(1e-9);
        assertThat(paper.schedule().lr()).isEqualTo(1e-4);
        assertThat(paper.optimiser().batch()).isEqualTo(64);
        assertThat(paper.schedule().steps()).isEqualTo(500_000);
        assertThat(paper.schedule().rates().warmupSteps()).isEqualTo(100_000);
    }

    @Test
    void specsOverridePresetsAndRoundTripThroughJson() {
        TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse("djl:preset=quick,hidden=48,heads=3,steps=77"));

        assertThat(settings.preset()).isEqualTo("quick");
        assertThat(settings.model().mlpHidden()).as("4H follows an overridden width").isEqualTo(192);
        assertThat(settings.schedule().steps()).isEqualTo(77);
        assertThat(TrainingSettings.fromJson(settings.toJson())).isEqualTo(settings);
        assertThat(TrainingSettings.fromSpec(settings.toSpec())).isEqualTo(settings);
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:stepz=3")))
                .hasMessageStartingWith("unknown parameter 'stepz' for 'djl'; allowed: preset, pairs");
        assertThatThrownBy(() -> TrainingSettings.preset("huge")).hasMessage(
                "unknown preset 'huge'; allowed: tiny, quick, paper");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:hidden=30,heads=4")))
                .hasMessageContaining("divisible by heads");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:device=cpu")))
                .as("the device is an engine option, not a training setting")
                .hasMessageStartingWith("unknown parameter 'device' for 'djl'");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:lr=fast")))
                .hasMessage("setting 'lr' must be a number, found 'fast'");
        TrainingSettings fewPairs = TrainingSettings.fromSpec(Spec.parse("djl:pairs=3"));
        assertThat(fewPairs.curriculumPairs(0)).as("the preset's curriculum start is capped at pairs").isEqualTo(3);
    }

    @Test
    void everySettingHasOneNameInTheRecordsThePresetFilesAndConfigJson() throws Exception {
        // The names written out by hand: the four concerns of docs/TRAINING.md and the run's bookkeeping.
        List<String> expected = List.of("preset", "pairs", "layers", "hidden", "heads", "headSize", "mlpHidden",
                "block", "activation", "init", "initStd", "batch", "beta1", "beta2", "epsilon", "weightDecay", "clip", "replicas",
                "steps", "lr", "warmup", "curriculumEvery", "curriculumDimStart", "curriculumDimIncrement",
                "curriculumPairsStart", "curriculumPairsIncrement", "seed", "checkpointEvery", "evaluateEvery",
                "evaluationBatch", "logEvery");
        List<String> components = new ArrayList<>(List.of("preset"));
        for (Class<?> concern : List.of(ModelSettings.class, OptimiserSettings.class, ScheduleSettings.class,
                CurriculumSettings.class, RunSettings.class)) {
            for (RecordComponent component : concern.getRecordComponents()) {
                components.add(component.getName());
            }
        }
        assertThat(components).containsExactlyElementsOf(expected);
        assertThat(TrainingSettings.names()).containsExactlyElementsOf(expected);
        assertThat(TrainingSettings.parameters()).extracting(Parameter::name).containsExactlyElementsOf(expected);
        List<String> jsonKeys = new ArrayList<>();
        TrainingSettings.preset("quick").toJson().fieldNames().forEachRemaining(jsonKeys::add);
        assertThat(jsonKeys).containsExactlyElementsOf(concat(List.of("learner"), expected));
        assertThat(TrainingSettings.presetNames()).containsExactly("tiny", "quick", "paper");
        for (String preset : TrainingSettings.presetNames()) {
            Properties file = new Properties();
            try (InputStream in = TrainingSettings.class.getResourceAsStream("presets/" + preset + ".properties")) {
                file.load(in);
            }
            assertThat(file.stringPropertyNames()).as(preset).containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
            Map<String, String> values = TrainingSettings.preset(preset).values();
            file.stringPropertyNames().forEach(key -> assertThat(sameValue(values.get(key), file.getProperty(key)))
                    .as(preset + " " + key + ": " + values.get(key) + " vs " + file.getProperty(key)).isTrue());
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Numbers compare as numbers (1e-9 is 1.0E-9), words as words. */
    private static boolean sameValue(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    @Test
    void aResumedRunKeepsItsSettingsAndOnlyALargerStepsChangesThem() {
        TrainingSettings recorded = TrainingSettings.fromSpec(Spec.parse("djl:steps=100,hidden=16,lr=0.002"));

        assertThat(recorded.resumedWith(Map.of())).isEqualTo(recorded);
        assertThat(recorded.resumedWith(Map.of("hidden", "16", "lr", "2e-3", "steps", "100", "preset", "tiny")))
                .as("settings given again with their recorded values").isEqualTo(recorded);
        assertThat(recorded.resumedWith(Map.of("steps", "250")).schedule().steps()).isEqualTo(250);
        assertThat(recorded.resumedWith(Map.of("steps", "250")).values())
                .isEqualTo(recorded.with(Map.of("steps", "250")).values());
        assertThatThrownBy(() -> recorded.resumedWith(Map.of("lr", "0.001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot resume with a changed setting: lr (the run has 0.002, found 0.001)");
        assertThatThrownBy(() -> recorded.resumedWith(Map.of("steps", "50")))
                .hasMessageContaining("steps (the run has 100, found 50)");
        assertThatThrownBy(() -> recorded.resumedWith(Map.of("preset", "quick")))
                .hasMessageContaining("preset (the run has tiny, found quick)");
        assertThatThrownBy(() -> recorded.resumedWith(Map.of("stepz", "5")))
                .hasMessageStartingWith("unknown parameter 'stepz'");
    }

    @Test
    void theScheduleWarmsUpLinearlyThenFollowsAHalfCosine() {
        LearningRateSchedule schedule = new LearningRateSchedule(2.0, 2, 6);

        assertThat(schedule.rate(1)).isCloseTo(1.0, within(1e-12));
        assertThat(schedule.rate(2)).isCloseTo(2.0, within(1e-12));
        // u = 3: progress (3 − 2)/(6 − 2) = 1/4 → 2·½(1 + cos(π/4)).
        assertThat(schedule.rate(3)).isCloseTo(1 + Math.sqrt(0.5), within(1e-12));
        assertThat(schedule.rate(4)).isCloseTo(1.0, within(1e-12));
        assertThat(schedule.rate(6)).isCloseTo(0.0, within(1e-12));
        assertThatThrownBy(() -> schedule.rate(7)).hasMessage("update must be in 1 … 6, found 7");
    }

    @Test
    void theCurriculumGrowsEveryKStepsUpToTheTask() {
        TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse(
                "djl:pairs=8,curriculumEvery=100,curriculumDimStart=2,curriculumDimIncrement=1,curriculumPairsStart=3"));

        assertThat(settings.curriculumDimension(0, 5)).isEqualTo(2);
        assertThat(settings.curriculumDimension(199, 5)).isEqualTo(3);
        assertThat(settings.curriculumDimension(10_000, 5)).isEqualTo(5);
        assertThat(settings.curriculumPairs(99)).isEqualTo(3);
        assertThat(settings.curriculumPairs(100)).isEqualTo(5);
        assertThat(settings.curriculumPairs(10_000)).isEqualTo(8);
        assertThat(TrainingSettings.preset("tiny").curriculumPairs(5)).as("tiny starts at n = 6").isEqualTo(6);
        assertThat(TrainingSettings.preset("tiny").curriculumPairs(500)).isEqualTo(16);
        TrainingSettings quick = TrainingSettings.preset("quick");
        assertThat(quick.curriculumDimension(0, 8)).isEqualTo(2);
        assertThat(quick.curriculumDimension(0, 1)).as("capped at the task's d").isEqualTo(1);
        assertThat(quick.curriculumDimension(1500, 8)).isEqualTo(8);
        assertThat(quick.curriculumPairs(1250)).isEqualTo(16);
    }

    @Test
    void thePluginContributesTheDjlEngine() {
        Plugin plugin = ServiceLoader.load(Plugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(each -> each instanceof DjlPlugin).findFirst().orElseThrow();
        EngineProvider provider = plugin.engines().iterator().next();

        assertThat(provider.getEngineName()).isEqualTo("djl");
        Engine engine = provider.getEngine();
        assertThat(engine.capabilities()).contains(Capability.TRAINING, Capability.INFERENCE, Capability.HIDDEN_STATES);
        assertThat(engine.hasCapability(Capability.GPU)).isEqualTo(DjlDevices.gpuCount() > 0);
        assertThat(engine.learner(Spec.parse("djl:steps=5")).name()).isEqualTo("djl:steps=5");
        assertThat(provider.getEngineOptions()).extracting(Parameter::name).containsExactly("device", "threads");
        DjlEngine configured = (DjlEngine) provider.getEngine(Spec.parse("djl:device=cpu,threads=1"));
        assertThat(configured.device()).isEqualTo("cpu");
        assertThatThrownBy(() -> provider.getEngine(Spec.parse("djl:device=tpu")))
                .hasMessage("djl engine option device must be cpu or gpu, found 'tpu'");
        assertThatThrownBy(() -> provider.getEngine(Spec.parse("djl:steps=5")))
                .hasMessage("unknown parameter 'steps' for 'djl'; allowed: device, threads");
    }

    @Test
    void pytorchsThreadCountIsFixedOncePerProcess() {
        DjlDevices.useThreads(1);
        DjlDevices.useThreads(1);

        assertThatThrownBy(() -> DjlDevices.useThreads(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("djl engine option threads=2 cannot apply: PyTorch's thread count is fixed once per process "
                        + "and this process already runs with threads=1; use threads=1 or start another process");
        assertThatThrownBy(() -> new DjlEngine("cpu", 2).load(Path.of("absent")))
                .hasMessageContaining("already runs with threads=1");
    }

    @Test
    void askingForAMissingGpuFailsClearly() {
        Assumptions.assumeTrue(DjlDevices.gpuCount() == 0, "this machine has a GPU");

        assertThatThrownBy(() -> DjlDevices.resolve("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sees no GPU").hasMessageContaining("djl:device=cpu");
    }
}
