package org.icl4j.algorithms.estimator;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class GradientDescentContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new GradientDescent("gd:lr=0.05,steps=3,lambda=0.1", 0.05, 3, 0.1);
    }
}
