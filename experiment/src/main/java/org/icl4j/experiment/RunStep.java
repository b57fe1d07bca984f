package org.icl4j.experiment;

/**
 * Executes one run: the host's training, evaluation or probing. The experiment engine decides which runs to
 * execute, when, and whether they resume; the step does the work inside the run's folder.
 *
 * <p>Contract: the step is called only when the run is not done; it may write any files in
 * {@link RunRequest#folder()} but nothing outside it; it returns the result only when the work is complete (the
 * engine then writes the run's {@code done.json} last, atomically). When {@code cancellation} is set it stops at
 * a safe point with the folder resumable and throws {@link java.util.concurrent.CancellationException}. Any other
 * exception marks the run failed ({@code error.txt} in its folder); its dependents do not run. Several steps run
 * at once in one JVM with the local executor, so a step must not rely on process-wide state.
 */
@FunctionalInterface
public interface RunStep {
    /**
     * @param request the run
     * @param cancellation set by the host to stop the suite
     * @return the run's result
     * @throws Exception when the run fails; the engine records the failure and goes on with other runs
     */
    RunResult run(RunRequest request, Cancellation cancellation) throws Exception;
}
