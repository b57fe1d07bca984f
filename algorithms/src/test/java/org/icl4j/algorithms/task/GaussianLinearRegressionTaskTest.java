package org.icl4j.algorithms.task;

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

class GaussianLinearRegressionTaskTest {

    private final GaussianLinearRegressionTaskFactory factory = new GaussianLinearRegressionTaskFactory();

    private Task task(String spec) {
        return factory.create(Spec.parse(spec), CreationContext.NONE);
    }

    @Test
    void matchesTheDocumentedSamplingAlgorithm() {
        // Expected values from algorithms/src/test/python/linear_task_reference.py, an independent Python
        // implementation of the sampling order documented in docs/ALGORITHMS.md.
        EpisodeBatch episodes = task("linear:d=2,noise=0.5").sample(2, 3, new Rng(42));
        assertThat(episodes.xs()).containsExactly(0.2837463319301605f, -0.4640750288963318f, -0.6060515642166138f,
                -0.6624149084091187f, -1.755919098854065f, 0.11393433809280396f, 0.166644886136055f,
                -0.6782451272010803f, -2.0579402446746826f, 0.027611253783106804f, -0.7447514533996582f,
                -0.7794868350028992f);
        assertThat(episodes.ys()).containsExactly(-0.6557599902153015f, -0.7530853152275085f, 1.5810754299163818f,
                0.7923586964607239f, -3.8170342445373535f, -0.7348669767379761f);
        assertThat(episodes.ws()).containsExactly(-0.6454851031303406f, 0.7354856729507446f, 1.7791706323623657f,
                -0.9282287955284119f);
        assertThat(episodes.noise()).isEqualTo(0.5);
    }

    @Test
    void sameSeedGivesSameEpisodes() {
        Task task = task("linear:d=5,noise=0.1");
        EpisodeBatch first = task.sample(300, 20, new Rng(7));
        EpisodeBatch second = task.sample(300, 20, new Rng(7));
        assertThat(first.xs()).containsExactly(second.xs());
        assertThat(first.ys()).containsExactly(second.ys());
        assertThat(first.ws()).containsExactly(second.ws());
        EpisodeBatch other = task.sample(300, 20, new Rng(8));
        assertThat(other.xs()).isNotEqualTo(first.xs());
    }

    @Test
    void samplingAdvancesTheGenerator() {
        Task task = task("linear:d=3");
        Rng random = new Rng(9);
        EpisodeBatch first = task.sample(4, 5, random);
        EpisodeBatch second = task.sample(4, 5, random);
        assertThat(second.xs()).isNotEqualTo(first.xs());
    }

    @Test
    void defaultDistributionsHaveThePaperMoments() {
        // 2000 episodes × 10 pairs × 4 coordinates = 80,000 input draws: the mean's standard error is 0.0035 and
        // the variance's 0.005, so ±0.02 and ±0.03 are over five standard errors.
        EpisodeBatch episodes = task("linear:d=4,noise=0.5,tau=2").sample(2000, 10, new Rng(10));
        double[] x = moments(episodes.xs());
        assertThat(x[0]).isCloseTo(0.0, within(0.02));
        assertThat(x[1]).isCloseTo(1.0, within(0.03));
        // 8,000 weight draws with τ = 2: standard error of the variance ≈ 4·√(2/8000) = 0.063.
        double[] w = moments(episodes.ws());
        assertThat(w[0]).isCloseTo(0.0, within(0.1));
        assertThat(w[1]).isCloseTo(4.0, within(0.35));
        // Noise y − w·x over 20,000 labels: variance σ² = 0.25 with standard error 0.0025.
        float[] residuals = new float[2000 * 10];
        for (int b = 0; b < 2000; b++) {
            for (int k = 0; k < 10; k++) {
                double fit = 0;
                for (int j = 0; j < 4; j++) {
                    fit += episodes.ws()[b * 4 + j] * (double) episodes.x(b, k, j);
                }
                residuals[b * 10 + k] = (float) (episodes.y(b, k) - fit);
            }
        }
        double[] noise = moments(residuals);
        assertThat(noise[0]).isCloseTo(0.0, within(0.02));
        assertThat(noise[1]).isCloseTo(0.25, within(0.015));
    }

    @Test
    void noiselessLabelsAreExactlyLinear() {
        EpisodeBatch episodes = task("linear:d=3").sample(10, 6, new Rng(11));
        for (int b = 0; b < 10; b++) {
            for (int k = 0; k < 6; k++) {
                double fit = 0;
                for (int j = 0; j < 3; j++) {
                    fit += episodes.ws()[b * 3 + j] * (double) episodes.x(b, k, j);
                }
                assertThat(episodes.y(b, k)).isEqualTo((float) fit);
            }
        }
    }

