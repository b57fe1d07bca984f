package org.icl4j.algorithms.estimator;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class StochasticGradientDescentContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new StochasticGradientDescent("sgd:lr=0.03,clip=1", 0.03, 0.0, 1.0);
    }
}
