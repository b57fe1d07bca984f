package org.icl4j.transformer.construction;

import org.icl4j.algorithms.EstimatorContractTest;
import org.icl4j.api.Estimator;

class InterpretedProgramContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return new InterpretedProgram(LearningPrograms.onlineSgd(dimension, pairs(), 0.05, 0.1));
    }
}
