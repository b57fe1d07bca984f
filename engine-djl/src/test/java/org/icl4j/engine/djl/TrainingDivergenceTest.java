package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.api.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging run stops with the update, the last finite loss and what to try, and keeps its last checkpoint. */
class TrainingDivergenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    /**
     * Labels of 1e30 from update {@code from} on: the squared error, 1e60, is beyond float32's range, while the
     * updates before are ordinary.
     */
    private static final class HugeLabelsFrom implements Task {
        private final GaussianLinearTask task = new GaussianLinearTask(2, 0);
        private final long from;
        private long calls;

        HugeLabelsFrom(long from) {
            this.from = from;
        }

        @Override
        public String name() {
            return "huge-labels";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public EpisodeBatch sample(int batch, int length, Rng random) {
            // Call 0 draws the held-out evaluation episodes, call u the episodes of update u.
            EpisodeBatch episodes = task.sample(batch, length, random);
            if (calls++ >= from) {
                java.util.Arrays.fill(episodes.ys(), 1e30f);
            }
            return episodes;
        }
    }

    @Test
    void aNonFiniteLossNamesTheUpdateAndTheLastFiniteLossAndKeepsTheLastCheckpoint() throws IOException {
        Path run = folder.resolve("run");
        DjlTransformerLearner learner = new DjlTransformerLearner(TrainingSettings.fromSpec(
                Spec.parse("djl:preset=tiny,steps=10,checkpointEvery=1,logEvery=1,evaluationBatch=8")));

        assertThatThrownBy(() -> learner.train(TrainingRun.of(new HugeLabelsFrom(4), run)))
                .isInstanceOf(IllegalStateException.class)
                // 1e30 labels also enter the tokens, so the forward pass may give NaN rather than Infinity.
                .hasMessageMatching("training diverged at update 4 \\(loss (NaN|Infinity)\\); .*")
                .hasMessageContaining("; the last finite loss was " + lossLogged(run, 3) + " at update 3; the checkpoint "
                        + "of update 3 in " + run.resolve("checkpoint") + " is kept.")
                .hasMessageContaining("lower lr (now 0.003)")
                .hasMessageContaining("warm-up")
                .hasMessageContaining("clip");

        Checkpoint kept = Checkpoint.read(run.resolve("checkpoint"));
        assertThat(kept.resumeState().state().path("step").asLong()).isEqualTo(3);
        assertThat(allFinite(kept)).isTrue();
    }

    @Test
    void weightsMadeNonFiniteByAnUpdateAreNeverWrittenToACheckpoint() {
        Path run = folder.resolve("run");
        // A learning rate beyond float32's range turns the first update's step into ±Infinity (or NaN where the
        // step is 0); the loss of that update, computed before it, is finite.
        DjlTransformerLearner learner = new DjlTransformerLearner(TrainingSettings.fromSpec(
                Spec.parse("djl:preset=tiny,steps=3,lr=1e300,warmup=0,clip=0,checkpointEvery=1,evaluationBatch=8")));

        assertThatThrownBy(() -> learner.train(TrainingRun.of(new GaussianLinearTask(2, 0), run)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("training diverged at update 1 (the weights or Adam moments after it are not "
                        + "finite); the last finite loss was ")
                .hasMessageContaining("no checkpoint was written")
                .hasMessageContaining("gradient clipping (clip now 0.0, e.g. --set clip=1)");
        assertThat(Checkpoint.exists(run.resolve("checkpoint"))).isFalse();
    }

    private static double lossLogged(Path run, long step) throws IOException {
        for (String line : Files.readAllLines(run.resolve(DjlTransformerLearner.METRICS_FILE), StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            if (node.path("step").asLong() == step && node.has("loss")) {
                return node.get("loss").asDouble();
            }
        }
        throw new AssertionError("no loss logged for step " + step);
    }

    private static boolean allFinite(Checkpoint checkpoint) {
        for (Tensor tensor : checkpoint.weights().values()) {
            for (float value : tensor.values()) {
                if (!Float.isFinite(value)) {
                    return false;
                }
            }
        }
        return true;
    }
}
