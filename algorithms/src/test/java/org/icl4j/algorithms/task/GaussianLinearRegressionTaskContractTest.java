package org.icl4j.algorithms.task;

import org.icl4j.api.Task;
import org.icl4j.testkit.TaskContractTest;
import org.junit.jupiter.api.Nested;

class GaussianLinearRegressionTaskContractTest {

    @Nested
    class Noiseless extends TaskContractTest {
        @Override
        protected Task createTask() {
            return new GaussianLinearRegressionTask(4, 0.0, GaussianMixture.standard(), GaussianMixture.standard());
        }
    }

    @Nested
    class Noisy extends TaskContractTest {
        @Override
        protected Task createTask() {
            return new GaussianLinearRegressionTask(3, 0.5, GaussianMixture.standard(), GaussianMixture.standard());
        }
    }
}
