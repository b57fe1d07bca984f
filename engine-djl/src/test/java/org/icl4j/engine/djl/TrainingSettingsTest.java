package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ServiceLoader;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
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
        assertThat(paper.beta1()).isEqualTo(0.9);
        assertThat(paper.beta2()).isEqualTo(0.98);
        assertThat(paper.epsilon()).isEqualTo(1e-9);
        assertThat(paper.learningRate()).isEqualTo(1e-4);
        assertThat(paper.batch()).isEqualTo(64);
        assertThat(paper.steps()).isEqualTo(500_000);
        assertThat(paper.schedule().warmupSteps()).isEqualTo(100_000);
    }

    @Test
    void specsOverridePresetsAndRoundTripThroughJson() {
        TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse("djl:preset=quick,hidden=48,heads=3,steps=77"));

        assertThat(settings.preset()).isEqualTo("quick");
        assertThat(settings.mlpHidden()).as("4H follows an overridden width").isEqualTo(192);
        assertThat(settings.steps()).isEqualTo(77);
        assertThat(TrainingSettings.fromJson(settings.toJson())).isEqualTo(settings);
        assertThat(TrainingSettings.fromSpec(settings.toSpec())).isEqualTo(settings);
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:stepz=3")))
                .hasMessageStartingWith("unknown parameter 'stepz' for 'djl'; allowed: preset, pairs");
        assertThatThrownBy(() -> TrainingSettings.preset("huge")).hasMessage(
                "unknown preset 'huge'; allowed: tiny, quick, paper");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:hidden=30,heads=4")))
                .hasMessageContaining("divisible by heads");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:device=tpu")))
                .hasMessage("device must be cpu or gpu, found 'tpu'");
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
        assertThat(TrainingSettings.preset("tiny").curriculumPairs(5)).isEqualTo(8);
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
        assertThat(engine.learner(Spec.parse("djl:steps=5")).name()).startsWith("djl:preset=tiny,").contains("steps=5");
    }

    @Test
    void askingForAMissingGpuFailsClearly() {
        Assumptions.assumeTrue(DjlDevices.gpuCount() == 0, "this machine has a GPU");

        assertThatThrownBy(() -> DjlDevices.resolve("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sees no GPU").hasMessageContaining("--device cpu");
    }
}
