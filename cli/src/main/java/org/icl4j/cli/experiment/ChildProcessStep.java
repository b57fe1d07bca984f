package org.icl4j.cli.experiment;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.RunStep;
import org.icl4j.experiment.SuiteFolder;

/**
 * The local pool's step: each run executes in its own JVM, {@code icl4j run-one SUITE INDEX}, the command a SLURM
 * array task runs. PyTorch allows one gradient recorder per process, so trainings cannot share a JVM; a JVM per run
 * also returns each run's native memory when it ends. The child's output goes to {@code run.log} in the run's
 * folder; it stops (checkpointing a training) when its standard input closes, so a suite killed outright leaves
 * no orphaned runs behind.
 */
final class ChildProcessStep implements RunStep {

    /** The child's output, appended per attempt. */
    static final String LOG = "run.log";

    private final List<String> runOne;
    private final SuiteFolder folder;
    private final Set<String> kinds;

    /**
     * @param runOne the command before {@code SUITE INDEX}, ending with {@code run-one} and its options
     * @param folder the suite's folder
     * @param kinds the kinds the child's steps run
     */
    ChildProcessStep(List<String> runOne, SuiteFolder folder, Set<String> kinds) {
        this.runOne = List.copyOf(runOne);
        this.folder = requireNonNull(folder, "folder is null");
        this.kinds = Set.copyOf(kinds);
    }

    @Override
    public RunResult run(RunRequest request, Cancellation cancellation) throws Exception {
        if (!kinds.contains(request.kind())) {
            throw new RunSteps.NoRunStepException(request.kind(), kinds);
        }
        int index = folder.readPlan().run(request.id()).orElseThrow(() -> new IllegalStateException(request.id()
                + " is not in " + folder.root() + "/suite.json")).index();
        List<String> command = new ArrayList<>(runOne);
        command.add(RunOneCommand.STOP_WHEN_INPUT_CLOSES);
        command.add(folder.root().toAbsolutePath().toString());
        command.add(Integer.toString(index));
        Path log = request.folder().resolve(LOG);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.getOutputStream().close();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while run " + request.id() + " was running");
        } finally {
            process.getOutputStream().close();
        }
        if (exit == 0 && Files.exists(request.folder().resolve("done.json"))) {
            return folder.result(request.id());
        }
        if (cancellation.isCancelled()) {
            throw new CancellationException("run " + request.id() + " stopped by a request to exit");
        }
        Path error = request.folder().resolve("error.txt");
        String detail = Files.exists(error) ? SuiteReport.firstLine(Files.readString(error)) : "see " + log;
        throw new ChildRunException("run " + request.id() + " failed in its JVM (exit " + exit + "): " + detail
                + (Files.exists(error) ? "\n" + Files.readString(error) : "") + "\nits output: " + log);
    }

    /** A run that failed in its own JVM; the message holds the child's error. */
    static final class ChildRunException extends IOException {
        private static final long serialVersionUID = 1L;

        ChildRunException(String message) {
            super(message);
        }
    }
}
