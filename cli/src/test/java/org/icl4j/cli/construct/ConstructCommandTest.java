package org.icl4j.cli.construct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.icl4j.formats.model.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstructCommandTest {

    /**
     * At the default precision p = 30 compiled GD is within 1e-4 of the algorithm for d ≤ 8 in double precision
     * and in float32 (docs/CONSTRUCTIONS.md); predictions are written as float32, adding 6e-8 relative.
     */
    private static final double GRADIENT_TOLERANCE = 1e-3;

    /**
     * Sherman–Morrison ridge in the double-precision reference forward pass measures up to 1e-4 at p = 30 for
     * d = 2 (docs/CONSTRUCTIONS.md); 1e-3 leaves a margin for other episodes and the float32 output.
     */
    private static final double RIDGE_TOLERANCE = 1e-3;

    @TempDir
    Path directory;

    private static JsonNode report(Path run) throws IOException {
        return new ObjectMapper().readTree(Files.readString(run.resolve("report.json")));
    }

    private static double difference(JsonNode report, String first, String second) {
        for (JsonNode row : report.get("differences")) {
            if (row.get("first").asText().startsWith(first) && row.get("second").asText().startsWith(second)) {
                return row.get("maxAbs").asDouble();
            }
        }
        throw new AssertionError("no difference " + first + " vs " + second + " in " + report);
    }

    @Test
    void compilesGradientDescentIntoACheckpointAnOnnxModelAndAReport() throws IOException {
        Path run = directory.resolve("gd");
        CliRunner.Result result = CliRunner.run("construct", "gd", "--d", "3", "--k", "4", "--lr", "0.05",
                "--episodes", "8", "--out", run.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(result.out()).contains("construct gd: 8 layers");
        assertThat(Checkpoint.readConfig(run.resolve("model")).layers()).isEqualTo(8);
        assertThat(run.resolve("model.onnx")).isNotEmptyFile();
        assertThat(run.resolve("report.md")).content().contains("gd:lr=0.05");
        JsonNode report = report(run);
        assertThat(report.get("model").get("layers").asInt()).isEqualTo(8);
        assertThat(difference(report, "interpreted", "algorithm")).isLessThan(1e-5);
        assertThat(difference(report, "compiled, reference", "algorithm")).isLessThan(GRADIENT_TOLERANCE);
        assertThat(difference(report, "compiled, onnx engine", "algorithm")).isLessThan(GRADIENT_TOLERANCE);
    }

    @Test
    void compilesRidgeWithoutOnnx() throws IOException {
        Path run = directory.resolve("ridge");
        CliRunner.Result result = CliRunner.run("construct", "ridge", "--d", "2", "--k", "3", "--lambda", "0.5",
                "--episodes", "8", "--no-onnx", "--out", run.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(run.resolve("model.onnx")).doesNotExist();
        JsonNode report = report(run);
        assertThat(report.get("model").get("divisionBlocks").asInt()).isEqualTo(3);
        assertThat(difference(report, "compiled, reference", "algorithm")).isLessThan(RIDGE_TOLERANCE);
    }

    @Test
    void compareTakesTheConstructionsFolderAsItIsAndFindsItNearestTheCompiledAlgorithm() throws IOException {
        Path run = directory.resolve("sherman-morrison");
        CliRunner.Result built = CliRunner.run("construct", "ridge", "--d", "2", "--k", "6", "--lambda", "0.5",
                "--episodes", "8", "--no-onnx", "--out", run.toString());
        assertThat(built.exitCode()).as(built.err()).isEqualTo(Icl4j.OK);
        Path out = directory.resolve("compare");

        CliRunner.Result result = CliRunner.run("compare", "--d", "2", "--n", "7", "--episodes", "512", "--estimators",
                "ols,ridge:lambda=0.5,averaging", "--metrics", "spd", "--model", run.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode finding = json.get("nearestAlgorithms").get(0);
        assertThat(finding.get("model").asText()).isEqualTo("djl-transformer:sherman-morrison");
        for (String range : new String[] {"underdetermined", "determined"}) {
            assertThat(finding.get(range).get("nearest")).extracting(JsonNode::asText).containsExactly("ridge:lambda=0.5");
        }
        assertThat(result.out()).contains("Over k < d djl-transformer:sherman-morrison is closest to ridge:lambda=0.5");
    }

    @Test
    void refusesUnknownConstructionsAndSettingsThatDoNotApply() {
        CliRunner.Result unknown = CliRunner.run("construct", "lasso", "--out", directory.resolve("a").toString());
        assertThat(unknown.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(unknown.err()).contains("unknown construction 'lasso'").contains("gd, sgd or ridge");

        CliRunner.Result lambda = CliRunner.run("construct", "gd", "--lambda", "0.1", "--out",
                directory.resolve("b").toString());
        assertThat(lambda.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(lambda.err()).contains("--lambda");

        CliRunner.Result precision = CliRunner.run("construct", "sgd", "--precision", "0.5", "--out",
                directory.resolve("c").toString());
        assertThat(precision.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(precision.err()).contains("precision must be >= 1");
        assertThat(directory.resolve("c")).doesNotExist();
    }
}
