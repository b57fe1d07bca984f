package org.icl4j.experiment.slurm;

import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.LocalExecutor;
import org.icl4j.experiment.Plan;
import org.icl4j.experiment.PlannedRun;
import org.icl4j.experiment.RunState;
import org.icl4j.experiment.RunStep;
import org.icl4j.experiment.Scale;
import org.icl4j.experiment.Suite;
import org.icl4j.experiment.SuiteFolder;
import org.icl4j.experiment.SuiteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against the real SLURM of this machine ({@code scripts/slurm-local.sh up}; CI starts it before the tests): the
 * array tasks are JVMs started by slurmd with this test's java and class path, running {@link SlurmTestTask}.
 */
class SlurmClusterTest {
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final String SPEC = """
            experiment: tiny
            title: Two trainings and their evaluations
            scales:
              smoke: {d: 2, steps: 3}
              quick: {d: 2, steps: 6}
              paper: {d: 2, steps: 9}
            stages:
              - id: train
                kind: train
                seeds: 2
                settings: {task: {name: linear, d: "${d}"}, learner: {steps: "${steps}"}}
              - {id: eval, kind: evaluate, uses: train, settings: {episodes: 16}}
            claims:
              - id: ols-closer
                statement: "SPD(model, OLS) < SPD(model, Ridge) at k >= d"
                compare:
                  stage: eval
                  left: {metric: spd/ols, k: ">=d"}
                  op: "<"
                  right: {metric: spd/ridge, k: ">=d"}
            """;
    /** The tasks never call the host's step: they run their own, in their own JVMs. */
    private static final RunStep UNUSED = (request, cancellation) -> {
        throw new AssertionError("the SLURM executor ran a step in the submitting JVM");
    };

    private final SlurmCommands commands = SlurmCommands.onPath();
    private final List<SuiteFolder> submitted = new ArrayList<>();

    static Suite suite() throws Exception {
        return new Suite(List.of(ExperimentSpec.parse(Path.of("tiny.yaml"), SPEC)), Scale.SMOKE);
    }

    @BeforeEach
    void needsSlurm() {
        assumeTrue(commands.find("sbatch").isPresent(),
                "sbatch is not on PATH: start this machine's one-node SLURM with scripts/slurm-local.sh up (as root)");
    }

    @AfterEach
    void cancelWhatIsLeft() throws IOException {
        for (SuiteFolder folder : submitted) {
            for (SlurmSubmissions.Submission submission : SlurmSubmissions.read(folder)) {
                if (submission.job().isPresent()) {
                    commands.run("scancel", List.of(submission.job().get()));
                }
            }
        }
    }

