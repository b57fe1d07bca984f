package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same training run in fresh JVMs gives the same bytes. The JVMs run with a small heap, the serial collector
 * and a thread that collects garbage every millisecond ({@link RepeatedTrainingMain}): before the forward pass
 * kept its constants alive until backward, every such run diverged from the others within the first 5 updates
 * (docs/TRAINING.md, "Determinism"); scripts/determinism.sh repeats this 50 times.
 */
class TrainingDeterminismTest {

    private static final String SPEC = "djl:preset=tiny,steps=25,seed=7,evaluationBatch=32,replicas=";
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "replicas {0}")
    @ValueSource(ints = {1, 2})
    void runsInFreshJvmsUnderGarbageCollectionStressWriteIdenticalWeightsAndOptimizerState(int replicas) throws Exception {
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(train(folder.resolve("run-" + i), SPEC + replicas));
        }
        for (String file : List.of("model.safetensors", "optimizer.safetensors")) {
            byte[] first = Files.readAllBytes(runs.get(0).resolve(DjlTransformerLearner.CHECKPOINT_DIRECTORY).resolve(file));
            byte[] second = Files.readAllBytes(runs.get(1).resolve(DjlTransformerLearner.CHECKPOINT_DIRECTORY).resolve(file));
            assertThat(first.length).as(file).isGreaterThan(1000);
            // Digests keep a failure's message short; equal digests of equal-length files mean equal bytes.
            assertThat(sha256(second)).as("SHA-256 of %s of the second run", file).isEqualTo(sha256(first));
            assertThat(second).as("%s of the second run", file).hasSameSizeAs(first);
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Path train(Path run, String spec) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = folder.resolve(run.getFileName() + ".log");
        Process process = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), RepeatedTrainingMain.class.getName(), run.toString(), spec)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the training JVM did not finish within " + TIMEOUT_SECONDS + " s");
        }
        assertThat(process.exitValue()).as("exit code of the training JVM; its output:%n%s",
                Files.readString(log, StandardCharsets.UTF_8)).isZero();
        return run;
    }
}