    @Test
    void shiftsAndScalesMoveTheDistributions() {
        EpisodeBatch episodes = task("linear:d=4,x-shift=2.5,x-scale=2,w-shift=-1,tau=0.5").sample(2000, 10,
                new Rng(12));
        double[] x = moments(episodes.xs());
        assertThat(x[0]).isCloseTo(2.5, within(0.05));
        assertThat(x[1]).isCloseTo(4.0, within(0.12));
        double[] w = moments(episodes.ws());
        assertThat(w[0]).isCloseTo(-1.0, within(0.03));
        assertThat(w[1]).isCloseTo(0.25, within(0.03));
    }

    @Test
    void mixtureDrawsWholeEpisodesFromTheSecondComponent() {
        EpisodeBatch episodes = task("linear:d=4,x-mix=0.3,x-mix-shift=10,x-mix-scale=0.1").sample(4000, 5,
                new Rng(13));
        int second = 0;
        for (int b = 0; b < 4000; b++) {
            double sum = 0;
            for (int i = 0; i < 20; i++) {
                sum += episodes.xs()[b * 20 + i];
            }
            double mean = sum / 20;
            // A main-component episode has mean ~ N(0, 1/20); a second-component one ~ N(10, 0.1²/20).
            assertThat(Math.abs(mean) < 1.5 || Math.abs(mean - 10) < 0.1).as("episode %d mean %s", b, mean).isTrue();
            if (mean > 5) {
                second++;
            }
        }
        // Binomial(4000, 0.3): standard deviation 29, so ±120 is four standard deviations.
        assertThat(second).isBetween(1080, 1320);
    }

    @Test
    void gaussianPriorOnlyForZeroMeanIsotropicWeights() {
        assertThat(task("linear:d=8,noise=0.5,tau=1.5").gaussianPrior()).contains(new GaussianPrior(0.5, 1.5));
        assertThat(task("linear:d=8,x-shift=3,x-mix=0.5").gaussianPrior()).isPresent();
        assertThat(task("linear:d=8,w-shift=1").gaussianPrior()).isEmpty();
        assertThat(task("linear:d=8,w-mix=0.5").gaussianPrior()).isEmpty();
        assertThat(task("linear:d=8,tau=0,w-shift=1").gaussianPrior()).isEmpty();
    }

    @Test
    void nameRecreatesTheTask() {
        Task task = task("linear:d=3,noise=0.25,x-mix=0.5,x-mix-shift=2.5,w-shift=1,w-mix=0.1,w-mix-scale=2");
        Task again = task(task.name());
        assertThat(again.name()).isEqualTo(task.name());
        assertThat(again.sample(5, 4, new Rng(14)).xs()).containsExactly(task.sample(5, 4, new Rng(14)).xs());
        assertThat(task("linear").name()).isEqualTo("linear:d=8,noise=0.0,tau=1.0");
        assertThat(task("linear").dimension()).isEqualTo(8);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> task("linear:d=0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("d must be >= 1, found 0");
        assertThatThrownBy(() -> task("linear:noise=-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noise must be >= 0, found -1.0");
        assertThatThrownBy(() -> task("linear:x-mix=2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x-mix must be in [0, 1], found 2.0");
        assertThatThrownBy(() -> task("linear:tau=-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tau must be >= 0, found -2.0");
        assertThatThrownBy(() -> task("linear:sigma=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'sigma'");
        Task task = task("linear:d=2");
        assertThatThrownBy(() -> task.sample(0, 3, new Rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must be >= 1, found 0");
    }

    /** @return {mean, variance} */
    private static double[] moments(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float value : values) {
            squares += (value - mean) * (value - mean);
        }
        return new double[] {mean, squares / (values.length - 1)};
    }

    @Test
    void onesFixesEveryWeightToOneAndKeepsTheInputs() {
        Task control = task("linear:d=3,w=ones");
        EpisodeBatch episodes = control.sample(5, 4, new Rng(11));
        assertThat(episodes.ws()).containsOnly(1.0f);
        for (int b = 0; b < 5; b++) {
            for (int k = 0; k < 4; k++) {
                // Noiseless with w = 1: the label is the sum of the input's coordinates.
                double sum = episodes.x(b, k, 0) + (double) episodes.x(b, k, 1) + episodes.x(b, k, 2);
                assertThat(episodes.y(b, k)).isEqualTo((float) sum);
            }
        }
        // Every draw happens whatever the parameters, so the inputs are those of the default task.
        assertThat(episodes.xs()).containsExactly(task("linear:d=3").sample(5, 4, new Rng(11)).xs());
        assertThat(control.gaussianPrior()).isEmpty();
        assertThat(task(control.name()).sample(5, 4, new Rng(11)).ys()).containsExactly(episodes.ys());
    }

    @Test
    void onesExcludesOtherWeightParametersAndUnknownKinds() {
        assertThatThrownBy(() -> task("linear:w=ones,tau=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau does not apply");
        assertThatThrownBy(() -> task("linear:w=zeros"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("w must be gaussian or ones, found 'zeros'");
    }
}
