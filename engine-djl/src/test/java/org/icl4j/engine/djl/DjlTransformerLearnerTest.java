package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.icl4j.api.CancellationToken;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.TrainingListener;
import org.icl4j.api.TrainingOutcome;
import org.icl4j.api.TrainingRun;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.transformer.ReferenceTransformer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlTransformerLearnerTest {

    private static final GaussianLinearTask TASK = new GaussianLinearTask(2, 0);

    /** One tiny run shared by the tests that only read it (training is the slow part). */
    @TempDir
    static Path shared;

    private static Path tinyRun;
    private static long tinySeconds;

    @BeforeAll
    static void trainTiny() throws IOException {
        tinyRun = shared.resolve("tiny");
        long began = System.nanoTime();
        DjlTransformerLearner learner = new DjlTransformerLearner(Spec.parse("djl:preset=tiny"));
        TrainingOutcome outcome = learner.train(TrainingRun.of(TASK, tinyRun).withBaseline(new LeastSquaresForTests()));
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.checkpoint()).isEqualTo(tinyRun.resolve("checkpoint"));
        assertThat(outcome.stepsDone()).isEqualTo(1500);
        assertThat(outcome.totalSteps()).isEqualTo(1500);
        assertThat(outcome.settings()).isEqualTo(TrainingSettings.preset("tiny").values());
        assertThat(Double.isFinite(outcome.finalLoss())).isTrue();
        tinySeconds = (System.nanoTime() - began) / 1_000_000_000L;
    }

    private static double meanSquaredError(float[] predictions, EpisodeBatch episodes) {
        double sum = 0;
        for (int i = 0; i < predictions.length; i++) {
            double error = predictions[i] - episodes.ys()[i];
            sum += error * error;
        }
        return sum / predictions.length;
    }

    private static float[] averaging(EpisodeBatch episodes) {
        int n = episodes.length();
        int d = episodes.dimension();
        float[] predictions = new float[episodes.batch() * n];
        for (int b = 0; b < episodes.batch(); b++) {
            double[] sum = new double[d];
            for (int k = 0; k < n; k++) {
                double prediction = 0;
                for (int j = 0; j < d && k > 0; j++) {
                    prediction += sum[j] / k * episodes.x(b, k, j);
                }
                predictions[b * n + k] = (float) prediction;
                for (int j = 0; j < d; j++) {
                    sum[j] += episodes.y(b, k) * episodes.x(b, k, j);
                }
            }
        }
        return predictions;
    }

    @Test
    void aTinyRunBeatsTheZeroPredictorAndAveragingOnHeldOutTasks() throws IOException {
        EpisodeBatch heldOut = TASK.sample(512, 8, new Rng(12345));
        try (Estimator model = new DjlEngine().load(tinyRun)) {
            double modelError = meanSquaredError(model.predictPrefixes(heldOut), heldOut);
            double zeroError = meanSquaredError(new float[heldOut.ys().length], heldOut);
            double averagingError = meanSquaredError(averaging(heldOut), heldOut);

            assertThat(modelError).as("model vs zero (%.3f) and averaging (%.3f); trained in %d s", zeroError,
                    averagingError, tinySeconds).isLessThan(0.8 * zeroError).isLessThan(averagingError);
        }
        List<String> lines = Files.readAllLines(tinyRun.resolve("metrics.jsonl"));
        assertThat(lines).anyMatch(line -> line.contains("\"evaluation\"") && line.contains("spdOverDAtKAtLeastD"));
        assertThat(lines).anyMatch(line -> line.startsWith("{\"step\":1500,\"loss\""));
    }

    @Test
    void savedModelsLoadWithIdenticalPredictionsAndMatchTheReference() throws IOException {
        EpisodeBatch episodes = TASK.sample(16, 8, new Rng(9));
        try (DjlTransformerEstimator first = DjlTransformerEstimator.load(tinyRun, ai.djl.Device.cpu());
                DjlTransformerEstimator second = DjlTransformerEstimator.load(tinyRun.resolve("checkpoint"),
                        ai.djl.Device.cpu())) {
            float[] predictions = first.predictPrefixes(episodes);
            assertThat(second.predictPrefixes(episodes)).containsExactly(predictions);
            assertThat(first.name()).isEqualTo("djl-transformer:tiny");
            float[] reference = ReferenceTransformer.load(tinyRun.resolve("checkpoint")).predictPrefixes(episodes);
            for (int i = 0; i < predictions.length; i++) {
                // float32 engine against the double reference: see DjlTransformerTest.
                assertThat((double) predictions[i]).isCloseTo(reference[i], within(1e-4));
            }
            HiddenStates hidden = first.hiddenStates(episodes);
            assertThat(hidden.layers()).isEqualTo(3);
            assertThat(hidden.tokens()).isEqualTo(15);
            assertThat(hidden.hidden()).isEqualTo(32);
        }
    }

    @Test
    void predictionsAreCausal() throws IOException {
        EpisodeBatch episodes = TASK.sample(2, 8, new Rng(3));
        try (Estimator model = new DjlEngine().load(tinyRun)) {
            float[] predictions = model.predictPrefixes(episodes);
            for (int k = 0; k < 8; k++) {
                float[] ys = episodes.ys().clone();
                float[] xs = episodes.xs().clone();
                for (int j = k; j < 8; j++) {
                    ys[j] += 3;
                    if (j > k) {
                        xs[j * 2] += 1;
                    }
                }
                float[] changed = model.predictPrefixes(EpisodeBatch.of(2, 8, 2, xs, ys));
                assertThat(Arrays.copyOfRange(changed, 0, k + 1)).containsExactly(Arrays.copyOfRange(predictions, 0, k + 1));
                assertThat(Arrays.copyOfRange(changed, 8, 16)).containsExactly(Arrays.copyOfRange(predictions, 8, 16));
            }
        }
    }

    private static final String SMALL = "djl:steps=8,lr=0.001,checkpointEvery=4,pairs=4,layers=1,hidden=8,heads=2,batch=8,"
            + "evaluationBatch=8,logEvery=1";

    private static TrainingOutcome train(String spec, Path run, boolean resume, TrainingListener listener,
            CancellationToken token) throws IOException {
        return new DjlTransformerLearner(Spec.parse(spec))
                .train(new TrainingRun(TASK, run, resume, null, listener, token));
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne(@TempDir Path directory) throws IOException {
        Path straight = directory.resolve("straight");
        train(SMALL, straight, false, TrainingListener.NONE, CancellationToken.none());

        Path interrupted = directory.resolve("interrupted");
        TrainingListener crashAfterFive = new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, double loss, double learningRate) {
                if (step == 6) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> train(SMALL, interrupted, false, crashAfterFive, CancellationToken.none()))
                .hasMessage("simulated crash");
        assertThat(Checkpoint.read(interrupted.resolve("checkpoint")).resumeState().state().get("step").asLong())
                .isEqualTo(4);
        assertThatThrownBy(() -> train(SMALL, interrupted, false, TrainingListener.NONE, CancellationToken.none()))
                .hasMessageContaining("pass --resume");
        // Resuming needs no settings: the run's are in its checkpoint.
        TrainingOutcome resumed = train("djl", interrupted, true, TrainingListener.NONE, CancellationToken.none());
        assertThat(resumed.startStep()).isEqualTo(4);
        assertThat(resumed.completed()).isTrue();

        Checkpoint a = Checkpoint.read(straight.resolve("checkpoint"));
        Checkpoint b = Checkpoint.read(interrupted.resolve("checkpoint"));
        assertThat(b.weights()).isEqualTo(a.weights());
        assertThat(b.resumeState().optimizer()).isEqualTo(a.resumeState().optimizer());
        assertThat(Files.readAllLines(interrupted.resolve("metrics.jsonl")))
                .hasSameSizeAs(Files.readAllLines(straight.resolve("metrics.jsonl")));

        assertThatThrownBy(() -> train("djl:lr=0.01", interrupted, true, TrainingListener.NONE, CancellationToken.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr (the run has 0.001, found 0.01)");
    }

    @Test
    void settingsGivenAgainOnResumeAreCheckedAgainstTheRunNotThePreset(@TempDir Path directory) throws IOException {
        // The run sets curriculumPairsStart=2; the resume's spec does not, and is compared with the run's 2, not with
        // the tiny preset's 6 (which would be a changed setting).
        String spec = "djl:steps=2,pairs=3,curriculumPairsStart=2,layers=1,hidden=8,heads=2,batch=4,evaluationBatch=4";
        Path run = directory.resolve("short");
        train(spec, run, false, TrainingListener.NONE, CancellationToken.none());

        TrainingOutcome again = train("djl:pairs=3,steps=3", run, true, TrainingListener.NONE, CancellationToken.none());

        assertThat(again.stepsDone()).isEqualTo(3);
        TrainingOutcome fresh = new DjlTransformerLearner(Spec.parse("djl:pairs=3,steps=2,layers=1,hidden=8,heads=2,batch=4,"
                + "evaluationBatch=4,lr=0.01")).train(TrainingRun.of(TASK, directory.resolve("new")));
        assertThat(fresh.settings()).as("a new run starts from the preset").containsEntry("lr", "0.01")
                .containsEntry("curriculumPairsStart", TrainingSettings.preset("tiny").values().get("curriculumPairsStart"));
    }

    @Test
    void aCancelledRunStopsAfterTheUpdateInFlightWithACheckpointThatResumesExactly(@TempDir Path directory)
            throws IOException {
        Path straight = directory.resolve("straight");
        train(SMALL, straight, false, TrainingListener.NONE, CancellationToken.none());

        Path stopped = directory.resolve("stopped");
        CancellationToken token = new CancellationToken();
        TrainingListener cancelAtFive = new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, double loss, double learningRate) {
                if (step == 5) {
                    token.cancel();
                }
            }
        };
        TrainingOutcome outcome = train(SMALL, stopped, false, cancelAtFive, token);

        assertThat(outcome.status()).isEqualTo(TrainingOutcome.Status.CANCELLED);
        assertThat(outcome.stepsDone()).isEqualTo(5);
        assertThat(outcome.stopMessage()).startsWith("training stopped by a request to exit after update 5 of 8");
        assertThat(Checkpoint.read(stopped.resolve("checkpoint")).resumeState().state().get("step").asLong())
                .isEqualTo(5);

        CancellationToken already = new CancellationToken();
        already.cancel();
        TrainingOutcome none = train(SMALL, directory.resolve("never"), false, TrainingListener.NONE, already);
        assertThat(none.checkpoint()).as("cancelled before its first update").isNull();
        assertThat(none.stopMessage()).endsWith("nothing was written");

        train("djl", stopped, true, TrainingListener.NONE, CancellationToken.none());
        assertThat(Checkpoint.read(stopped.resolve("checkpoint")).weights())
                .isEqualTo(Checkpoint.read(straight.resolve("checkpoint")).weights());
    }

    @Test
    void aLargerStepsExtendsAFinishedRunOnTheScheduleOfTheNewSteps(@TempDir Path directory) throws IOException {
        String four = SMALL.replace("steps=8", "steps=4");
        Path finished = directory.resolve("finished");
        train(four, finished, false, TrainingListener.NONE, CancellationToken.none());
        List<String> firstFour = Files.readAllLines(finished.resolve("metrics.jsonl"));
        Path copy = directory.resolve("copy");
        copyFolder(finished, copy);
        Path fourUpdates = directory.resolve("four-updates");
        copyFolder(finished.resolve("checkpoint"), fourUpdates);

        TrainingOutcome extended = train("djl:steps=8", finished, true, TrainingListener.NONE, CancellationToken.none());
        train("djl:steps=8", copy, true, TrainingListener.NONE, CancellationToken.none());

        assertThat(extended.startStep()).isEqualTo(4);
        assertThat(extended.stepsDone()).isEqualTo(8);
        assertThat(extended.settings()).containsEntry("steps", "8");
        List<String> lines = Files.readAllLines(finished.resolve("metrics.jsonl"));
        assertThat(lines.subList(0, firstFour.size())).as("the updates already done are kept").isEqualTo(firstFour);
        // Updates 5 … 8 follow the warm-up + half-cosine schedule over 8 updates: W = round(0.1 · 8) = 1 and
        // lr(u) = 0.001 · ½(1 + cos(π (u − 1)/7)).
        List<Double> rates = new ArrayList<>();
        for (String line : lines.subList(firstFour.size(), lines.size())) {
            if (line.contains("\"loss\"")) {
                rates.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("lr").asDouble());
            }
        }
        assertThat(rates).hasSize(4);
        for (int i = 0; i < 4; i++) {
            long u = 5 + i;
            assertThat(rates.get(i)).isCloseTo(0.001 * 0.5 * (1 + Math.cos(Math.PI * (u - 1) / 7.0)), within(1e-15));
        }
        // Deterministic: the same extension of the same run gives the same model and optimiser state.
        Checkpoint a = Checkpoint.read(finished.resolve("checkpoint"));
        Checkpoint b = Checkpoint.read(copy.resolve("checkpoint"));
        assertThat(b.weights()).isEqualTo(a.weights());
        assertThat(b.resumeState().optimizer()).isEqualTo(a.resumeState().optimizer());
        assertThat(a.training().get("steps").asText()).isEqualTo("8");

        // What it equals, built another way: an 8-update run stopped after update 4, its weights and Adam moments
        // replaced by those of the finished 4-update run, then resumed as an ordinary 8-update run.
        Path stopped = directory.resolve("stopped");
        CancellationToken token = new CancellationToken();
        train(SMALL, stopped, false, new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, double loss, double learningRate) {
                if (step == 4) {
                    token.cancel();
                }
            }
        }, token);
        Path stoppedCheckpoint = stopped.resolve("checkpoint");
        assertThat(Checkpoint.read(stoppedCheckpoint).weights()).as("a different schedule gave other weights")
                .isNotEqualTo(Checkpoint.read(fourUpdates).weights());
        for (String file : List.of(Checkpoint.WEIGHTS_FILE, Checkpoint.OPTIMIZER_FILE)) {
            Files.copy(fourUpdates.resolve(file), stoppedCheckpoint.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        train("djl", stopped, true, TrainingListener.NONE, CancellationToken.none());
        Checkpoint assembled = Checkpoint.read(stoppedCheckpoint);
        assertThat(assembled.weights()).isEqualTo(a.weights());
        assertThat(assembled.resumeState().optimizer()).isEqualTo(a.resumeState().optimizer());

        assertThatThrownBy(() -> train("djl:steps=6", finished, true, TrainingListener.NONE, CancellationToken.none()))
                .hasMessageContaining("steps (the run has 8, found 6)");
        TrainingOutcome again = train("djl", finished, true, TrainingListener.NONE, CancellationToken.none());
        assertThat(again.completed()).isTrue();
        assertThat(again.startStep()).isEqualTo(8);
        assertThat(Checkpoint.read(finished.resolve("checkpoint")).weights()).isEqualTo(a.weights());
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    @Test
    void aCorruptedCheckpointIsRefused(@TempDir Path directory) throws IOException {
        Path copy = directory.resolve("copy");
        Files.createDirectories(copy);
        for (String file : List.of(Checkpoint.CONFIG_FILE, Checkpoint.WEIGHTS_FILE)) {
            Files.copy(tinyRun.resolve("checkpoint").resolve(file), copy.resolve(file));
        }
        byte[] weights = Files.readAllBytes(copy.resolve(Checkpoint.WEIGHTS_FILE));
        Files.write(copy.resolve(Checkpoint.WEIGHTS_FILE), Arrays.copyOf(weights, weights.length / 2));

        assertThatThrownBy(() -> new DjlEngine().load(copy)).isInstanceOf(MalformedCheckpointException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void theCurriculumZeroesUnusedFeaturesAndRemovesThemFromTheLabels() {
        TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse(
                "djl:curriculumEvery=10,curriculumDimStart=1,curriculumPairsStart=3,curriculumPairsIncrement=2,batch=4"));
        GaussianLinearTask wide = new GaussianLinearTask(3, 0);

        EpisodeBatch first = DjlTransformerLearner.episodes(settings, wide, 0);
        EpisodeBatch later = DjlTransformerLearner.episodes(settings, wide, 25);

        assertThat(first.length()).isEqualTo(3);
        assertThat(later.length()).isEqualTo(7);
        for (int b = 0; b < 4; b++) {
            for (int k = 0; k < 3; k++) {
                assertThat(first.x(b, k, 1)).isZero();
                assertThat(first.x(b, k, 2)).isZero();
                // Noise-free task: y must be w₀x₀ alone.
                assertThat((double) first.y(b, k)).isCloseTo(first.ws()[b * 3] * first.x(b, k, 0), within(1e-5));
            }
            for (int k = 0; k < 7; k++) {
                assertThat(later.x(b, k, 2)).as("d = 1 + 2 stages = 3 at step 25").isNotZero();
            }
        }
    }
}
