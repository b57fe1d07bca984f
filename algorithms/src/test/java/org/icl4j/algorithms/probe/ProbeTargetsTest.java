package org.icl4j.algorithms.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.icl4j.algorithms.BuiltinPlugin;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.ProbeTarget;
import org.junit.jupiter.api.Test;

class ProbeTargetsTest {

    /** d = 2, pairs x₀ = (1, 2), y₀ = 3; x₁ = (0, 1), y₁ = −1; x₂ = (2, 0), y₂ = 4; w = (0.5, −0.25). */
    private static final EpisodeBatch EPISODE = new EpisodeBatch(1, 3, 2, new float[] {1, 2, 0, 1, 2, 0},
            new float[] {3, -1, 4}, new float[] {0.5f, -0.25f}, 0.0);

    @Test
    void momentVectorSumsTheFirstKPairs() {
        // k = 0: nothing; k = 1: 3·(1, 2) = (3, 6); k = 2: (3, 6) − (0, 1) = (3, 5).
        assertThat(new MomentTarget().prefixValues(EPISODE)).containsExactly(0, 0, 3, 6, 3, 5);
    }

    @Test
    void leastSquaresWeightsAreTheMinimumNormFitOfTheFirstKPairs() {
        // k = 1: the minimum-norm w with (1, 2)·w = 3 is 3·(1, 2)/5 = (0.6, 1.2).
        // k = 2: w₁ + 2w₂ = 3 and w₂ = −1 give w = (5, −1).
        double[] values = new LeastSquaresTarget().prefixValues(EPISODE);
        // Float inputs and the incremental solver: agreement to 1e-6 is far below any probe error that matters.
        assertThat(values).containsExactly(new double[] {0, 0, 0.6, 1.2, 5, -1}, within(1e-6));
    }

    @Test
    void trueWeightsAreTheSameAtEveryPrefix() {
        assertThat(new TrueWeightsTarget().prefixValues(EPISODE)).containsExactly(0.5, -0.25, 0.5, -0.25, 0.5, -0.25);
    }

    @Test
    void trueWeightsNeedEpisodesThatCarryThem() {
        EpisodeBatch unknown = EpisodeBatch.of(1, 3, 2, EPISODE.xs(), EPISODE.ys());
        assertThatThrownBy(() -> new TrueWeightsTarget().prefixValues(unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the episodes' true weights");
    }

    @Test
    void theBuiltInPluginContributesTheThreeTargets() {
        List<String> names = new BuiltinPlugin().probeTargets().stream().map(ComponentFactory::name).toList();
        assertThat(names).containsExactly("xty", "w-ols", "w");
        for (ComponentFactory<ProbeTarget> factory : new BuiltinPlugin().probeTargets()) {
            ProbeTarget target = factory.create(org.icl4j.api.Spec.of(factory.name()), org.icl4j.api.CreationContext.NONE);
            assertThat(target.name()).isEqualTo(factory.name());
            assertThat(target.dimension(4)).isEqualTo(4);
        }
    }
}
