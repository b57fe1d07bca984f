package org.icl4j.plugins.secondorder;

import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.api.Estimator;

class SecondOrderNewtonContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new SecondOrderNewton("newton:steps=10", 10);
    }
}
