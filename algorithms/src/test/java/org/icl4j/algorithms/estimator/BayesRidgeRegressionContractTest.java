package org.icl4j.algorithms.estimator;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class BayesRidgeRegressionContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new BayesRidgeRegression("bayes", new org.icl4j.api.GaussianPrior(0.5, 1.0));
    }
}
