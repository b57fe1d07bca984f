package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class StochasticGradientDescentTest {

    /** x0 = (1,0), y0 = 1; x1 = (1,1), y1 = 0; x2 = (0,1). */
    private static final EpisodeBatch EPISODE = TestEpisodes.single(new double[][] {{1, 0}, {1, 1}, {0, 1}},
            new double[] {1, 0, 0});

    @Test
    void handWorkedPass() {
        // α = 0.1. Pair 0 at w = 0: g = 2(x·0 − 1)x = (−2, 0), w = (0.2, 0).
        // Pair 1: w·x = 0.2, g = 2(0.2 − 0)(1,1) = (0.4, 0.4), w = (0.16, −0.04).
        double[] w = new StochasticGradientDescent("sgd", 0.1, 0.0, Double.POSITIVE_INFINITY).prefixWeights(EPISODE);
        assertThat(w).containsExactly(new double[] {0, 0, 0.2, 0, 0.16, -0.04}, within(1e-12));
    }

    @Test
    void handWorkedPassWithPenalty() {
        // λ = 0.5: pair 0 as before (w = 0); pair 1: g = 2((0.2,0.2) + 0.5·(0.2, 0)) = (0.6, 0.4), w = (0.14, −0.04).
        double[] w = new StochasticGradientDescent("sgd", 0.1, 0.5, Double.POSITIVE_INFINITY).prefixWeights(EPISODE);
        assertThat(w).containsExactly(new double[] {0, 0, 0.2, 0, 0.14, -0.04}, within(1e-12));
    }

    @Test
    void clipsEachGradientComponent() {
        // clip = 0.3: g0 = (−2, 0) → (−0.3, 0), w = (0.03, 0); g1 = 2·0.03·(1,1) = (0.06, 0.06), w = (0.024, −0.006).
        double[] w = new StochasticGradientDescent("sgd", 0.1, 0.0, 0.3).prefixWeights(EPISODE);
        assertThat(w).containsExactly(new double[] {0, 0, 0.03, 0, 0.024, -0.006}, within(1e-12));
    }

    @Test
    void clippingIsOffByDefault() {
        StochasticGradientDescent sgd = (StochasticGradientDescent) new StochasticGradientDescentFactory()
                .create(Spec.of("sgd"), CreationContext.NONE);
        assertThat(sgd.clip()).isInfinite();
        assertThat(sgd.learningRate()).isEqualTo(0.01);
        StochasticGradientDescent clipped = (StochasticGradientDescent) new StochasticGradientDescentFactory()
                .create(Spec.parse("sgd:lr=0.03,clip=20"), CreationContext.NONE);
        assertThat(clipped.clip()).isEqualTo(20.0);
    }

    @Test
    void validatesParameters() {
        StochasticGradientDescentFactory factory = new StochasticGradientDescentFactory();
        assertThatThrownBy(() -> factory.create(Spec.parse("sgd:lr=-0.1"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lr must be > 0, found -0.1");
        assertThatThrownBy(() -> factory.create(Spec.parse("sgd:clip=0"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clip must be > 0, found 0.0");
        assertThatThrownBy(() -> factory.create(Spec.parse("sgd:clip=none"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clip must be a number > 0 or off, found 'none'");
    }
}
