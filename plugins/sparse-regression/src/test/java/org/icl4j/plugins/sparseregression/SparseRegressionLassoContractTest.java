package org.icl4j.plugins.sparseregression;

import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.api.Estimator;

class SparseRegressionLassoContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new SparseRegressionLasso("lasso:lambda=0.1", 0.1, 1e-9, 1000);
    }
}
