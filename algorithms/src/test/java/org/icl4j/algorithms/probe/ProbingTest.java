package org.icl4j.algorithms.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.icl4j.algorithms.estimator.ZeroEstimator;
import org.icl4j.algorithms.task.GaussianLinearRegressionTask;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.ProbeTarget;
import org.junit.jupiter.api.Test;

class ProbingTest {

    /**
     * A hand-written model with two layers of width d: layer 0 is zero everywhere, layer 1 holds at every token of
     * pair i the running moment vector Σ_{j≤i} y_j x_j (token 2i before y_i is read holds Σ_{j<i}). It records the
     * batch sizes it was run on.
     */
    private static final class MomentModel implements HiddenStateEstimator {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public String name() {
            return "moment-model";
        }

        @Override
        public float[] predictPrefixes(EpisodeBatch episodes) {
            return new float[episodes.batch() * episodes.length()];
        }

        @Override
        public HiddenStates hiddenStates(EpisodeBatch episodes) {
            batches.add(episodes.batch());
            int n = episodes.length();
            int d = episodes.dimension();
            int tokens = 2 * n - 1;
            int batch = episodes.batch();
            float[] values = new float[2 * batch * tokens * d];
            HiddenStates shape = new HiddenStates(2, batch, tokens, d, values);
            for (int b = 0; b < batch; b++) {
                double[] sum = new double[d];
                for (int t = 0; t < tokens; t++) {
                    if (t % 2 == 1) {
                        int pair = t / 2;
                        for (int j = 0; j < d; j++) {
                            sum[j] += episodes.y(b, pair) * episodes.x(b, pair, j);
                        }
                    }
                    for (int j = 0; j < d; j++) {
                        values[shape.offset(1, b, t) + j] = (float) sum[j];
                    }
                }
            }
            return shape;
        }
    }

    @Test
    void aLayerThatHoldsTheMomentVectorIsDecodedExactlyAndAnEmptyLayerScoresOne() {
        MomentModel model = new MomentModel();
        List<ProbeTarget> targets = List.of(new MomentTarget(), new TrueWeightsTarget());
        Probing.Settings settings = new Probing.Settings(300, 200, 8, 5, 64, 3);
        ProbeResult result = Probing.run(model, GaussianLinearRegressionTask.standard(3, 0, 1), targets,
                new LastPositionLinearProbe(), settings, Probing.Listener.NONE);
        assertThat(result.layers()).isEqualTo(2);
        assertThat(result.prefixes()).isEqualTo(5);
        ProbeResult.TargetScores moment = result.targets().get(0);
        for (int k = 1; k <= 5; k++) {
            // Layer 1 is Xᵀy itself (float rounding only); layer 0 is constant, so the probe predicts the mean.
            assertThat(moment.byLayer().get(1).normalised(k)).isLessThan(1e-8);
            assertThat(moment.byLayer().get(0).normalised(k)).isBetween(0.95, 1.1);
        }
        assertThat(moment.firstLayerBelow(5, 0.1)).isEqualTo(1);
        // With k = 1 ≤ d = 3 pairs, Xᵀy = y₀x₀ does not determine w: a linear read-out recovers little of it.
        assertThat(result.targets().get(1).byLayer().get(1).normalised(1)).isGreaterThan(0.5);
        // Two streams of 300 and 200 episodes in batches of at most 64.
        assertThat(model.batches).containsExactly(64, 64, 64, 64, 44, 64, 64, 64, 8);
    }

    @Test
    void sameSeedGivesTheSameScores() {
        Probing.Settings settings = new Probing.Settings(50, 30, 6, 3, 16, 9);
        List<ProbeTarget> targets = List.of(new LeastSquaresTarget());
        ProbeResult first = Probing.run(new MomentModel(), GaussianLinearRegressionTask.standard(2, 0, 1), targets,
                new LastPositionLinearProbe(), settings, Probing.Listener.NONE);
        ProbeResult second = Probing.run(new MomentModel(), GaussianLinearRegressionTask.standard(2, 0, 1), targets,
                new LastPositionLinearProbe(), settings, Probing.Listener.NONE);
        assertThat(second.targets().get(0).byLayer().get(1).squaredError())
                .containsExactly(first.targets().get(0).byLayer().get(1).squaredError());
    }

    @Test
    void aModelWithoutHiddenStatesIsRefused() {
        assertThatThrownBy(() -> Probing.requireHiddenStates(new ZeroEstimator("zero")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model zero provides no hidden states, so it cannot be probed");
        assertThat(Probing.requireHiddenStates(new MomentModel())).isNotNull();
    }

    @Test
    void kOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new Probing.Settings(10, 10, 8, 8, 4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("k (prefixes probed) must be in 1 … 7 for episodes of 8 pairs");
        assertThatThrownBy(() -> new Probing.Settings(10, 10, 8, 0, 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
    }

    @Test
    void aTargetListedTwiceIsRefused() {
        Probing.Settings settings = new Probing.Settings(10, 10, 4, 2, 4, 0);
        assertThatThrownBy(() -> Probing.run(new MomentModel(), GaussianLinearRegressionTask.standard(2, 0, 1),
                List.of(new MomentTarget(), new MomentTarget()), new LastPositionLinearProbe(), settings,
                Probing.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("probe target 'xty' is listed twice");
    }
}
