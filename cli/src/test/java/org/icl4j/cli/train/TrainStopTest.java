package org.icl4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.cli.Icl4j;
import org.icl4j.engine.djl.DjlTransformerEstimator;
import org.icl4j.formats.model.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl4j train} in a child JVM that receives SIGTERM (what {@code kill} sends; Ctrl-C's SIGINT runs the same
 * shutdown hooks) in the middle of a run: the command line's handler cancels the learner's token, and the run must
 * leave a checkpoint that loads and resumes to the end (with no flag retyped but --resume).
 */
class TrainStopTest {

    private static final long TOTAL_STEPS = 600;
    /** Training lines to wait for before the signal, so the loop is surely running. */
    private static final int LINES_BEFORE_SIGNAL = 20;
    /** Exit status of a JVM ended by SIGTERM after its shutdown hooks: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private static List<String> arguments(Path run, String... more) {
        List<String> all = new ArrayList<>(List.of("train", "--d", "2", "--layers", "1", "--hidden", "8",
                "--batch", "8", "--steps", Long.toString(TOTAL_STEPS), "--set", "checkpointEvery=0",
                "--set", "logEvery=1", "--set", "evaluationBatch=16", "--out", run.toString()));
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void sigtermLeavesACheckpointThatLoadsAndResumesToTheEnd() throws Exception {
        Path run = directory.resolve("run");
        Path metrics = run.resolve("metrics.jsonl");
        Path log = directory.resolve("child.log");
        Process child = icl4j(arguments(run), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            while (trainingLines(metrics) < LINES_BEFORE_SIGNAL && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child is still training; its output: %s", read(log)).isTrue();
            assertThat(trainingLines(metrics)).as("progress in metrics.jsonl before the signal")
                    .isGreaterThanOrEqualTo(LINES_BEFORE_SIGNAL);

            child.destroy();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String output = read(log);
        assertThat(child.exitValue()).as(output).isEqualTo(SIGTERM_EXIT);
        assertThat(output).contains("training stopped by a request to exit after update");

        Checkpoint checkpoint = Checkpoint.read(run.resolve("checkpoint"));
        long step = checkpoint.resumeState().state().get("step").asLong();
        assertThat(step).isGreaterThanOrEqualTo(LINES_BEFORE_SIGNAL).isLessThan(TOTAL_STEPS);
        // The log holds exactly the updates the checkpoint has (one line each, logEvery=1), nothing cut short.
        assertThat(stepsLogged(metrics)).isEqualTo(range(1, step));
        try (DjlTransformerEstimator model = DjlTransformerEstimator.load(run, Device.cpu())) {
            float[] predictions = model.predictPrefixes(EpisodeBatch.of(1, 1, 2, new float[] {1, -1}, new float[] {0}));
            assertThat(predictions).hasSize(1);
            assertThat(Float.isFinite(predictions[0])).isTrue();
        }

        Path resumeLog = directory.resolve("resume.log");
        Process resumed = icl4j(List.of("train", "--resume", "--out", run.toString()), resumeLog);
        try {
            assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).as("the resumed run ends").isTrue();
        } finally {
            resumed.destroyForcibly();
        }

        assertThat(resumed.exitValue()).as(read(resumeLog)).isEqualTo(Icl4j.OK);
        // A successful resume prints no library warnings (PyTorch once warned here about a deprecated API).
        assertThat(read(resumeLog)).doesNotContain("Warning").doesNotContain("deprecated");
        assertThat(Checkpoint.read(run.resolve("checkpoint")).resumeState().state().get("step").asLong())
                .isEqualTo(TOTAL_STEPS);
        assertThat(stepsLogged(metrics)).isEqualTo(range(1, TOTAL_STEPS));
    }

    @Test
    void sigtermDuringSetUpStillWaitsForTheTrainingThread() throws Exception {
        Path run = directory.resolve("early");
        Path log = directory.resolve("early.log");
        Process child = icl4j(arguments(run), log);
        try {
            // "training … into …" is printed once the learner honours stop requests and before its slow set-up
            // (loading PyTorch, drawing the evaluation set): a signal then must still be handled by the run, not
            // end the JVM under it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            while (!read(log).contains(" into " + run) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as(read(log)).isTrue();

            child.destroy();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits after SIGTERM").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String output = read(log);
        assertThat(child.exitValue()).as(output).isEqualTo(SIGTERM_EXIT);
        assertThat(output).contains("training stopped by a request to exit");
        if (output.contains("before its first update")) {
            assertThat(Checkpoint.exists(run.resolve("checkpoint"))).isFalse();
        } else {
            long step = Checkpoint.read(run.resolve("checkpoint")).resumeState().state().get("step").asLong();
            assertThat(output).contains("after update " + step + " of " + TOTAL_STEPS);
        }
    }

    private static Process icl4j(List<String> arguments, Path log) throws IOException {
        return ChildTrain.start(arguments, log);
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long value = from; value <= to; value++) {
            values.add(value);
        }
        return values;
    }

    private static List<Long> stepsLogged(Path metrics) throws IOException {
        List<Long> steps = new ArrayList<>();
        for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            if (node.has("loss")) {
                steps.add(node.get("step").asLong());
            }
        }
        return steps;
    }

    private static long trainingLines(Path metrics) throws IOException {
        if (!Files.exists(metrics)) {
            return 0;
        }
        return Files.readAllLines(metrics, StandardCharsets.UTF_8).stream().filter(l -> l.contains("\"loss\"")).count();
    }

    private static String read(Path log) throws IOException {
        return ChildTrain.read(log);
    }
}