    private SlurmExecutor executor(SlurmSettings settings) {
        List<String> task = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SlurmTestTask.class.getName());
        return new SlurmExecutor(settings, task, commands);
    }

    private static SlurmSettings settings() {
        return SlurmSettings.of("00:05:00").withMaxParallel(2);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static Path hold(SuiteFolder folder, PlannedRun training) throws IOException {
        Path hold = folder.root().resolve("hold-" + training.id().value());
        Files.createDirectories(folder.root());
        Files.writeString(hold, "");
        return hold;
    }

    private static void awaitHolding(SuiteFolder folder, PlannedRun training) throws InterruptedException {
        Path holding = folder.runFolder(training.id()).resolve("holding");
        long end = System.nanoTime() + SETTLE.toNanos();
        while (!Files.exists(holding) && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(holding).as("the held training started in its array task").exists();
    }

    /** Waits until the run is done and its task has left the queue, then gives the scheduler a second to act on it. */
    private SlurmStatus awaitTaskEnded(SuiteFolder folder, PlannedRun run) throws Exception {
        long end = System.nanoTime() + SETTLE.toNanos();
        SlurmStatus status = SlurmStatus.query(folder, commands);
        while ((status.runs().get(run.index()).state() != SlurmRunState.DONE || status.runs().get(run.index()).queued())
                && System.nanoTime() < end) {
            Thread.sleep(100);
            status = SlurmStatus.query(folder, commands);
        }
        Thread.sleep(1000);
        return SlurmStatus.query(folder, commands);
    }

    private static SuiteFolder reference(Suite suite, Path out) throws Exception {
        SuiteFolder local = new SuiteFolder(out);
        Map<RunState, Integer> counts = suite.run(local, new LocalExecutor(2), new SlurmFakeStep(), new Cancellation(), SuiteListener.NONE);
        assertThat(counts).containsEntry(RunState.DONE, 4);
        return local;
    }

    @Test
    void aSuiteThroughSlurmGivesTheLocalPoolsResultsByteForByte(@TempDir Path pool, @TempDir Path cluster) throws Exception {
        Suite suite = suite();
        SuiteFolder local = reference(suite, pool);
        SuiteFolder folder = new SuiteFolder(cluster.resolve("tiny"));
        submitted.add(folder);
        Plan plan = suite.plan();
        Path hold = hold(folder, plan.runs().get(0));
        suite.run(folder, executor(settings()), UNUSED, new Cancellation(), SuiteListener.NONE);

        // while training 0 holds, training 1 ends and frees a CPU, yet neither evaluation starts: the second wave
        // waits for the whole first one
        awaitHolding(folder, plan.runs().get(0));
        SlurmStatus holding = awaitTaskEnded(folder, plan.runs().get(1));
        assertThat(holding.runs().get(0).state()).isEqualTo(SlurmRunState.RUNNING);
        assertThat(holding.runs().get(1).state()).isEqualTo(SlurmRunState.DONE);
        for (int i = 2; i < 4; i++) {
            assertThat(holding.runs().get(i).state()).isEqualTo(SlurmRunState.PENDING);
            assertThat(holding.runs().get(i).detail()).startsWith("queued as job ").endsWith("(Dependency)");
        }
        Files.delete(hold);

        // two waves: the trainings, then the evaluations that read their models after them
        assertThat(read(folder.root().resolve("slurm/submit-1.runs")))
                .isEqualTo("0 " + plan.runs().get(0).id().value() + "\n1 " + plan.runs().get(1).id().value() + "\n");
        assertThat(read(folder.root().resolve("slurm/submit-2.runs")))
                .isEqualTo("2 " + plan.runs().get(2).id().value() + "\n3 " + plan.runs().get(3).id().value() + "\n");
        assertThat(read(folder.root().resolve("slurm/submit-1.sh"))).contains("#SBATCH --array=0-1%2\n", "#SBATCH --time=00:05:00\n");

        SlurmStatus status = SlurmStatus.await(folder, commands, SETTLE);
        assertThat(status.lines()).containsExactly("runs 4/4 done, 0 running, 0 pending, 0 failed");
        suite.report(folder);
        for (PlannedRun run : plan.runs()) {
            assertThat(read(folder.runFolder(run.id()).resolve("done.json"))).isEqualTo(read(local.runFolder(run.id()).resolve("done.json")));
            assertThat(read(folder.runFolder(run.id()).resolve("slurm.log"))).contains("icl4j test task: run " + run.index() + " FINISHED");
        }
        assertThat(read(folder.root().resolve("aggregate.json"))).isEqualTo(read(local.root().resolve("aggregate.json")));
        assertThat(read(folder.root().resolve("claims.json"))).isEqualTo(read(local.root().resolve("claims.json")));
        assertThat(read(folder.root().resolve("claims.json"))).contains("\"verdict\" : \"holds\"");
    }

    @Test
    void aTaskKilledMidRunIsCompletedBySubmittingAgainAndFinishedRunsAreUntouched(@TempDir Path pool, @TempDir Path cluster)
            throws Exception {
        Suite suite = suite();
        Plan plan = suite.plan();
        SuiteFolder local = reference(suite, pool);
        SuiteFolder folder = new SuiteFolder(cluster.resolve("tiny"));
        submitted.add(folder);
        PlannedRun killed = plan.runs().get(0);
        PlannedRun blocked = plan.runs().get(2);
        assertThat(blocked.input()).contains(killed.id());
        Path hold = hold(folder, killed);
        SlurmExecutor executor = executor(settings());
        suite.run(folder, executor, UNUSED, new Cancellation(), SuiteListener.NONE);

        awaitHolding(folder, killed);
        SlurmRunStatus running = SlurmStatus.query(folder, commands).runs().get(0);
        assertThat(running.state()).isEqualTo(SlurmRunState.RUNNING);
        String job = running.job().orElseThrow();
        assertThat(job).isEqualTo(read(folder.root().resolve("slurm/submit-1.job")).strip() + "_0");
        SlurmCommands.Result cancel = commands.run("scancel", List.of(job));
        assertThat(cancel.exitCode()).as(cancel.message()).isZero();

        SlurmStatus afterKill = SlurmStatus.await(folder, commands, SETTLE);
        assertThat(afterKill.settled()).isTrue();
        assertThat(afterKill.line()).isEqualTo("runs 2/4 done, 0 running, 1 pending, 1 failed");
        SlurmRunStatus failed = afterKill.runs().get(0);
        assertThat(failed.state()).isEqualTo(SlurmRunState.FAILED);
        // without accounting, slurmstepd's line in the array's output file says how the task ended
        assertThat(failed.detail()).startsWith("its task ended without a result: *** JOB ").contains(" CANCELLED AT ");
        assertThat(failed.log()).contains(folder.runFolder(killed.id()).resolve("slurm.log").toAbsolutePath());
        assertThat(afterKill.runs().get(2).detail())
                .isEqualTo("not submitted; it uses " + killed.id() + ", which failed, and runs after it on the next submission");
        assertThat(folder.state(killed.id())).isEqualTo(RunState.STARTED);
        assertThat(folder.state(blocked.id())).isEqualTo(RunState.PENDING);

        List<PlannedRun> untouched = List.of(plan.runs().get(1), plan.runs().get(3));
        List<String> bytes = new ArrayList<>();
        List<FileTime> times = new ArrayList<>();
        for (PlannedRun run : untouched) {
            bytes.add(read(folder.runFolder(run.id()).resolve("done.json")));
            times.add(Files.getLastModifiedTime(folder.runFolder(run.id()).resolve("done.json")));
        }

        Files.delete(hold);
        List<SlurmExecutor.Submitted> again = executor.submit(folder, plan);
        assertThat(again).extracting(SlurmExecutor.Submitted::number).containsExactly(3, 4);
        assertThat(again).extracting(SlurmExecutor.Submitted::runs).containsExactly(List.of(killed.id()), List.of(blocked.id()));
        SlurmStatus finished = SlurmStatus.await(folder, commands, SETTLE);
        assertThat(finished.lines()).containsExactly("runs 4/4 done, 0 running, 0 pending, 0 failed");
        for (PlannedRun run : plan.runs()) {
            assertThat(read(folder.runFolder(run.id()).resolve("done.json"))).isEqualTo(read(local.runFolder(run.id()).resolve("done.json")));
        }
        for (int i = 0; i < untouched.size(); i++) {
            Path done = folder.runFolder(untouched.get(i).id()).resolve("done.json");
            assertThat(read(done)).isEqualTo(bytes.get(i));
            assertThat(Files.getLastModifiedTime(done)).isEqualTo(times.get(i));
        }
        // the killed training's log holds both attempts
        assertThat(read(folder.runFolder(killed.id()).resolve("slurm.log")).lines().filter(line -> line.startsWith("icl4j: run 0 ")))
                .hasSize(2);
        assertThat(executor.submit(folder, plan)).isEmpty();
    }

    @Test
    void aRefusedSubmissionIsOneClearErrorWithSbatchsMessage(@TempDir Path cluster) throws Exception {
        Suite suite = suite();
        SuiteFolder folder = new SuiteFolder(cluster.resolve("tiny"));
        submitted.add(folder);
        SlurmExecutor executor = executor(settings().withPartition("no-such-partition"));
        assertThatThrownBy(() -> suite.run(folder, executor, UNUSED, new Cancellation(), SuiteListener.NONE))
                .isInstanceOf(SlurmException.class)
                .hasMessageStartingWith("sbatch refused submission 1 (2 runs, script " + folder.root().resolve("slurm/submit-1.sh") + "): ")
                .hasMessageContaining("invalid partition specified: no-such-partition")
                .hasMessageContaining("[command: " + commands.find("sbatch").orElseThrow() + " --parsable ");
        assertThat(folder.root().resolve("slurm/submit-1.job")).doesNotExist();
        try (var runs = Files.list(folder.root().resolve("runs"))) {
            assertThat(runs).isEmpty();
        }
    }
}
