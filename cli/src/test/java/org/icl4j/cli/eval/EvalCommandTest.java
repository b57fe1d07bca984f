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
    void refusesAFolderWithoutACheckpoint() throws Exception {
        Files.createDirectories(directory.resolve("empty"));

        CliRunner.Result result = CliRunner.run("eval", "--model", directory.resolve("empty").toString());

        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.err()).contains("neither a run folder nor a checkpoint folder");
    }
}
