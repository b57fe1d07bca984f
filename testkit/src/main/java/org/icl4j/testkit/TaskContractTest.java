package org.icl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Task} must meet. To run it, write a subclass in your test sources that creates the
 * task under test; JUnit runs every inherited test:
 *
 * <pre>{@code
 * class PoolTaskContractTest extends TaskContractTest {
 *     @Override
 *     protected Task createTask() {
 *         return new PoolTask(16, 1, 4, 0.25);   // the settings you want covered
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that the name is a spec string, that samples have the asked shape and the task's dimension, that a
 * seed fixes the samples and that the generator is advanced, that impossible sizes are refused, and that when a
 * task reports true weights and a noise level, the labels are the weights' predictions plus noise of that size.
 * Override {@link #batch()} and {@link #length()} for tasks that need other sizes.
 */
public abstract class TaskContractTest {

    /** @return a fresh task under test */
    protected abstract Task createTask();

    /** @return episodes per sample in the tests; large enough for the noise-level check (default 256) */
    protected int batch() {
        return 256;
    }

    /** @return pairs per episode in the tests (default 12) */
    protected int length() {
        return 12;
    }

    @Test
    void nameIsASpecStringAndDimensionIsPositive() {
        Task task = createTask();
        assertThat(task.dimension()).as("dimension").isPositive();
        Spec spec = Spec.parse(task.name());
        assertThat(spec.name()).as("spec name of %s", task.name()).isNotBlank();
    }

    @Test
    void samplesHaveTheAskedShapeAndTheTasksDimension() {
        Task task = createTask();
        EpisodeBatch episodes = task.sample(batch(), length(), new Rng(1));
        assertThat(episodes.batch()).isEqualTo(batch());
        assertThat(episodes.length()).isEqualTo(length());
        assertThat(episodes.dimension()).isEqualTo(task.dimension());
        assertThat(episodes.xs()).hasSize(batch() * length() * task.dimension());
        assertThat(episodes.ys()).hasSize(batch() * length());
        if (episodes.ws() != null) {
            assertThat(episodes.ws()).hasSize(batch() * task.dimension());
        }
        EpisodeBatch one = task.sample(1, 1, new Rng(1));
        assertThat(one.batch()).isEqualTo(1);
        assertThat(one.length()).isEqualTo(1);
    }

    @Test
    void aSeedFixesTheSamplesAndSamplingAdvancesTheGenerator() {
        Task task = createTask();
        EpisodeBatch first = task.sample(batch(), length(), new Rng(7));
        EpisodeBatch again = createTask().sample(batch(), length(), new Rng(7));
        assertThat(again.xs()).isEqualTo(first.xs());
        assertThat(again.ys()).isEqualTo(first.ys());
        assertThat(again.ws()).isEqualTo(first.ws());

        Rng random = new Rng(7);
        EpisodeBatch one = task.sample(batch(), length(), random);
        EpisodeBatch next = task.sample(batch(), length(), random);
        assertThat(one.xs()).isEqualTo(first.xs());
        assertThat(next.xs()).as("a second draw from the same generator").isNotEqualTo(one.xs());
        assertThat(task.sample(batch(), length(), new Rng(8)).xs()).as("another seed").isNotEqualTo(first.xs());
    }

    @Test
    void impossibleSizesAreRefused() {
        Task task = createTask();
        assertThatThrownBy(() -> task.sample(0, length(), new Rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task.sample(batch(), 0, new Rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task.sample(-1, length(), new Rng(1))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * With true weights w and noise σ reported, y − w·x is the noise: exactly 0 (to float rounding) when σ = 0,
     * else of mean square σ², checked within 6 standard errors (σ²·√(2/N) for N Gaussian residuals).
     */
    @Test
    void reportedWeightsAndNoiseExplainTheLabels() {
        Task task = createTask();
        EpisodeBatch episodes = task.sample(batch(), length(), new Rng(3));
        if (episodes.ws() == null || Double.isNaN(episodes.noise())) {
            return;
        }
        int d = episodes.dimension();
        double sumSquares = 0;
        int count = 0;
        for (int b = 0; b < episodes.batch(); b++) {
            for (int k = 0; k < episodes.length(); k++) {
                double prediction = 0;
                double scale = 0;
                for (int j = 0; j < d; j++) {
                    double term = episodes.ws()[b * d + j] * (double) episodes.x(b, k, j);
                    prediction += term;
                    scale += Math.abs(term);
                }
                double residual = episodes.y(b, k) - prediction;
                if (episodes.noise() == 0) {
                    // float inputs and labels: a few ulps of the largest term
                    assertThat(Math.abs(residual)).as("residual at b=%d, k=%d", b, k).isLessThan(1e-5 * (1 + scale));
                }
                sumSquares += residual * residual;
                count++;
            }
        }
        double variance = episodes.noise() * episodes.noise();
        assertThat(sumSquares / count).as("mean squared residual against σ² = %s", variance)
                .isCloseTo(variance, org.assertj.core.api.Assertions.within(6 * variance * Math.sqrt(2.0 / count) + 1e-9));
    }
}
