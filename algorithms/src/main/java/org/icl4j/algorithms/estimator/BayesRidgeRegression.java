package org.icl4j.algorithms.estimator;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.LinearEstimator;

/**
 * The Bayes-optimal predictor of a task with w ~ N(0, τ² I) and label noise N(0, σ²): the posterior mean, which
 * is ridge regression with λ = σ²/τ² (docs/PAPER.md, Reference algorithms: Bayes). With σ = 0 it is minimum-norm least
 * squares.
 */
public final class BayesRidgeRegression implements LinearEstimator {

    private final String name;
    private final GaussianPrior prior;
    private final RidgeRegression ridge;

    /**
     * @param name display name, normally the spec string
     * @param prior the task's prior, which fixes λ = σ²/τ²
     */
    public BayesRidgeRegression(String name, GaussianPrior prior) {
        this.name = requireNonNull(name, "name is null");
        this.prior = requireNonNull(prior, "prior is null");
        this.ridge = new RidgeRegression(name, prior.bayesLambda());
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the prior */
    public GaussianPrior prior() {
        return prior;
    }

    /** @return λ = σ²/τ² */
    public double lambda() {
        return ridge.lambda();
    }

    @Override
    public double[] prefixWeights(EpisodeBatch episodes) {
        return ridge.prefixWeights(episodes);
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        return ridge.predictPrefixes(episodes);
    }

    @Override
    public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        return ridge.predictQueries(episodes, contextPairs, queries, queriesPerEpisode);
    }

    @Override
    public String toString() {
        return name;
    }
}
