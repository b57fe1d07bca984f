package org.icl4j.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.icl4j.algorithms.metric.DefaultEvaluation;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.harness.Progress;
import org.icl4j.harness.compare.Comparison;
import org.icl4j.harness.compare.ComponentFailureException;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

/** An estimator (e.g. a plugin's) that fails with an unexpected exception is named in the error. */
class ComponentFailureTest {

    @Test
    void anEstimatorThrowingNullPointerExceptionIsNamed() {
        EpisodeBatch episodes = TestEpisodes.gaussian(2, 4, 2, 0, 1);
        Estimator zero = estimator("zero", batch -> new float[batch.batch() * batch.length()]);
        Estimator broken = estimator("plugin-broken", batch -> {
            throw new NullPointerException("Cannot read field \"weights\" because \"this.state\" is null");
        });
        assertThatThrownBy(() -> Comparison.run(new DefaultEvaluation(episodes, 4, 0), List.of(zero, broken), zero,
                List.of(), Progress.NONE))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessageContaining("estimator 'plugin-broken' failed while predicting")
                .hasMessageContaining("NullPointerException")
                .hasMessageContaining("this.state")
                .hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void badInputFromAnEstimatorStaysBadInput() {
        EpisodeBatch episodes = TestEpisodes.gaussian(2, 4, 2, 0, 1);
        Estimator picky = estimator("picky", batch -> {
            throw new IllegalArgumentException("picky reads d = 3 only, found d = 2");
        });
        assertThatThrownBy(() -> Comparison.run(new DefaultEvaluation(episodes, 4, 0), List.of(picky), picky,
                List.of(), Progress.NONE))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("picky reads d = 3 only, found d = 2");
        assertThat(picky.name()).isEqualTo("picky");
    }

    private interface Predictor {
        float[] predict(EpisodeBatch episodes);
    }

    private static Estimator estimator(String name, Predictor predictor) {
        return new Estimator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public float[] predictPrefixes(EpisodeBatch episodes) {
                return predictor.predict(episodes);
            }
        };
    }
}
