package org.icl4j.transformer.construction;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

class InterpretedProgramContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new InterpretedProgram(LearningPrograms.onlineSgd(dimension, pairs(), 0.05, 0.1));
    }
}
