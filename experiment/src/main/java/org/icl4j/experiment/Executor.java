package org.icl4j.experiment;

import java.io.IOException;

/**
 * Runs a suite's runs somewhere: in a bounded pool in this JVM ({@link LocalExecutor}), or as one task per run
 * of a cluster's job array, each task calling {@link RunExecution#runOne}. The suite folder is the only state:
 * an executor decides where and when {@link RunExecution} runs, never what a run does or whether it is done.
 * {@code suite.json} is written before {@link #execute} is called.
 */
public interface Executor {
    /**
     * Executes (or, for a cluster, submits) every run of the plan that is not done, each after the run it uses.
     * Returns when this executor has nothing more to do here: for the local pool, when every run has ended, is
     * blocked by a failed input, or cancellation stopped the suite.
     *
     * @param folder the suite's folder, holding {@code suite.json}
     * @param plan the plan
     * @param step the host's run step
     * @param cancellation the host's cancellation
     * @param listener progress
     * @throws IOException when the suite folder cannot be written
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    void execute(SuiteFolder folder, Plan plan, RunStep step, Cancellation cancellation, SuiteListener listener)
            throws IOException, InterruptedException;
}
