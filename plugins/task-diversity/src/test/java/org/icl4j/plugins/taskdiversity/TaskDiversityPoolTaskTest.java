package org.icl4j.plugins.taskdiversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.junit.jupiter.api.Test;

class TaskDiversityPoolTaskTest {

    private final TaskDiversityPoolTaskFactory factory = new TaskDiversityPoolTaskFactory();

    @Test
    void theSpecRecreatesTheTaskAndHasNoGaussianPrior() {
        Task task = factory.create(Spec.parse("pool:size=5,seed=7,d=3,noise=0.25,tau=2"), CreationContext.NONE);
        assertThat(task.name()).isEqualTo("pool:size=5,seed=7,d=3,noise=0.25,tau=2.0");
        assertThat(task.dimension()).isEqualTo(3);
        assertThat(task.gaussianPrior()).isEmpty();
        Task again = factory.create(Spec.parse(task.name()), CreationContext.NONE);
        assertThat(again.sample(4, 6, new Rng(1)).xs()).containsExactly(task.sample(4, 6, new Rng(1)).xs());
    }

    @Test
    void thePoolIsTheSeedsFirstGaussiansTimesTau() {
        TaskDiversityPoolTask task = new TaskDiversityPoolTask(3, 11, 2, 0, 0.5);
        Rng random = new Rng(11);
        for (int m = 0; m < 3; m++) {
            for (int j = 0; j < 2; j++) {
                assertThat(task.member(m)[j]).isEqualTo((float) (0.5 * random.nextGaussian()));
            }
        }
    }

    @Test
    void everyEpisodeUsesAPoolMemberChosenUniformlyAndItsLabelsFollow() {
        int size = 4;
        TaskDiversityPoolTask task = new TaskDiversityPoolTask(size, 3, 3, 0.0, 1.0);
        int batch = 4000;
        EpisodeBatch episodes = task.sample(batch, 5, new Rng(2));
        int[] counts = new int[size];
        for (int b = 0; b < batch; b++) {
            int found = -1;
            for (int m = 0; m < size; m++) {
                boolean same = true;
                for (int j = 0; j < 3; j++) {
                    same &= episodes.ws()[b * 3 + j] == (float) task.member(m)[j];
                }
                if (same) {
                    found = m;
                }
            }
            assertThat(found).as("episode %d's weights are a pool member", b).isNotNegative();
            counts[found]++;
            for (int k = 0; k < 5; k++) {
                double y = 0;
                for (int j = 0; j < 3; j++) {
                    y += task.member(found)[j] * episodes.x(b, k, j);
                }
                assertThat((double) episodes.y(b, k)).isCloseTo(y, within(1e-5 * (1 + Math.abs(y))));
            }
        }
        // Binomial(4000, 1/4): mean 1000, standard deviation 27; 5 standard deviations fail once in ~3.5 million runs.
        for (int count : counts) {
            assertThat(count).isBetween(1000 - 137, 1000 + 137);
        }
    }

    @Test
    void samplingIsDeterministicAndTheNoiseHasTheStatedScale() {
        TaskDiversityPoolTask task = new TaskDiversityPoolTask(8, 1, 2, 0.5, 1.0);
        EpisodeBatch one = task.sample(500, 20, new Rng(9));
        EpisodeBatch two = task.sample(500, 20, new Rng(9));
        assertThat(one.ys()).containsExactly(two.ys());
        assertThat(one.noise()).isEqualTo(0.5);
        double sum = 0;
        for (int b = 0; b < 500; b++) {
            for (int k = 0; k < 20; k++) {
                double fit = 0;
                for (int j = 0; j < 2; j++) {
                    fit += one.ws()[b * 2 + j] * one.x(b, k, j);
                }
                double residual = one.y(b, k) - fit;
                sum += residual * residual;
            }
        }
        // 10 000 squared N(0, 0.25) residuals: mean 0.25, standard error 0.25·sqrt(2/10000) = 0.0035.
        assertThat(sum / 10_000).isCloseTo(0.25, within(0.02));
    }

    @Test
    void badSettingsAreRejectedBeforeAnyAllocation() {
        assertThatThrownBy(() -> factory.create(Spec.parse("pool:size=0"), CreationContext.NONE))
                .hasMessageContaining("size must be >= 1, found 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("pool:size=2000000000,d=8"), CreationContext.NONE))
                .hasMessageContaining("size * d must be at most 16777216");
        assertThatThrownBy(() -> factory.create(Spec.parse("pool:tau=0"), CreationContext.NONE))
                .hasMessageContaining("tau must be > 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("pool:noise=-1"), CreationContext.NONE))
                .hasMessageContaining("noise must be >= 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("pool:seed=x"), CreationContext.NONE))
                .hasMessageContaining("seed must be an integer, found 'x'");
        assertThatThrownBy(() -> factory.create(new Spec("pool", Map.of("sizes", "3")), CreationContext.NONE))
                .hasMessageContaining("unknown parameter 'sizes'");
    }
}
