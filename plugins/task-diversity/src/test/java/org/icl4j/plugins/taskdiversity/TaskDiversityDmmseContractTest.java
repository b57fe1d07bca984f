package org.icl4j.plugins.taskdiversity;

import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.api.Estimator;

class TaskDiversityDmmseContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new TaskDiversityDmmse("dmmse", new TaskDiversityPoolTask(32, 5, dimension, 0.1, 1.0), 0.1);
    }
}
