package org.icl4j.api;

import java.util.Optional;

/**
 * A distribution over in-context regression problems.
 *
 * <p>Sampling is deterministic given the generator's state: the same {@link Rng} seed yields the same episodes
 * on every machine.
 */
public interface Task {

    /** @return the spec string that recreates this task, e.g. {@code linear:d=8,noise=0} */
    String name();

    /** @return the input width d */
    int dimension();

    /**
     * Draws {@code batch} episodes of {@code length} pairs each.
     *
     * @param batch number of episodes, at least 1
     * @param length pairs per episode, at least 1
     * @param random the generator to draw from (advanced by this call)
     * @return the episodes, with true weights and noise when the task knows them
     */
    EpisodeBatch sample(int batch, int length, Rng random);

    /**
     * The isotropic Gaussian prior of this task, when it has one: w ~ N(0, τ² I) and y = w·x + N(0, σ²). The
     * Bayes-optimal predictor is then ridge regression with λ = σ²/τ² (docs/PAPER.md, Reference algorithms).
     *
     * @return the prior, or empty when the task's weights are not zero-mean isotropic Gaussian
     */
    default Optional<GaussianPrior> gaussianPrior() {
        return Optional.empty();
    }
}
