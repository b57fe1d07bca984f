package org.icl4j.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.RunId;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.Settings;
import org.icl4j.experiment.UsedRun;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.harness.Icl4j;
import org.icl4j.harness.Progress;
import org.icl4j.harness.probe.ProbeRequest;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe run step over a small random checkpoint: its series, files, settings and resumption. */
class ProbeStepTest {

    /** d = 2, n = 6, 2 blocks of width 16: layers 0 (embedding), 1 and 2, prefixes k = 1 … 5. */
    private static final TransformerConfig CONFIG = TransformerConfig.of(2, 6, 2, 16, 2, HeadSizeConvention.STANDARD,
            BlockVariant.AUTHORS);
    private static final int LAYERS = 3;
    private static final int K = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static Icl4j icl4j;
    private static UsedRun training;

    @BeforeAll
    static void writeACheckpoint() throws Exception {
        Path folder = Files.createDirectories(directory.resolve("train"));
        RandomCheckpoints.write(folder.resolve("checkpoint"), CONFIG, 3);
        training = new UsedRun(new RunId("train-0000000000000001"), "train", Settings.empty(), folder, RunResult.empty());
        icl4j = Icl4j.builder().build();
    }

    private static RunRequest request(String name, Map<String, Object> settings, boolean resume) throws Exception {
        Path folder = Files.createDirectories(directory.resolve(name));
        return new RunRequest(RunId.of("probe", Settings.of(Map.of("test", name)), Optional.of(training.id())), "probe",
                Settings.of(settings), folder, Optional.of(training), resume);
    }

