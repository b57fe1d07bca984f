package org.icl4j.cli.experiment;

import java.nio.file.Path;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.StopOnSignal;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunExecution;
import org.icl4j.experiment.RunOutcome;
import org.icl4j.experiment.SuiteFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code icl4j run-one SUITE INDEX}: runs run INDEX of the suite's plan, the task of one SLURM array entry, through
 * the same code path as the local pool. Exit 0 when the run is done (now or before), 1 when it failed, was
 * stopped or its input is not done.
 */
@Command(name = "run-one", mixinStandardHelpOptions = true,
        description = "Run one run of a suite folder by its index in suite.json (what a SLURM array task runs).")
public final class RunOneCommand extends Icl4jCommand {

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite's folder.")
    Path suite;

    @Parameters(index = "1", paramLabel = "INDEX", description = "The run's index in suite.json.")
    int index;

    /** The hidden flag of a run started by the local pool: stop when the pool's JVM is gone. */
    static final String STOP_WHEN_INPUT_CLOSES = "--stop-when-input-closes";

    @Option(names = STOP_WHEN_INPUT_CLOSES, hidden = true,
            description = "Stop (checkpointing a training) when standard input closes: the local pool's JVM ended.")
    boolean stopWhenInputCloses;

    @Option(names = "--device", paramLabel = "cpu|gpu", description = "Device of trainings and probes (default: the run's setting, else cpu).")
    String device;

    @Override
    protected int run() throws Exception {
        if (device != null && !device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("--device must be cpu or gpu, found '" + device + "'");
        }
        if (stopWhenInputCloses) {
            Thread watch = new Thread(RunOneCommand::exitWhenInputCloses, "icl4j-run-one-input");
            watch.setDaemon(true);
            watch.start();
        }
        Object plugins = commandSpec().root().findOption("--plugins").getValue();
        org.icl4j.harness.Icl4j icl4j = org.icl4j.harness.Icl4j.builder().plugins((Path) plugins).build();
        Cancellation cancellation = new Cancellation();
        RunOutcome outcome;
        // A signal (or the end of the pool's input, which exits the JVM) cancels the run, which then checkpoints.
        try (StopOnSignal stop = StopOnSignal.install(cancellation::cancel)) {
            outcome = RunExecution.runOne(new SuiteFolder(suite), index, RunSteps.standard(icl4j, device), cancellation);
        }
        out().println("run " + index + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return outcome == RunOutcome.FINISHED || outcome == RunOutcome.ALREADY_DONE ? Icl4j.OK : Icl4j.FAILURE;
    }

    private static void exitWhenInputCloses() {
        try {
            while (System.in.read() >= 0) {
                // The pool writes nothing; reading only waits for the end of input.
            }
        } catch (java.io.IOException e) {
            // A broken pipe ends the input too.
        }
        // Exiting runs the shutdown hooks: a training writes its checkpoint first, so the run resumes next time.
        System.exit(Icl4j.FAILURE);
    }
}
