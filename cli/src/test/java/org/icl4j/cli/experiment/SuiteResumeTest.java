package org.icl4j.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite killed outright (SIGKILL of its JVM) mid-run: running the same command again skips the finished
 * training and resumes the interrupted one from its checkpoint.
 */
class SuiteResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKilledSuiteSkipsFinishedRunsAndResumesTheInterruptedOne(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("suite");
        // The quick scale of mini.yaml trains 400 updates per model, checkpointing every 10; one run at a time.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dai.djl.pytorch.num_threads=1",
                "-cp", System.getProperty("java.class.path"), Icl4j.class.getName()));
        List<String> sweep = List.of("sweep", "--spec", SweepCommandTest.MINI.toString(), "--scale", "quick",
                "--out", out.toString(), "--jobs", "1");
        command.addAll(sweep);
        Process suite = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
        Path first = null;
        Path second = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline && suite.isAlive()) {
            if (Files.exists(out.resolve("suite.json"))) {
                // The pool picks the costlier training first (L = 2, planned second), so either may be the one
                // that finishes first: wait for one finished and the other checkpointed.
                JsonNode runs = JSON.readTree(out.resolve("suite.json").toFile()).path("runs");
                Path a = out.resolve("runs").resolve(runs.get(0).path("id").asText());
                Path b = out.resolve("runs").resolve(runs.get(1).path("id").asText());
                if (finishedWhileOtherCheckpointed(a, b)) {
                    first = a;
                    second = b;
                    break;
                }
                if (finishedWhileOtherCheckpointed(b, a)) {
                    first = b;
                    second = a;
                    break;
                }
            }
            Thread.sleep(50);
        }
        assertThat(suite.isAlive()).as("the suite is still running: " + Files.readString(dir.resolve("first.log"))).isTrue();
        assertThat(second.resolve("done.json")).as("killed before the second training finished").doesNotExist();
        List<ProcessHandle> runJvms = suite.descendants().toList();
        suite.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook of the suite's JVM runs
        for (ProcessHandle run : runJvms) {
            // A run's JVM sees its input close and stops after writing its checkpoint.
            run.onExit().get(60, TimeUnit.SECONDS);
        }
        FileTime firstDone = Files.getLastModifiedTime(first.resolve("done.json"));
        byte[] firstBytes = Files.readAllBytes(first.resolve("done.json"));

        CliRunner.Result again = CliRunner.run(sweep.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(Icl4j.OK);
        assertThat(Files.getLastModifiedTime(first.resolve("done.json"))).isEqualTo(firstDone);
        assertThat(Files.readAllBytes(first.resolve("done.json"))).isEqualTo(firstBytes);
        JsonNode attempts = JSON.readTree(second.resolve(TrainStep.ATTEMPTS_FILE).toFile()).path("attempts");
        assertThat(attempts.size()).isEqualTo(2);
        assertThat(attempts.get(0).path("startedFromUpdate").asLong()).isZero();
        assertThat(attempts.get(1).path("startedFromUpdate").asLong()).isBetween(10L, 399L);
        assertThat(second.resolve("done.json")).exists();
        assertThat(JSON.readTree(first.resolve(TrainStep.ATTEMPTS_FILE).toFile()).path("attempts").size()).isEqualTo(1);
        assertThat(SweepCommandTest.claims(out).get("ols-linear").path("verdict").asText()).isEqualTo("holds");
        assertThat(new File(out.toFile(), SuiteReport.REPORT)).exists();
    }

    private static boolean finishedWhileOtherCheckpointed(Path finished, Path other) {
        return Files.exists(finished.resolve("done.json"))
                && Files.exists(other.resolve("checkpoint").resolve("training-state.json"));
    }
}
