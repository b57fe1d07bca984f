package org.icl4j.plugins.taskdiversity;

import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.api.Estimator;

/** The σ → 0 limit is its own code path (uniform over the members of smallest residual), so it runs the contract too. */
class TaskDiversityDmmseZeroNoiseContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new TaskDiversityDmmse("dmmse:noise=0", new TaskDiversityPoolTask(32, 5, dimension, 0.0, 1.0), 0.0);
    }
}
