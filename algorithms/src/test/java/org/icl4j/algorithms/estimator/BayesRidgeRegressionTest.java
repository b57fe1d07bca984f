package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.icl4j.algorithms.task.GaussianLinearRegressionTaskFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class BayesRidgeRegressionTest {

    private final BayesRidgeRegressionFactory factory = new BayesRidgeRegressionFactory();

    private static CreationContext task(String spec) {
        Task task = new GaussianLinearRegressionTaskFactory().create(Spec.parse(spec), CreationContext.NONE);
        return new CreationContext(task);
    }

    @Test
    void isRidgeWithNoiseOverPriorVariance() {
        BayesRidgeRegression bayes = (BayesRidgeRegression) factory.create(Spec.of("bayes"),
                task("linear:d=4,noise=0.5,tau=2"));
        // λ = σ²/τ² = 0.25/4.
        assertThat(bayes.lambda()).isEqualTo(0.0625);
        EpisodeBatch episodes = TestEpisodes.gaussian(50, 12, 4, 0.5, 31);
        assertThat(bayes.predictPrefixes(episodes)).containsExactly(new RidgeRegression(0.0625).predictPrefixes(episodes));
    }

    @Test
    void noiselessTaskGivesLeastSquares() {
        BayesRidgeRegression bayes = (BayesRidgeRegression) factory.create(Spec.of("bayes"), task("linear:d=3"));
        EpisodeBatch episodes = TestEpisodes.gaussian(10, 8, 3, 0.0, 32);
        assertThat(bayes.predictPrefixes(episodes)).containsExactly(new LeastSquares().predictPrefixes(episodes));
    }

    @Test
    void overridesReplaceThePrior() {
        BayesRidgeRegression bayes = (BayesRidgeRegression) factory.create(Spec.parse("bayes:noise=1,tau=0.5"),
                task("linear:d=4,noise=0.5,tau=2"));
        assertThat(bayes.lambda()).isEqualTo(4.0);
        BayesRidgeRegression partial = (BayesRidgeRegression) factory.create(Spec.parse("bayes:tau=1,noise=task"),
                task("linear:d=4,noise=0.5,tau=2"));
        assertThat(partial.lambda()).isEqualTo(0.25);
        BayesRidgeRegression noTask = (BayesRidgeRegression) factory.create(Spec.parse("bayes:noise=0.5,tau=1"),
                CreationContext.NONE);
        assertThat(noTask.lambda()).isEqualTo(0.25);
    }

    @Test
    void failsClearlyWithoutAGaussianPrior() {
        assertThatThrownBy(() -> factory.create(Spec.of("bayes"), task("linear:d=4,w-shift=1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no zero-mean isotropic Gaussian weight prior")
                .hasMessageContaining("bayes:noise=0.5,tau=1");
        assertThatThrownBy(() -> factory.create(Spec.parse("bayes:noise=0.5"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("there is no task");
        assertThatThrownBy(() -> factory.create(Spec.parse("bayes:noise=0.5,tau=0"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tau must be > 0, found 0.0");
        assertThatThrownBy(() -> factory.create(Spec.parse("bayes:noise=loud"), task("linear:d=4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noise must be a number >= 0 or task, found 'loud'");
    }
}
