package org.icl4j.algorithms.estimator;

import org.icl4j.algorithms.EstimatorContractTest;
import org.icl4j.api.Estimator;

class ZeroEstimatorContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new ZeroEstimator();
    }
}
