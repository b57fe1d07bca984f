package org.icl4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.icl4j.engine.djl.DjlDevices;
import org.icl4j.formats.model.Checkpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path directory;

    private static final String[] SMALL = {"--d", "2", "--steps", "12", "--set", "evaluationBatch=16",
        "--set", "checkpointEvery=6", "--set", "logEvery=3", "--layers", "1", "--hidden", "8"};

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length + 1];
        all[0] = "train";
        System.arraycopy(base, 0, all, 1, base.length);
        System.arraycopy(more, 0, all, base.length + 1, more.length);
        return all;
    }

    @Test
    void trainsIntoARunFolderAndResumes() throws Exception {
        Path run = directory.resolve("tiny");

        CliRunner.Result result = CliRunner.run(with(SMALL, "--out", run.toString()));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(result.out()).contains("trained model: " + run.resolve("checkpoint"))
                .contains("SPD/d vs ols (k>=d)");
        assertThat(result.out().lines().filter(line -> line.contains("SPD/d vs ols (k>=d)")))
                .as("without a terminal each evaluation is printed once, as it comes").hasSize(1);
        Checkpoint checkpoint = Checkpoint.read(run.resolve("checkpoint"));
        assertThat(checkpoint.model().dimension()).isEqualTo(2);
        assertThat(checkpoint.model().layers()).isEqualTo(1);
        assertThat(checkpoint.resumeState().state().get("step").asLong()).isEqualTo(12);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertThat(metrics).filteredOn(line -> line.contains("\"loss\"")).hasSize(4);

        CliRunner.Result again = CliRunner.run(with(SMALL, "--out", run.toString()));
        assertThat(again.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(again.err()).contains("add --resume");

        CliRunner.Result resumed = CliRunner.run(with(SMALL, "--out", run.toString(), "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(Icl4j.OK);
        assertThat(Checkpoint.read(run.resolve("checkpoint")).weights()).isEqualTo(checkpoint.weights());
    }

    @Test
    void resumeReadsTheRunsSettingsExtendsByStepsAndRefusesOtherChanges() throws Exception {
        Path run = directory.resolve("short");
        CliRunner.Result first = CliRunner.run(with(SMALL, "--out", run.toString()));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(Icl4j.OK);

        CliRunner.Result changed = CliRunner.run("train", "--resume", "--out", run.toString(), "--lr", "0.5");
        assertThat(changed.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(changed.err()).contains("cannot resume with a changed setting: lr (the run has 0.003, found 0.5)");
        CliRunner.Result otherTask = CliRunner.run("train", "--resume", "--out", run.toString(), "--d", "3");
        assertThat(otherTask.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(otherTask.err()).contains("--d 3 disagrees with d=2");

        // No flag retyped: the task, the model and every setting come from the run's checkpoint.
        CliRunner.Result extended = CliRunner.run("train", "--resume", "--out", run.toString(), "--steps", "18");
        assertThat(extended.exitCode()).as(extended.err()).isEqualTo(Icl4j.OK);
        Checkpoint checkpoint = Checkpoint.read(run.resolve("checkpoint"));
        assertThat(checkpoint.resumeState().state().get("step").asLong()).isEqualTo(18);
        assertThat(checkpoint.training().get("steps").asText()).isEqualTo("18");
        assertThat(checkpoint.training().get("layers").asText()).isEqualTo("1");
        assertThat(checkpoint.task()).startsWith("linear:d=2,");
    }

    @Test
    void theDedicatedFlagsCarryTheSettingsNames() {
        // Each flag is spelt as the setting it sets, so --steps and --set steps=… are one name.
        for (String flag : List.of("--pairs", "--layers", "--hidden", "--heads", "--steps", "--lr", "--batch", "--seed",
                "--preset")) {
            assertThat(org.icl4j.engine.djl.TrainingSettings.names()).contains(flag.substring(2));
            assertThat(new picocli.CommandLine(new TrainCommand()).getCommandSpec().findOption(flag)).as(flag).isNotNull();
        }
    }

    @Test
    void listShowsEachEnginesOptionsAndABadOptionIsRefused() {
        CliRunner.Result list = CliRunner.run("list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("  djl  rank 10").contains("      threads=1  PyTorch intra-operator threads")
                .contains("      maxBatch=512  episodes per ONNX Runtime run");

        CliRunner.Result bad = CliRunner.run(with(SMALL, "--engine", "djl:threads=0", "--out",
                directory.resolve("t").toString()));
        assertThat(bad.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(bad.err()).contains("djl engine option threads must be >= 1, found 0");
    }

    @Test
    void refusesBadSettingsWithExitTwo() {
        CliRunner.Result unknown = CliRunner.run(with(SMALL, "--set", "stepz=3", "--out", directory.resolve("a").toString()));
        assertThat(unknown.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown parameter 'stepz'");

        CliRunner.Result noCheckpoint = CliRunner.run(with(SMALL, "--resume", "--out", directory.resolve("b").toString()));
        assertThat(noCheckpoint.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(noCheckpoint.err()).contains("holds no checkpoint");
    }

    @Test
    void askingForAMissingGpuFailsClearly() {
        Assumptions.assumeTrue(DjlDevices.gpuCount() == 0, "this machine has a GPU");

        CliRunner.Result result = CliRunner.run(with(SMALL, "--engine", "djl:device=gpu", "--out", directory.resolve("g").toString()));

        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.err()).contains("sees no GPU");
    }
}
