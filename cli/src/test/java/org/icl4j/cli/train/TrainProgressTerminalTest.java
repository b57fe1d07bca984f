package org.icl4j.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl4j train} on a real terminal: a JVM started under util-linux {@code script}, which gives it a
 * pseudo-terminal of 80 columns, so that the progress bar is drawn as a user sees it.
 */
class TrainProgressTerminalTest {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path directory;

    @Test
    void evaluationsScrollAboveTheBarAndTheBarFitsEightyColumns() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is not installed");
        Path run = directory.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", "stty cols 80 rows 24;", "exec", quote(java), "-Dai.djl.offline=true",
                "-Djava.awt.headless=true", "-cp", quote(System.getProperty("java.class.path")), "org.icl4j.cli.Icl4j",
                "train", "--d", "2", "--steps", "30", "--layers", "1", "--hidden", "8", "--set", "evaluationBatch=8",
                "--set", "evaluateEvery=10", "--set", "logEvery=5", "--out", quote(run.toString()));
        Path transcript = directory.resolve("transcript");
        Process process = new ProcessBuilder(SCRIPT.toString(), "-qfec", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(transcript.toFile()).start();
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("train finished").isTrue();
        String output = Files.readString(transcript, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();

        // What the terminal ends up showing on each line: the text after the last carriage return, with the
        // erase-line sequence removed.
        List<String> shown = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] drawn = line.replace("\u001b[2K", "").split("\r");
            String last = "";
            for (String part : drawn) {
                if (!part.isEmpty()) {
                    last = part;
                }
            }
            shown.add(last);
        }
        List<String> evaluations = shown.stream().filter(line -> line.contains("SPD/d vs ols (k>=d)")).toList();
        assertThat(evaluations).as(output).hasSize(3);
        assertThat(evaluations).allSatisfy(line -> assertThat(line).startsWith("step "));
        assertThat(evaluations).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("step 10", "step 20", "step 30");

        // Every drawing of the bar, wherever it landed, fits 80 columns (colour escape sequences take none) and still
        // shows the loss and the update count.
        List<String> bars = new ArrayList<>();
        for (String part : output.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").split("[\r\n]")) {
            if (part.startsWith("train ")) {
                bars.add(part);
            }
        }
        assertThat(bars).as(output).isNotEmpty();
        assertThat(bars).allSatisfy(bar -> {
            assertThat(bar.codePointCount(0, bar.length())).isLessThanOrEqualTo(80);
            assertThat(bar).contains("loss ").contains("/30");
        });
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
