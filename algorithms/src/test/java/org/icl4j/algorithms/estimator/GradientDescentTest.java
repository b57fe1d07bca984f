package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    @Test
    void oneStepIsTwiceTheLearningRateTimesXTransposeY() {
        // x0 = (1,2), y0 = 1; x1 = (0,1), y1 = 2; x2 = (1,1). α = 0.1.
        EpisodeBatch episode = TestEpisodes.single(new double[][] {{1, 2}, {0, 1}, {1, 1}}, new double[] {1, 2, 0});
        GradientDescent gd = new GradientDescent("gd", 0.1, 1, 0.0);
        // k = 1: Xᵀy = (1, 2), w = 0.2·(1, 2). k = 2: Xᵀy = (1, 4), w = (0.2, 0.8).
        assertThat(gd.prefixWeights(episode)).containsExactly(new double[] {0, 0, 0.2, 0.4, 0.2, 0.8}, within(1e-12));
        // Predictions w·x: 0, (0.2,0.4)·(0,1) = 0.4, (0.2,0.8)·(1,1) = 1.0.
        assertThat(gd.predictPrefixes(episode)).containsExactly(new float[] {0f, 0.4f, 1.0f}, within(1e-7f));
    }

    @Test
    void oneStepIgnoresLambdaBecauseItStartsFromZero() {
        EpisodeBatch episodes = TestEpisodes.gaussian(5, 10, 3, 0.1, 41);
        assertThat(new GradientDescent("a", 0.02, 1, 0.0).prefixWeights(episodes))
                .containsExactly(new GradientDescent("b", 0.02, 1, 0.7).prefixWeights(episodes));
    }

    @Test
    void multipleStepsMatchADirectIteration() {
        int d = 4;
        int n = 12;
        double alpha = 0.02;
        double lambda = 0.3;
        int steps = 5;
        EpisodeBatch episodes = TestEpisodes.gaussian(6, n, d, 0.1, 42);
        double[] w = new GradientDescent("gd", alpha, steps, lambda).prefixWeights(episodes);
        for (int b = 0; b < 6; b++) {
            for (int k = 0; k < n; k++) {
                // Direct iteration on the loss Σ (w·x_i − y_i)² + λ‖w‖², gradient summed pair by pair.
                double[] expected = new double[d];
                for (int step = 0; step < steps; step++) {
                    double[] gradient = new double[d];
                    for (int i = 0; i < k; i++) {
                        double residual = -episodes.y(b, i);
                        for (int j = 0; j < d; j++) {
                            residual += expected[j] * episodes.x(b, i, j);
                        }
                        for (int j = 0; j < d; j++) {
                            gradient[j] += 2 * residual * episodes.x(b, i, j);
                        }
                    }
                    for (int j = 0; j < d; j++) {
                        gradient[j] += 2 * lambda * expected[j];
                        expected[j] -= alpha * gradient[j];
                    }
                }
                assertThat(TestEpisodes.at(w, episodes, b, k)).as("episode %d, prefix %d", b, k)
                        .containsExactly(expected, within(1e-12));
            }
        }
    }

    @Test
    void validatesParameters() {
        GradientDescentFactory factory = new GradientDescentFactory();
        assertThatThrownBy(() -> factory.create(Spec.parse("gd:lr=0"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lr must be > 0, found 0.0");
        assertThatThrownBy(() -> factory.create(Spec.parse("gd:lr=0.1,steps=0"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("steps must be >= 1, found 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("gd:lambda=-0.5"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lambda must be >= 0, found -0.5");
        GradientDescent gd = (GradientDescent) factory.create(Spec.parse("gd:lr=0.02,steps=3"), CreationContext.NONE);
        assertThat(gd.learningRate()).isEqualTo(0.02);
        assertThat(gd.steps()).isEqualTo(3);
        assertThat(gd.lambda()).isZero();
    }
}
