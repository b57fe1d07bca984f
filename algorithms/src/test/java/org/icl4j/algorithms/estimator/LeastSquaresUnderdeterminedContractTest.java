package org.icl4j.algorithms.estimator;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class LeastSquaresUnderdeterminedContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new LeastSquares();
    }

    /** More dimensions than pairs: every prefix is underdetermined. */
    @Override
    protected int dimension() {
        return 12;
    }
}
