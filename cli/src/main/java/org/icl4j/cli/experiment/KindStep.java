package org.icl4j.cli.experiment;

import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;

/** The work of every run of one kind ({@code train}, {@code evaluate}, …); {@link RunSteps} lists the kinds offered. */
public interface KindStep {

    /** @return the kind this step runs, as experiment specs name it */
    String kind();

    /**
     * Runs one run of {@link #kind()}.
     *
     * @param request the run
     * @param cancellation the host's cancellation
     * @return the run's series
     * @throws Exception when the run fails; its folder keeps what it wrote for a resumed attempt
     */
    RunResult run(RunRequest request, Cancellation cancellation) throws Exception;
}
