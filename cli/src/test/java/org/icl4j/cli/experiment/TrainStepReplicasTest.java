package org.icl4j.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.engine.djl.TrainingSettings;
import org.junit.jupiter.api.Test;

/** A suite's trainings run one replica unless their learner map says otherwise. */
class TrainStepReplicasTest {

    @Test
    void aSuiteTrainingOfTheDjlEngineRunsOneReplicaUnlessItsLearnerSetsReplicas() {
        Map<String, String> quick = new LinkedHashMap<>(Map.of("preset", "quick"));
        TrainStep.oneReplicaUnlessSet(null, quick);
        assertThat(quick).containsEntry("replicas", "1");
        assertThat(TrainingSettings.preset("quick").optimiser().replicas()).as("the preset alone").isEqualTo(2);

        Map<String, String> named = new LinkedHashMap<>(Map.of("preset", "quick"));
        TrainStep.oneReplicaUnlessSet("djl:device=cpu", named);
        assertThat(named).containsEntry("replicas", "1");

        Map<String, String> two = new LinkedHashMap<>(Map.of("replicas", "2"));
        TrainStep.oneReplicaUnlessSet("djl", two);
        assertThat(two).containsEntry("replicas", "2");

        Map<String, String> other = new LinkedHashMap<>(Map.of("layers", "2"));
        TrainStep.oneReplicaUnlessSet("someplugin", other);
        assertThat(other).as("another engine's settings are its own").doesNotContainKey("replicas");
    }
}
