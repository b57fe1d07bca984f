package org.icl4j.experiment.slurm;

import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunExecution;
import org.icl4j.experiment.RunOutcome;
import org.icl4j.experiment.SuiteFolder;

import java.nio.file.Path;

/** The run-one entry of the tests' array tasks: {@code SlurmTestTask <suite folder> <run index>} with the fake step. */
public final class SlurmTestTask {
    private SlurmTestTask() {
    }

    /**
     * @param args the suite folder and the run index
     * @throws Exception when the run cannot be executed
     */
    public static void main(String[] args) throws Exception {
        RunOutcome outcome = RunExecution.runOne(new SuiteFolder(Path.of(args[0])), Integer.parseInt(args[1]), new SlurmFakeStep(),
                new Cancellation());
        System.out.println("icl4j test task: run " + args[1] + " " + outcome);
        System.exit(outcome == RunOutcome.FINISHED || outcome == RunOutcome.ALREADY_DONE ? 0 : 1);
    }
}
