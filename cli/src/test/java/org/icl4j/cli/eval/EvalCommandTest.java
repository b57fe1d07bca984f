package org.icl4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    @TempDir
    Path directory;

    @Test
    void reportsATrainedModelOnItsOwnTaskAndLength() throws Exception {
        Path run = directory.resolve("run");
        CliRunner.Result trained = CliRunner.run("train", "--d", "2", "--pairs", "5", "--steps", "4", "--layers", "1",
                "--hidden", "8", "--set", "evaluationBatch=8", "--out", run.toString());
        assertThat(trained.exitCode()).as(trained.err()).isEqualTo(Icl4j.OK);
        Path report = directory.resolve("report");

        CliRunner.Result result = CliRunner.run("eval", "--model", run.toString(), "--estimators", "ols,averaging",
                "--episodes", "16", "--out", report.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        JsonNode results = new ObjectMapper().readTree(Files.readString(report.resolve("results.json")));
        String text = results.toString();
        assertThat(text).contains("djl-transformer:run").contains("ols").contains("averaging");
        assertThat(text).contains("\"d\":2").contains("\"n\":5");
    }

    @Test
    void onANoisyTaskTrainingAndEvaluationMeasureAgainstTheBayesPredictor() throws Exception {
        Path run = directory.resolve("noisy");
        CliRunner.Result trained = CliRunner.run("train", "--d", "2", "--noise", "0.5", "--pairs", "5", "--steps", "4",
                "--layers", "1", "--hidden", "8", "--set", "evaluationBatch=8",
                "--out", run.toString());
        assertThat(trained.exitCode()).as(trained.err()).isEqualTo(Icl4j.OK);
        assertThat(trained.out()).contains("SPD/d vs bayes (k>=d)").doesNotContain("vs ols");
        Path report = directory.resolve("noisy-report");

        // ridge(λ = σ²/τ² = 0.25) is the Bayes predictor of noise 0.5 and τ = 1, so its SPD to the reference is 0.
        CliRunner.Result result = CliRunner.run("eval", "--model", run.toString(), "--estimators", "ols,ridge:lambda=0.25",
                "--metrics", "spd", "--episodes", "16", "--out", report.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        JsonNode results = new ObjectMapper().readTree(Files.readString(report.resolve("results.json")));
        assertThat(results.get("reference").asText()).isEqualTo("bayes");
        assertThat(result.out()).contains("Over k < d djl-transformer:noisy is ");
        assertThat(results.get("nearestAlgorithms").get(0).get("model").asText()).isEqualTo("djl-transformer:noisy");
        JsonNode spd = results.get("metrics").get(0).get("results");
        JsonNode ridge = null;
        for (JsonNode entry : spd) {
            assertThat(entry.get("second").asText()).isEqualTo("bayes");
            if (entry.get("first").asText().equals("ridge:lambda=0.25")) {
                ridge = entry;
            }
        }
        assertThat(ridge).isNotNull();
        for (JsonNode value : ridge.get("mean")) {
            assertThat(value.asDouble()).isLessThan(1e-10);
        }
    }

    @Test
    void refusesAFolderWithoutACheckpoint() throws Exception {
        Files.createDirectories(directory.resolve("empty"));

        CliRunner.Result result = CliRunner.run("eval", "--model", directory.resolve("empty").toString());

        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.err()).contains("neither a run folder nor a checkpoint folder");
    }
}
