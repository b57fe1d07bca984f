package org.icl4j.harness.compare;

import org.icl4j.api.GaussianPrior;
import org.icl4j.api.Task;

/**
 * The estimator a model is measured against when none is chosen: least squares ({@code ols}) on a noiseless task,
 * as in the paper's Fig. 1, and the task's Bayes-optimal predictor ({@code bayes}, ridge with λ = σ²/τ²) on a noisy
 * task with a Gaussian weight prior. With label noise least squares interpolates the noise and its predictions
 * explode near k = d, so SPD against it measures that blow-up more than the model; the Bayes predictor is what an
 * ideal learner of the task does.
 */
public final class DefaultReference {

    /** The reference on a noiseless task. */
    public static final String LEAST_SQUARES = "ols";
    /** The reference on a noisy task with a Gaussian prior. */
    public static final String BAYES = "bayes";

    private DefaultReference() {
    }

    /**
     * @param task the task the estimators run on
     * @return {@value #BAYES} when the task has a Gaussian prior with σ &gt; 0, else {@value #LEAST_SQUARES}
     */
    public static String of(Task task) {
        return task.gaussianPrior().map(GaussianPrior::noise).filter(noise -> noise > 0).isPresent()
                ? BAYES : LEAST_SQUARES;
    }
}
