package org.icl4j.algorithms.estimator;

import org.icl4j.algorithms.EstimatorContractTest;
import org.icl4j.api.Estimator;

class RidgeRegressionContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new RidgeRegression(0.25);
    }
}
