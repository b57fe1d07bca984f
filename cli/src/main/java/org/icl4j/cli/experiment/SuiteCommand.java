package org.icl4j.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.LocalExecutor;
import org.icl4j.experiment.PlannedRun;
import org.icl4j.experiment.RunOutcome;
import org.icl4j.experiment.RunState;
import org.icl4j.experiment.Scale;
import org.icl4j.experiment.Suite;
import org.icl4j.experiment.SuiteFolder;
import org.icl4j.experiment.SuiteListener;
import org.icl4j.experiment.SuiteProgress;
import org.icl4j.experiment.slurm.SlurmCommands;
import org.icl4j.experiment.slurm.SlurmExecutor;
import org.icl4j.experiment.slurm.SlurmSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code reproduce} and {@code sweep} share: the suite's folder, the executor, the run steps, the progress
 * line, Ctrl-C and the report. A run of a kind this build does not run (see {@link RunSteps}) is reported as not
 * run; any other failed run makes the exit code {@link Icl4j#FAILURE}.
 */
abstract class SuiteCommand extends Icl4jCommand {

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The suite's folder: plan, run folders, report.html, claims.json (resumable; run again to continue).")
    Path out;

    @Mixin
    ExecutorOptions executor;

    /** @return the specs to run */
    abstract List<ExperimentSpec> specs() throws Exception;

    /** @return the scale */
    abstract Scale scale();

    @Override
    protected final int run() throws Exception {
        boolean slurm = executor.slurm();
        int jobs = slurm ? 0 : executor.localJobs();
        SlurmSettings slurmSettings = slurm ? executor.slurmSettings() : null;
        Suite suite = new Suite(specs(), scale());
        if (!slurm && !scale().runsLocally()) {
            suite.describe().forEach(out()::println);
            out().println("the " + scale().key() + " scale is meant for GPUs and is not run here; submit it to a cluster "
                    + "with --executor slurm (docs/CLUSTER.md), or run --scale smoke or quick");
            return Icl4j.OK;
        }
        Path plugins = pluginsFolder();
        // The runs execute in their own JVMs (run-one); this one only checks that the plugins load.
        org.icl4j.harness.Icl4j icl4j = org.icl4j.harness.Icl4j.builder().plugins(plugins).build();
        String device = slurmSettings == null ? null : slurmSettings.device();
        RunSteps steps = RunSteps.standard(icl4j, null);
        SuiteFolder folder = new SuiteFolder(out);
        Files.createDirectories(out);
        SuiteReport report = new SuiteReport(suite, folder, steps);
        report.recordInvocation(commandLineText(), plugins);
        suite.describe().forEach(out()::println);
        List<String> runOne = new ArrayList<>(Launcher.command());
        if (plugins != null) {
            runOne.add("--plugins");
            runOne.add(plugins.toAbsolutePath().toString());
        }
        runOne.add("run-one");
        if (slurmSettings != null && slurmSettings.gpusPerRun() > 0) {
            runOne.add("--device");
            runOne.add(device);
        }
        if (slurm) {
            SlurmExecutor slurmExecutor = new SlurmExecutor(slurmSettings, runOne, SlurmCommands.onPath());
            folder.writePlan(suite.plan());
            List<SlurmExecutor.Submitted> submitted = slurmExecutor.submit(folder, suite.plan());
            for (SlurmExecutor.Submitted array : submitted) {
                out().println("submitted job array " + array.job() + " (submission " + array.number() + ", " + array.runs().size() + " runs)");
            }
            if (submitted.isEmpty()) {
                out().println("nothing to submit: every run is done, queued or running");
            }
            suite.report(folder);
            report.write();
            Map<RunState, Integer> counts = folder.count(suite.plan());
            out().println("runs " + counts.getOrDefault(RunState.DONE, 0) + "/" + suite.plan().runs().size()
                    + " done; watch with: icl4j status " + out);
            out().println("report so far: " + out.resolve(SuiteReport.REPORT));
            return Icl4j.OK;
        }
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(cancellation::cancel, "icl4j-suite-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<RunState, Integer> counts;
        try (ProgressLine line = new ProgressLine(new SuiteProgress(suite.plan(), folder, System::nanoTime))) {
            counts = suite.run(folder, new LocalExecutor(jobs), new ChildProcessStep(runOne, folder, steps.kinds()), cancellation, line);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is stopping (Ctrl-C): the runs' folders are resumable, and the next invocation continues.
            }
        }
        report.write();
        int total = suite.plan().runs().size();
        int done = counts.getOrDefault(RunState.DONE, 0);
        List<String> failures = report.failures();
        out().println("runs " + done + "/" + total + " done" + (report.notRun().isEmpty() ? ""
                : ", " + report.notRun().size() + " not run (" + report.notRunReason() + ")")
                + (failures.isEmpty() ? "" : ", " + failures.size() + " failed"));
        failures.forEach(failure -> out().println("  failed " + failure));
        out().println("report: " + out.resolve(SuiteReport.REPORT));
        out().println("claims: " + report.verdictLine());
        return failures.isEmpty() && !cancellation.isCancelled() ? Icl4j.OK : Icl4j.FAILURE;
    }

    /** The --plugins folder, else the checkout's {@code plugins/} when it holds plugin jars, else none. */
    private Path pluginsFolder() throws IOException {
        Object given = commandSpec().root().findOption("--plugins").getValue();
        if (given != null) {
            return (Path) given;
        }
        Path folder = Launcher.root().resolve("plugins");
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jar")) ? folder : null;
        }
    }

    /** Prints the suite's one progress line: rewritten in place on a terminal, one line per change otherwise. */
    private final class ProgressLine implements SuiteListener, AutoCloseable {
        private final SuiteProgress progress;
        private final boolean terminal = System.console() != null;

        ProgressLine(SuiteProgress progress) {
            this.progress = progress;
        }

        @Override
        public void started(PlannedRun run) {
            progress.started(run);
            show();
        }

        @Override
        public void finished(PlannedRun run, RunOutcome outcome) {
            progress.finished(run, outcome);
            show();
        }

        private void show() {
            String line = progress.line();
            if (terminal) {
                err().print("\r" + (line.length() > 79 ? line.substring(0, 79) : String.format("%-79s", line)));
            } else {
                err().println(line);
            }
            err().flush();
        }

        @Override
        public void close() {
            if (terminal) {
                err().println();
            }
        }
    }
}
