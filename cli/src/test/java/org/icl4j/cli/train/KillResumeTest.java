package org.icl4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.icl4j.cli.Icl4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl4j train} with a checkpoint after every update, ended by SIGKILL (no shutdown hook runs) and resumed
 * with {@code --resume}: the result must equal an uninterrupted run of the same settings byte for byte (weights,
 * Adam moments, training state, and metrics.jsonl apart from its timing fields). scripts/kill-resume.sh does the
 * same with 20 kills; this is its reduced form: one kill in the loop, one just after a checkpoint write began, one
 * while a resumed process starts up. A second test resumes from the state a kill between the two renames of a
 * checkpoint write leaves (only {@code .checkpoint.previous}, a stale temporary folder, a line cut short).
 */
class KillResumeTest {

    private static final long STEPS = 20;
    /** How long a child may take; generous because the build machine is shared. */
    private static final long CHILD_SECONDS = 90;

    @TempDir
    static Path shared;

    private static Path reference;

    @TempDir
    Path directory;

    private static List<String> arguments(Path run, boolean resume) {
        List<String> all = new ArrayList<>(List.of("train", "--d", "2", "--layers", "1", "--hidden", "8",
                "--batch", "8", "--seed", "3", "--steps", Long.toString(STEPS), "--set", "checkpointEvery=1",
                "--set", "logEvery=1", "--set", "evaluationBatch=16", "--out", run.toString()));
        if (resume) {
            all.add("--resume");
        }
        return all;
    }

    @BeforeAll
    static void trainUninterrupted() throws Exception {
        reference = shared.resolve("reference");
        Path log = shared.resolve("reference.log");
        runToEnd(arguments(reference, false), log);
    }

    @Test
    void threeKillsAndResumesGiveTheBytesOfAnUninterruptedRun() throws Exception {
        Path run = directory.resolve("run");
        Path log = directory.resolve("killed.log");
        Random random = new Random(20261201);
        boolean hadCheckpoint = false;
        for (String kind : List.of("loop", "write", "start-up")) {
            long before = lastLogged(run);
            Process child = ChildTrain.start(arguments(run, hasCheckpoint(run)), log);
            try {
                switch (kind) {
                    case "loop" -> {
                        await(() -> lastLogged(run) > before, child, log);
                        Thread.sleep(random.nextInt(300));
                    }
                    case "write" -> {
                        await(() -> lastLogged(run) > before, child, log);
                        String temporary = ".checkpoint.tmp-" + child.pid() + "-";
                        await(() -> list(run).stream().anyMatch(name -> name.startsWith(temporary)), child, log);
                        Thread.sleep(random.nextInt(5));
                    }
                    default -> {
                        // The learner has started: reading the checkpoint, trimming metrics.jsonl, loading PyTorch.
                        await(() -> read(log).endsWith(" into " + run + System.lineSeparator())
                                || lastLogged(run) > before, child, log);
                        Thread.sleep(random.nextInt(200));
                    }
                }
                assertThat(child.isAlive()).as("the child is still training (%s kill); its output: %s", kind, read(log))
                        .isTrue();
            } finally {
                child.destroyForcibly(); // SIGKILL
                child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
            }
            if (hadCheckpoint) {
                assertThat(hasCheckpoint(run)).as("a kill (%s) never loses the checkpoint written before it", kind)
                        .isTrue();
            }
            hadCheckpoint = hasCheckpoint(run);
        }
        assertThat(hadCheckpoint).as("the kills left a checkpoint to resume").isTrue();

        runToEnd(arguments(run, true), log);

        assertSameRun(run);
    }

    @Test
    void resumeRestoresTheCheckpointLeftAsPreviousAndDropsWhatAKillLeft() throws Exception {
        Path run = directory.resolve("between-renames");
        copy(reference, run);
        // A kill between the renames of a checkpoint write: the old checkpoint is .checkpoint.previous and no
        // checkpoint/ exists; a kill of an earlier write left its temporary folder; the log ends in a cut line.
        Files.move(run.resolve("checkpoint"), run.resolve(".checkpoint.previous"));
        Path temporary = Files.createDirectory(run.resolve(".checkpoint.tmp-1-1"));
        Files.write(temporary.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":" + STEPS + ",\"lo", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        runToEnd(arguments(run, true), directory.resolve("resume.log"));

        assertSameRun(run);
    }

    private static void assertSameRun(Path run) throws IOException {
        for (String file : List.of("model.safetensors", "optimizer.safetensors", "training-state.json")) {
            assertThat(Files.readAllBytes(run.resolve("checkpoint").resolve(file)))
                    .as("checkpoint/%s equals the uninterrupted run's", file)
                    .isEqualTo(Files.readAllBytes(reference.resolve("checkpoint").resolve(file)));
        }
        assertThat(withoutTiming(run.resolve("metrics.jsonl")))
                .as("metrics.jsonl equals the uninterrupted run's apart from its timing fields")
                .isEqualTo(withoutTiming(reference.resolve("metrics.jsonl")));
        assertThat(list(run)).as("no temporary or previous checkpoint folder is left").isEqualTo(list(reference));
    }

    /** The log without stepsPerSecond and elapsedSeconds, which differ between any two runs. */
    private static List<String> withoutTiming(Path metrics) throws IOException {
        return Files.readAllLines(metrics, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceAll(",\"stepsPerSecond\":[^,]*,\"elapsedSeconds\":[^,]*", "")).toList();
    }

    private static void runToEnd(List<String> arguments, Path log) throws Exception {
        Process child = ChildTrain.start(arguments, log);
        try {
            assertThat(child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)).as("the run ends; %s", read(log)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as(read(log)).isEqualTo(Icl4j.OK);
    }

    private static void await(BooleanSupplier condition, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_SECONDS);
        while (!condition.getAsBoolean() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(condition.getAsBoolean()).as("the child got there; its output: %s", read(log)).isTrue();
    }

    private static boolean hasCheckpoint(Path run) {
        return Files.isRegularFile(run.resolve("checkpoint").resolve("config.json"))
                || Files.isRegularFile(run.resolve(".checkpoint.previous").resolve("config.json"));
    }

    /** @return the step of metrics.jsonl's last complete line, 0 when there is none */
    private static long lastLogged(Path run) {
        try {
            List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                java.util.regex.Matcher step = java.util.regex.Pattern.compile("^\\{\"step\":(\\d+),.*\\}$")
                        .matcher(lines.get(i));
                if (step.matches()) {
                    return Long.parseLong(step.group(1));
                }
            }
        } catch (IOException e) {
            // Not there yet, or replaced while being read.
        }
        return 0;
    }

    private static List<String> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static String read(Path log) {
        try {
            return ChildTrain.read(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
