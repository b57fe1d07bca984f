package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.icl4j.api.CancellationToken;
import org.icl4j.api.Spec;
import org.icl4j.api.TrainingListener;
import org.icl4j.api.TrainingRun;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code replicas} setting: two threads each take half the batch and add their gradients of their mean losses
 * into the same parameters' gradients, which the update halves.
 */
class DataParallelReplicasTest {

    private static final GaussianLinearTask TASK = new GaussianLinearTask(3, 0);

    /**
     * A small model; warmup=0, so the first update already moves; Adam's ε = 1 makes each update
     * about lr·g for these small gradients, so a gradient off by any factor moves the weights by that factor.
     */
    private static final String SMALL = "djl:steps=3,warmup=0,lr=0.1,epsilon=1,pairs=5,layers=2,hidden=8,heads=2,batch=8,"
            + "evaluationBatch=8,curriculumEvery=0,checkpointEvery=0,logEvery=1";

    private static Map<String, Tensor> trained(String spec, Path run) throws IOException {
        new DjlTransformerLearner(Spec.parse(spec)).train(TrainingRun.of(TASK, run));
        return Checkpoint.read(run.resolve("checkpoint")).weights();
    }

    /**
     * The batch's mean loss is the mean of its two halves' mean losses, so both replica counts take the same
     * updates up to float rounding: compared with how far the weights moved from their initial values, the two
     * runs' weights differ by less than 1e-3 (a gradient off by a factor of two would differ by the whole move).
     * With clip=0.01 every update is clipped, which tests the norm of the summed gradients too.
     */
    @ParameterizedTest(name = "clip {0}")
    @ValueSource(strings = {"0", "0.01"})
    void twoReplicasTakeTheUpdatesOfOne(String clip, @TempDir Path directory) throws IOException {
        String spec = SMALL + ",clip=" + clip;
        Map<String, Tensor> one = trained(spec + ",replicas=1", directory.resolve("one"));
        Map<String, Tensor> two = trained(spec + ",replicas=2", directory.resolve("two"));
        TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse(spec));
        TransformerConfig config = settings.modelConfig(TASK.dimension());
        Map<String, Tensor> initial = settings.model().initialisation().initialise(config, settings.run().seed());

        double moved = 0;
        double apart = 0;
        for (String name : initial.keySet()) {
            float[] start = initial.get(name).values();
            float[] a = one.get(name).values();
            float[] b = two.get(name).values();
            for (int i = 0; i < start.length; i++) {
                moved = Math.max(moved, Math.abs(a[i] - start[i]));
                apart = Math.max(apart, Math.abs(a[i] - b[i]));
            }
        }
        assertThat(moved).as("the updates moved the weights").isGreaterThan(1e-5);
        assertThat(apart).as("largest difference between the runs' weights").isLessThan(1e-3 * moved);
        assertThat(one).as("the rounding differs").isNotEqualTo(two);
    }

    @Test
    void twoReplicasGiveTheSameBytesRunAfterRun(@TempDir Path directory) throws IOException {
        String spec = SMALL.replace("steps=3", "steps=20") + ",replicas=2";
        trained(spec, directory.resolve("a"));
        trained(spec, directory.resolve("b"));
        for (String file : new String[] {Checkpoint.WEIGHTS_FILE, Checkpoint.OPTIMIZER_FILE}) {
            assertThat(Files.readAllBytes(directory.resolve("b/checkpoint").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(directory.resolve("a/checkpoint").resolve(file)));
        }
    }

    @Test
    void aResumedTwoReplicaRunEndsWithTheWeightsOfAnUninterruptedOne(@TempDir Path directory) throws IOException {
        String spec = SMALL.replace("steps=3", "steps=8").replace("checkpointEvery=0", "checkpointEvery=4")
                + ",replicas=2";
        Map<String, Tensor> straight = trained(spec, directory.resolve("straight"));

        Path interrupted = directory.resolve("interrupted");
        TrainingListener crashAtSix = new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, double loss, double learningRate) {
                if (step == 6) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> new DjlTransformerLearner(Spec.parse(spec))
                .train(new TrainingRun(TASK, interrupted, false, null, crashAtSix, CancellationToken.none())))
                .hasMessage("simulated crash");
        new DjlTransformerLearner(Spec.parse("djl"))
                .train(new TrainingRun(TASK, interrupted, true, null, TrainingListener.NONE, CancellationToken.none()));

        assertThat(Checkpoint.read(interrupted.resolve("checkpoint")).weights()).isEqualTo(straight);
        assertThatThrownBy(() -> new DjlTransformerLearner(Spec.parse("djl:replicas=1"))
                .train(new TrainingRun(TASK, interrupted, true, null, TrainingListener.NONE, CancellationToken.none())))
                .hasMessageContaining("replicas (the run has 2, found 1)");
    }

    @Test
    void replicasOutsideOneAndTwoOrThatDoNotDivideTheBatchAreRefused() {
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:replicas=3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicas must be 1 or 2").hasMessageContaining("found 3");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:replicas=0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
        assertThatThrownBy(() -> TrainingSettings.fromSpec(Spec.parse("djl:batch=9,replicas=2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must be a multiple of replicas (each replica takes an equal share), found batch 9 "
                        + "with replicas 2");
    }

    @Test
    void checkpointsThatRecordNoReplicasTrainedWithOne() {
        ObjectNode recorded = TrainingSettings.preset("quick").toJson();
        assertThat(recorded.get(TrainingSettings.REPLICAS).asText()).isEqualTo("2");
        recorded.remove(TrainingSettings.REPLICAS);
        assertThat(TrainingSettings.fromJson(recorded).optimiser().replicas()).isEqualTo(1);
    }
}
