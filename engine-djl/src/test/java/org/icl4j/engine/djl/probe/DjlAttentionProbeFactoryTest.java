package org.icl4j.engine.djl.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.icl4j.algorithms.probe.SyntheticStates;
import org.icl4j.api.CreationContext;
import org.icl4j.api.LayerStates;
import org.icl4j.api.Parameter;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Spec;
import org.icl4j.api.TrainedProbe;
import org.icl4j.engine.djl.DjlPlugin;
import org.icl4j.engine.djl.probe.DjlAttentionProbe.Head;
import org.junit.jupiter.api.Test;

class DjlAttentionProbeFactoryTest {

    private static double[] predictions(ProbeTrainer trainer) {
        LayerStates train = SyntheticStates.gaussian(96, 4, 3, 21);
        PrefixTargets targets = SyntheticStates.linearOfLastToken(train, 2, 2);
        try (TrainedProbe probe = trainer.train(train, targets)) {
            return probe.predict(SyntheticStates.gaussian(16, 4, 3, 22));
        }
    }

    @Test
    void theSpecSetsEveryTrainingSetting() {
        ProbeTrainer fromSpec = new DjlAttentionProbeFactory(Head.MLP).create(
                Spec.parse("attention-mlp:steps=7,batch=8,lr=0.01,width=16,seed=3,device=cpu"), CreationContext.NONE);
        ProbeTrainer direct = new DjlAttentionProbe(new DjlAttentionProbe.Settings(Head.MLP, 7, 8, 0.01, 16, 3), Device.cpu());
        ProbeTrainer otherSeed = new DjlAttentionProbe(new DjlAttentionProbe.Settings(Head.MLP, 7, 8, 0.01, 16, 4), Device.cpu());

        assertThat(fromSpec.name()).isEqualTo("attention-mlp");
        assertThat(predictions(fromSpec)).isEqualTo(predictions(direct)).isNotEqualTo(predictions(otherSeed));
    }

    @Test
    void defaultsAreThePapersSettings() {
        ProbeTrainer fromSpec = new DjlAttentionProbeFactory(Head.LINEAR).create(Spec.parse("attention-linear:steps=3"),
                CreationContext.NONE);
        ProbeTrainer paper = new DjlAttentionProbe(DjlAttentionProbe.Settings.paper(Head.LINEAR, 3, 0), Device.cpu());

        assertThat(predictions(fromSpec)).isEqualTo(predictions(paper));
        assertThat(new DjlAttentionProbeFactory(Head.LINEAR).parameters()).extracting(Parameter::name)
                .containsExactly("steps", "batch", "lr", "seed", "device");
    }

    @Test
    void theDjlPluginContributesBothHeads() {
        assertThat(new DjlPlugin().probeTrainers()).extracting(factory -> factory.name())
                .containsExactly("attention-mlp", "attention-linear");
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        DjlAttentionProbeFactory factory = new DjlAttentionProbeFactory(Head.MLP);
        assertThatThrownBy(() -> factory.create(Spec.parse("attention-mlp:width=100000"), CreationContext.NONE))
                .hasMessage("width must be in 1 … 65536, found 100000");
        assertThatThrownBy(() -> factory.create(Spec.parse("attention-mlp:lr=0"), CreationContext.NONE))
                .hasMessageContaining("lr must be > 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("attention-mlp:seed=x"), CreationContext.NONE))
                .hasMessage("parameter 'seed' of 'attention-mlp' must be an integer, found 'x'");
        assertThatThrownBy(() -> new DjlAttentionProbeFactory(Head.LINEAR).create(Spec.parse("attention-linear:width=8"),
                CreationContext.NONE)).hasMessageContaining("width");
    }
}
