package org.icl4j.plugins.sparseregression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.junit.jupiter.api.Test;

class SparseRegressionTaskTest {

    @Test
    void everyEpisodeHasExactlySNonZeroWeightsOnAUniformSupport() {
        int d = 5;
        int batch = 5000;
        EpisodeBatch episodes = new SparseRegressionTask(d, 2, 0.0, 1.0).sample(batch, 3, new Rng(1));
        int[] counts = new int[d];
        for (int b = 0; b < batch; b++) {
            int nonZero = 0;
            for (int j = 0; j < d; j++) {
                if (episodes.ws()[b * d + j] != 0) {
                    nonZero++;
                    counts[j]++;
                }
            }
            assertThat(nonZero).isEqualTo(2);
            for (int k = 0; k < 3; k++) {
                double y = 0;
                for (int j = 0; j < d; j++) {
                    y += episodes.ws()[b * d + j] * episodes.x(b, k, j);
                }
                assertThat((double) episodes.y(b, k)).isCloseTo(y, within(1e-5 * (1 + Math.abs(y))));
            }
        }
        // Each coordinate is in the support with probability s/d = 0.4: Binomial(5000, 0.4) has mean 2000 and
        // standard deviation 35; 5 standard deviations.
        for (int count : counts) {
            assertThat(count).isBetween(2000 - 175, 2000 + 175);
        }
    }

    @Test
    void theSpecRecreatesTheTaskAndOnlyTheDenseCaseHasAGaussianPrior() {
        SparseRegressionTaskFactory factory = new SparseRegressionTaskFactory();
        Task task = factory.create(Spec.parse("sparse:d=4,s=1,noise=0.5"), CreationContext.NONE);
        assertThat(task.name()).isEqualTo("sparse:d=4,s=1,noise=0.5,tau=1.0");
        assertThat(task.gaussianPrior()).isEmpty();
        assertThat(factory.create(Spec.parse(task.name()), CreationContext.NONE).sample(3, 4, new Rng(2)).ys())
                .containsExactly(task.sample(3, 4, new Rng(2)).ys());
        assertThat(factory.create(Spec.parse("sparse:d=3,s=3,noise=0.5,tau=2"), CreationContext.NONE).gaussianPrior())
                .contains(new GaussianPrior(0.5, 2));
    }

    @Test
    void badSettingsAreRejected() {
        SparseRegressionTaskFactory factory = new SparseRegressionTaskFactory();
        assertThatThrownBy(() -> factory.create(Spec.parse("sparse:d=4,s=5"), CreationContext.NONE))
                .hasMessageContaining("s must be in 1 … d = 4, found 5");
        assertThatThrownBy(() -> factory.create(Spec.parse("sparse:s=0"), CreationContext.NONE))
                .hasMessageContaining("s must be in 1");
        assertThatThrownBy(() -> factory.create(Spec.parse("sparse:tau=0"), CreationContext.NONE))
                .hasMessageContaining("tau must be > 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("sparse:k=1"), CreationContext.NONE))
                .hasMessageContaining("unknown parameter 'k'");
        assertThatThrownBy(() -> new SparseRegressionTask(4, 2, 0, 1).sample(0, 3, new Rng(1)))
                .hasMessageContaining("batch must be >= 1");
    }
}
