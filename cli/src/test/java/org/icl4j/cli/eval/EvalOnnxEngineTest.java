package org.icl4j.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl4j eval --engine onnx}: the checkpoint runs in ONNX Runtime and scores as it does in DJL. */
class EvalOnnxEngineTest {

    /**
     * Both engines compute the same float32 forward pass (predictions agree within ~1e-6); a mean squared error
     * of order 1 over the same episodes then agrees far within 1e-4.
     */
    private static final double PARITY = 1e-4;

    @TempDir
    Path directory;

    @Test
    void evaluatesACheckpointInOnnxRuntime() throws Exception {
        TransformerConfig config = TransformerConfig.of(3, 6, 1, 16, 2, HeadSizeConvention.STANDARD, BlockVariant.PRE_LN);
        Path run = Files.createDirectories(directory.resolve("run"));
        RandomCheckpoints.write(run.resolve("checkpoint"), config, 4);

        JsonNode onnx = eval(run, "onnx", "--engine", "onnx");
        JsonNode djl = eval(run, "djl");
        assertThat(onnx.at("/settings/engine").asText()).isEqualTo("onnx");
        assertThat(onnx.at("/settings/d").asInt()).isEqualTo(3);
        assertThat(onnx.at("/settings/n").asInt()).isEqualTo(6);
        String onnxModel = lastEstimator(onnx);
        String djlModel = lastEstimator(djl);
        // The registry exported the checkpoint folder to checkpoint.onnx for the onnx engine.
        assertThat(onnxModel).isEqualTo("onnx:checkpoint.onnx");
        assertThat(djlModel).doesNotStartWith("onnx:");

        JsonNode fromOnnx = squaredError(onnx, onnxModel);
        JsonNode fromDjl = squaredError(djl, djlModel);
        assertThat(fromOnnx.size()).isEqualTo(fromDjl.size()).isEqualTo(6);
        for (int k = 0; k < fromOnnx.size(); k++) {
            assertThat(fromOnnx.get(k).asDouble()).as("prefix %d", k)
                    .isCloseTo(fromDjl.get(k).asDouble(), org.assertj.core.data.Offset.offset(PARITY));
        }
    }

    private static String lastEstimator(JsonNode results) {
        JsonNode estimators = results.get("estimators");
        return estimators.get(estimators.size() - 1).asText();
    }

    private JsonNode eval(Path run, String name, String... engine) throws Exception {
        Path report = directory.resolve("report-" + name);
        String[] base = {"eval", "--model", run.toString(), "--estimators", "averaging", "--metrics", "squared-error",
                "--episodes", "16", "--out", report.toString()};
        String[] arguments = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(engine))
                .toArray(String[]::new);
        CliRunner.Result result = CliRunner.run(arguments);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        return new ObjectMapper().readTree(Files.readString(report.resolve("results.json")));
    }

    /** The per-prefix mean squared error of one estimator. */
    private static JsonNode squaredError(JsonNode results, String estimator) {
        for (JsonNode metric : results.get("metrics")) {
            if (metric.get("metric").asText().equals("squared-error")) {
                for (JsonNode result : metric.get("results")) {
                    if (result.get("first").asText().equals(estimator)) {
                        return result.get("mean");
                    }
                }
            }
        }
        throw new AssertionError("no squared error of " + estimator + " in " + results);
    }
}
