package org.icl4j.plugins.secondorder;

import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.api.Estimator;

class SecondOrderIdentityDescentContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new SecondOrderPreconditionedDescent("pgd:steps=10,preconditioner=identity", 10, SecondOrderPreconditionedDescent.Preconditioner.IDENTITY);
    }
}
