package org.icl4j.bench.djl;

import org.icl4j.algorithms.task.GaussianLinearRegressionTaskFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/** The tasks the DJL measurements train on. */
final class BenchTasks {

    private BenchTasks() {
    }

    /**
     * @param dimension d
     * @return the paper's task: x ~ N(0, I_d), w ~ N(0, I_d), y = w·x, no noise (docs/PAPER.md, "Tasks")
     */
    static Task linear(int dimension) {
        return new GaussianLinearRegressionTaskFactory().create(Spec.parse("linear:d=" + dimension + ",noise=0"),
                CreationContext.NONE);
    }
}
