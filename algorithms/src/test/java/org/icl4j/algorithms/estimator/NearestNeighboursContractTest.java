package org.icl4j.algorithms.estimator;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class NearestNeighboursContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new NearestNeighbours("knn:k=3,weights=inverse-square", 3, NearestNeighbours.Weights.INVERSE_SQUARE);
    }
}
