package org.icl4j.algorithms.estimator;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class LeastSquaresContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new LeastSquares();
    }
}
