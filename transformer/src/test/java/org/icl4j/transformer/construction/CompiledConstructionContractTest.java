package org.icl4j.transformer.construction;

import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;

/** A compiled model is an ordinary estimator (run here by the reference forward pass). */
class CompiledConstructionContractTest extends EstimatorContractTest {
    @Override
    protected Estimator createEstimator(int dimension) {
        return ConstructionCompiler.compile(LearningPrograms.gradientDescent(dimension, pairs() + 1, 0.05, 0,
                new double[dimension]), Precision.DEFAULT)
                .reference();
    }
}
