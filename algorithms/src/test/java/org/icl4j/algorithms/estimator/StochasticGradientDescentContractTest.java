package org.icl4j.algorithms.estimator;

import org.icl4j.algorithms.EstimatorContractTest;
import org.icl4j.api.Estimator;

class StochasticGradientDescentContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new StochasticGradientDescent("sgd:lr=0.03,clip=1", 0.03, 0.0, 1.0);
    }
}
