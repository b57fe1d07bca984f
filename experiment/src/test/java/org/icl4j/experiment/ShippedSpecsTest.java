package org.icl4j.experiment;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's experiments/*.yaml: each parses at every scale, and figures share their common trainings. */
class ShippedSpecsTest {
    static final Path FOLDER = Path.of("..", "experiments");

    @Test
    void everySpecParsesAndFig1AndFig6ShareTheirTraining() throws Exception {
        List<ExperimentSpec> specs = Suite.read(FOLDER, Set.of());
        assertThat(specs).extracting(ExperimentSpec::name)
                .containsExactly("fig1", "fig2", "fig3", "fig4", "fig6", "fig8", "task-diversity");
        for (Scale scale : Scale.values()) {
            Suite suite = new Suite(specs, scale);
            assertThat(suite.plan().runs()).isNotEmpty();
            List<RunId> fig1 = trainings(suite, "fig1");
            assertThat(trainings(suite, "fig6")).as("fig6 reuses fig1's models at " + scale).isEqualTo(fig1);
            // Fig. 2's (σ, τ) = (0, 1) model is the noiseless model of Fig. 1
            assertThat(trainings(suite, "fig2")).containsAll(fig1);
        }
        Suite paper = new Suite(specs, Scale.PAPER);
        assertThat(paper.cost().unknown()).isZero();
    }

    private static List<RunId> trainings(Suite suite, String experiment) {
        return suite.usages().stream().filter(u -> u.experiment().equals(experiment) && u.kind().equals("train"))
                .map(Usage::id).distinct().toList();
    }
}
