package org.icl4j.formats.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.formats.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final TransformerConfig CONFIG =
            new TransformerConfig(2, 3, 1, 4, 2, 2, 8, BlockVariant.PRE_LN, Activation.GELU_TANH, 1e-5);

    @TempDir
    Path directory;

    /** Every value different (so a swapped or shifted tensor shows) and a function of the seed. */
    private static Map<String, Tensor> distinctWeights(long seed) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        int[] counter = {0};
        CONFIG.tensorShapes().forEach((name, shape) -> {
            Tensor tensor = Tensor.zeros(shape);
            for (int i = 0; i < tensor.size(); i++) {
                tensor.values()[i] = (float) (seed + 0.001 * ++counter[0]);
            }
            weights.put(name, tensor);
        });
        return weights;
    }

    private static Checkpoint checkpoint(long seed, boolean resumable) {
        Map<String, Tensor> weights = distinctWeights(seed);
        Checkpoint.ResumeState resume = null;
        if (resumable) {
            Map<String, Tensor> optimizer = new LinkedHashMap<>();
            weights.forEach((name, tensor) -> {
                optimizer.put("m." + name, Tensor.zeros(tensor.shape()));
                optimizer.put("v." + name, Tensor.zeros(tensor.shape()));
            });
            ObjectNode state = JsonNodeFactory.instance.objectNode().put("step", 17);
            resume = new Checkpoint.ResumeState(state, optimizer);
        }
        ObjectNode training = JsonNodeFactory.instance.objectNode().put("learningRate", 1e-4);
        return new Checkpoint(CONFIG, "linear:d=2,noise=0", training, Provenance.current(seed), weights, resume);
    }

    @Test
    void roundTripsEveryPart() throws IOException {
        Checkpoint written = checkpoint(1, true);
        Path target = directory.resolve("run/checkpoint");

        written.write(target);
        Checkpoint read = Checkpoint.read(target);

        assertThat(read.model()).isEqualTo(CONFIG);
        assertThat(read.task()).isEqualTo("linear:d=2,noise=0");
        assertThat(read.training().get("learningRate").doubleValue()).isEqualTo(1e-4);
        assertThat(read.provenance()).isEqualTo(written.provenance());
        assertThat(read.weights()).isEqualTo(written.weights());
        assertThat(read.resumeState().state().get("step").intValue()).isEqualTo(17);
        assertThat(read.resumeState().optimizer()).isEqualTo(written.resumeState().optimizer());
        assertThat(Checkpoint.read(target, false).resumeState()).isNull();
        assertThat(Files.list(target.getParent())).containsExactly(target);
        String config = Files.readString(target.resolve(Checkpoint.CONFIG_FILE));
        assertThat(config).contains("\"format\" : \"icl4j-checkpoint\"").contains("\"formatVersion\" : 1")
                .contains("\"created\"").contains("\"jvm\"");
    }

    @Test
    void replacesAnOlderCheckpointAndLeavesNoTemporaries() throws IOException {
        Path target = directory.resolve("checkpoint");
        checkpoint(1, true).write(target);
        Checkpoint newer = checkpoint(2, false);

        newer.write(target);

        assertThat(Checkpoint.read(target).weights()).isEqualTo(newer.weights());
        assertThat(Checkpoint.read(target).resumeState()).as("old optimizer file must not survive").isNull();
        assertThat(Files.list(directory)).containsExactly(target);
    }

    @Test
    void checkpointFolderGetsTheUsualPermissions() throws IOException {
        // The folder must get the permissions a new folder gets here, not a temporary folder's owner-only ones.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                directory.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path target = directory.resolve("checkpoint");
        checkpoint(1, false).write(target);
        Path plain = Files.createDirectory(directory.resolve("plain-new-folder"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void readsThePreviousCheckpointAfterACrashBetweenRenames() throws IOException {
        Path target = directory.resolve("checkpoint");
        Checkpoint old = checkpoint(1, false);
        old.write(target);
        // The state a writer leaves when it dies after moving the old checkpoint aside.
        Files.move(target, directory.resolve(".checkpoint.previous"));

        assertThat(Checkpoint.exists(target)).isTrue();
        assertThat(Checkpoint.read(target).weights()).isEqualTo(old.weights());
        Checkpoint newer = checkpoint(3, false);
        newer.write(target);
        assertThat(Checkpoint.read(target).weights()).isEqualTo(newer.weights());
        assertThat(Files.list(directory)).containsExactly(target);
    }

    @Test
    void recoverRenamesThePreviousCheckpointBackWhenNoneIsInPlace() throws IOException {
        Path target = directory.resolve("checkpoint");
        Checkpoint old = checkpoint(1, true);
        old.write(target);
        Files.move(target, directory.resolve(".checkpoint.previous"));
        Path unfinished = Files.createDirectory(directory.resolve(".checkpoint.tmp-99-abc"));
        Files.write(unfinished.resolve(Checkpoint.WEIGHTS_FILE), new byte[] {1, 2});

        Checkpoint.recover(target);

        assertThat(Files.list(directory)).containsExactly(target);
        assertThat(Checkpoint.read(target).weights()).isEqualTo(old.weights());
        assertThat(Checkpoint.read(target).resumeState().optimizer()).isEqualTo(old.resumeState().optimizer());
    }

    @Test
    void recoverKeepsTheCheckpointInPlaceAndDeletesAPreviousOneLeftBeside() throws IOException {
        Path target = directory.resolve("checkpoint");
        checkpoint(1, false).write(target);
        Path previous = directory.resolve(".checkpoint.previous");
        Files.move(target, previous);
        // A kill while the previous version was being deleted: part of it is gone, the new one is in place.
        Files.delete(previous.resolve(Checkpoint.WEIGHTS_FILE));
        Checkpoint newer = checkpoint(2, false);
        newer.write(directory.resolve("elsewhere"));
        Files.move(directory.resolve("elsewhere"), target);

        Checkpoint.recover(target);

        assertThat(Files.list(directory)).containsExactly(target);
        assertThat(Checkpoint.read(target).weights()).isEqualTo(newer.weights());
    }

    @Test
    void recoverChangesNothingWhereNoWriteWasCutShort() throws IOException {
        Path target = directory.resolve("checkpoint");
        Checkpoint.recover(target);
        assertThat(Files.list(directory)).isEmpty();
        Checkpoint written = checkpoint(4, true);
        written.write(target);
        byte[] weights = Files.readAllBytes(target.resolve(Checkpoint.WEIGHTS_FILE));

        Checkpoint.recover(target);

        assertThat(Files.list(directory)).containsExactly(target);
        assertThat(Files.readAllBytes(target.resolve(Checkpoint.WEIGHTS_FILE))).isEqualTo(weights);
    }

    @Test
    void refusesATruncatedWeightsFile() throws IOException {
        Path target = directory.resolve("checkpoint");
        checkpoint(1, false).write(target);
        Path weights = target.resolve(Checkpoint.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 10));

        assertThatThrownBy(() -> Checkpoint.read(target)).isInstanceOf(MalformedCheckpointException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("truncated")
                .hasMessageContaining("restore it or train again");
    }

    @Test
    void refusesWeightsThatDoNotMatchTheConfig() throws IOException {
        Path target = directory.resolve("checkpoint");
        checkpoint(1, false).write(target);
        Map<String, Tensor> weights = new LinkedHashMap<>(distinctWeights(1));
        weights.remove("final_norm.bias");
        weights.put("readout.weight", Tensor.zeros(4, 1));
        weights.put("extra", Tensor.zeros(1));
        Safetensors.write(target.resolve(Checkpoint.WEIGHTS_FILE), weights, Map.of());

        assertThatThrownBy(() -> Checkpoint.read(target)).isInstanceOf(MalformedCheckpointException.class)
                .hasMessageContaining("missing tensors [final_norm.bias]")
                .hasMessageContaining("unexpected tensors [extra]")
                .hasMessageContaining("'readout.weight' has shape [4, 1], expected [1, 4]");
    }

    @Test
    void refusesBadConfigFiles() throws IOException {
        Path target = directory.resolve("checkpoint");
        checkpoint(1, false).write(target);
        Path config = target.resolve(Checkpoint.CONFIG_FILE);
        String text = Files.readString(config);

        Files.writeString(config, text.replace("\"formatVersion\" : 1", "\"formatVersion\" : " + (Checkpoint.FORMAT_VERSION + 1)));
        assertThatThrownBy(() -> Checkpoint.read(target)).hasMessageContaining("written by a newer icl4j");
        Files.writeString(config, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Checkpoint.read(target)).isInstanceOf(MalformedCheckpointException.class)
                .hasMessageContaining("not valid JSON");
        Files.writeString(config, text.replace("\"hidden\" : 4", "\"hidden\" : 5"));
        assertThatThrownBy(() -> Checkpoint.read(target)).hasMessageContaining("has shape [4], expected [5]");
        Files.delete(config);
        assertThatThrownBy(() -> Checkpoint.read(target)).hasMessageContaining("not an icl4j checkpoint");
    }

    @Test
    void refusesHalfAResumeState() throws IOException {
        Path target = directory.resolve("checkpoint");
        checkpoint(1, true).write(target);
        Files.delete(target.resolve(Checkpoint.OPTIMIZER_FILE));

        assertThatThrownBy(() -> Checkpoint.read(target)).hasMessageContaining("needs both");
        assertThat(Checkpoint.read(target, false).weights()).hasSize(CONFIG.tensorShapes().size());
    }

    @Test
    void refusesNonFiniteWeights() {
        Map<String, Tensor> weights = distinctWeights(1);
        weights.get("input.bias").values()[2] = Float.NaN;

        assertThatThrownBy(() -> Checkpoint.validateWeights(CONFIG, weights))
                .hasMessageContaining("'input.bias' holds NaN at flat index 2");
    }
}