    private static Map<String, Object> settings(Object... keysAndValues) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return settings;
    }

    @Test
    void givesEveryProbeAndTargetOneFiniteErrorPerLayerAndWritesEveryNumber() throws Exception {
        RunRequest request = request("both", settings("episodes", 400, "heldOut", 200, "targets", List.of("xty", "w-ols"),
                "probes", List.of("last-linear", "attention-linear"), "steps", 5, "seed", 3,
                "task", Map.of("name", "linear", "d", 2, "noise", 0.5)), false);

        RunResult result = new ProbeStep(icl4j, null).run(request, new Cancellation());

        assertThat(result.names()).containsExactly("error/attention-linear/w-ols", "error/attention-linear/xty",
                "error/last-linear/w-ols", "error/last-linear/xty");
        for (String name : result.names()) {
            double[] errors = result.series(name).orElseThrow();
            assertThat(errors).as(name).hasSize(LAYERS);
            for (double error : errors) {
                assertThat(error).as(name).isFinite().isPositive();
            }
        }
        // Layer 0 at prefix K is the embedding of token 2K − 1 = [y_{K−1}, 0], a function of y_{K−1} alone. Flipping
        // the inputs' signs keeps both targets and flips y; flipping w flips both: so their mean given y_{K−1} is 0,
        // and no read-out of that token beats the training mean (1, plus a little overfitting). Label noise, being
        // symmetric, changes none of this.
        for (String target : List.of("xty", "w-ols")) {
            assertThat(result.series("error/last-linear/" + target).orElseThrow()[0]).as(target).isBetween(0.9, 1.15);
        }

        List<String> rows = Files.readAllLines(request.folder().resolve(ProbeStep.TABLE));
        assertThat(rows.get(0)).isEqualTo("role,model,probe,target,layer,k,normalised_error,squared_error,baseline");
        assertThat(rows).hasSize(1 + 2 * 2 * LAYERS * K);
        // The series are the CSV's normalised error at k = K, layer by layer.
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            if (Integer.parseInt(cells[5]) == K) {
                double[] series = result.series("error/" + cells[2] + "/" + cells[3]).orElseThrow();
                assertThat(series[Integer.parseInt(cells[4])]).as(row).isEqualTo(Double.parseDouble(cells[6]));
                assertThat(Double.parseDouble(cells[6])).isCloseTo(Double.parseDouble(cells[7]) / Double.parseDouble(cells[8]),
                        within(1e-12));
            }
        }
        JsonNode summary = JSON.readTree(request.folder().resolve(ProbeStep.SUMMARY).toFile());
        assertThat(summary.path("trainEpisodes").asInt()).isEqualTo(200);
        assertThat(summary.path("heldOutEpisodes").asInt()).isEqualTo(200);
        assertThat(summary.path("k").asInt()).isEqualTo(K);
        assertThat(summary.path("pairs").asInt()).isEqualTo(6);
        assertThat(summary.path("episodeSeed").asLong()).isEqualTo(EvaluateStep.EPISODE_SEED_OFFSET + 3);
        assertThat(summary.path("task").asText()).isEqualTo("linear:d=2,noise=0.5,tau=1.0");
        assertThat(summary.path("probes").get(0).path("resolved").asText()).isEqualTo("last-linear");
        assertThat(summary.path("probes").get(1).path("resolved").asText()).isEqualTo("attention-linear:steps=5,seed=3");
        assertThat(summary.path("errors")).isEqualTo(result.toJson());
        assertThat(request.folder().resolve(ProbeStep.SCORES)).doesNotExist();
    }

    @Test
    void aResumedRunKeepsTheScoresItsInterruptedAttemptFinished() throws Exception {
        Map<String, Object> settings = settings("episodes", 100, "targets", List.of("w-ols"), "probes", List.of("last-linear"),
                "seed", 1);
        RunResult fresh = new ProbeStep(icl4j, null).run(request("fresh", settings, false), new Cancellation());

        // What an attempt interrupted after layer 2 leaves: the scores kept so far, as the step's request keeps them
        // (80 + 20 episodes, seed 1 000 001). Layer 2 was not finished; layer 1's score is a marker that only reading
        // it back can put into the series.
        RunRequest request = request("resumed", settings, true);
        Path kept = request.folder().resolve(ProbeStep.SCORES).resolve("0-last-linear");
        icl4j.probe(new ProbeRequest(training.folder(), null, "w-ols", "last-linear", null, null, null, 80, 20, 64,
                EvaluateStep.EPISODE_SEED_OFFSET + 1, null, kept), Progress.NONE);
        Files.delete(kept.resolve("model-w-ols-layer-2.json"));
        Files.writeString(kept.resolve("model-w-ols-layer-1.json"),
                "{\"squaredError\": [0.1, 0.2, 0.3, 0.4, 0.5], \"baseline\": [1, 1, 1, 1, 2]}");

        RunResult resumed = new ProbeStep(icl4j, null).run(request, new Cancellation());

        double[] expected = fresh.series("error/last-linear/w-ols").orElseThrow();
        expected[1] = 0.5 / 2;
        assertThat(resumed.series("error/last-linear/w-ols").orElseThrow()).containsExactly(expected);
        JsonNode summary = JSON.readTree(request.folder().resolve(ProbeStep.SUMMARY).toFile());
        assertThat(summary.path("probes").get(0).path("scoresReused").asInt()).isEqualTo(2);
        assertThat(request.folder().resolve(ProbeStep.SCORES)).doesNotExist();
    }

    @Test
    void aCancelledRunStopsBeforeTrainingAnyProbe() throws Exception {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        RunRequest request = request("cancelled", settings("episodes", 40, "probes", List.of("last-linear"), "seed", 0), false);
        assertThatThrownBy(() -> new ProbeStep(icl4j, null).run(request, cancellation))
                .isInstanceOf(CancellationException.class).hasMessageContaining("stopped by a request to exit");
        assertThat(request.folder().resolve(ProbeStep.TABLE)).doesNotExist();
    }

    @Test
    void refusesUnreadSettingsAMissingTrainingARepeatedProbeAndATargetThatNeverVaries() throws Exception {
        ProbeStep step = new ProbeStep(icl4j, null);
        RunRequest typo = request("typo", settings("episodes", 40, "probe", List.of("last-linear"), "seed", 0), false);
        assertThatThrownBy(() -> step.run(typo, new Cancellation())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a probe run does not read setting probe; it reads ");
        RunRequest alone = new RunRequest(RunId.of("probe", Settings.empty(), Optional.empty()), "probe",
                Settings.of(settings("episodes", 40, "seed", 0)), typo.folder(), Optional.empty(), false);
        assertThatThrownBy(() -> step.run(alone, new Cancellation())).hasMessageContaining("uses: in its stage");
        RunRequest twice = request("twice", settings("episodes", 40, "probes", List.of("last-linear", "last-linear"),
                "seed", 0), false);
        assertThatThrownBy(() -> step.run(twice, new Cancellation())).hasMessageContaining("listed twice");
        RunRequest few = request("few", settings("episodes", 1, "seed", 0), false);
        assertThatThrownBy(() -> step.run(few, new Cancellation())).hasMessageContaining("episodes >= 2");
        // On the fixed task w = (1, 1) the target w never varies: its error has nothing to be normalised by.
        RunRequest fixed = request("fixed", settings("episodes", 40, "targets", List.of("xty", "w"),
                "probes", List.of("last-linear"), "task", Map.of("name", "linear", "d", 2, "w", "ones"), "seed", 0), false);
        assertThatThrownBy(() -> step.run(fixed, new Cancellation())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("probe target 'w' is the same in every held-out episode at k = 5");
    }

    @Test
    void theStandardStepsRunEveryKindASpecMayUse() {
        RunSteps steps = RunSteps.standard(icl4j, null);
        assertThat(steps.kinds()).containsExactlyInAnyOrderElementsOf(ExperimentSpec.KINDS);
        assertThat(steps.missingKinds()).isEmpty();
    }
}
