package org.icl4j.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.cli.CliRunner;
import org.icl4j.engine.onnx.OnnxEstimator;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.icl4j.transformer.ReferenceTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    /** float32 ONNX Runtime against the double-precision reference; observed differences are ~1e-6. */
    private static final double PARITY = 1e-4;

    @TempDir
    Path temp;

    @Test
    void exportsARunFolderThatRunsInOnnxRuntimeAndInCompare() throws Exception {
        TransformerConfig config = TransformerConfig.of(3, 8, 2, 16, 2, HeadSizeConvention.STANDARD, BlockVariant.AUTHORS);
        Path run = Files.createDirectories(temp.resolve("runs").resolve("tiny"));
        RandomCheckpoints.write(run.resolve("checkpoint"), config, 3);
        Path model = temp.resolve("model.onnx");

        CliRunner.Result result = CliRunner.run("export", "--model", run.toString(), "--out", model.toString(),
                "--hidden-states");
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("wrote " + model.toAbsolutePath())
                .contains("xs [batch, n, 3]").contains("hidden_states").contains("n up to 8");

        EpisodeBatch episodes = RandomCheckpoints.episodes(5, 8, 3, 11);
        float[] expected = ReferenceTransformer.load(run.resolve("checkpoint")).predictPrefixes(episodes);
        try (OnnxEstimator onnx = OnnxEstimator.load(model)) {
            assertThat(onnx).isInstanceOf(HiddenStateEstimator.class);
            float[] actual = onnx.predictPrefixes(episodes);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(PARITY));
            }
        }

        // compare treats the .onnx file like any estimator (engine onnx by the file's kind).
        Path out = temp.resolve("compare");
        CliRunner.Result compared = CliRunner.run("compare", "--d", "3", "--n", "8", "--episodes", "16",
                "--estimators", "averaging", "--metrics", "squared-error", "--model", model.toString(),
                "--out", out.toString());
        assertThat(compared.err()).isEmpty();
        assertThat(compared.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(json.toString()).contains("onnx:model.onnx");
    }

    @Test
    void explainsBadArguments() throws Exception {
        Path model = temp.resolve("model.onnx");
        CliRunner.Result missing = CliRunner.run("export", "--model", temp.resolve("absent").toString(), "--out",
                model.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().isEqualTo(
                "icl4j export: cannot access " + temp.resolve("absent") + ": no such checkpoint or run folder");

        Path notCheckpoint = Files.createDirectory(temp.resolve("empty"));
        CliRunner.Result empty = CliRunner.run("export", "--model", notCheckpoint.toString(), "--out", model.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(model).doesNotExist();

        TransformerConfig config = TransformerConfig.of(2, 4, 1, 8, 2, HeadSizeConvention.STANDARD, BlockVariant.PRE_LN);
        Path checkpoint = RandomCheckpoints.write(temp.resolve("checkpoint"), config, 1);
        Files.writeString(model, "occupied");
        CliRunner.Result exists = CliRunner.run("export", "--model", checkpoint.toString(), "--out", model.toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains("already exists; pass --overwrite to replace it");
        assertThat(Files.readString(model)).isEqualTo("occupied");

        CliRunner.Result replaced = CliRunner.run("export", "--model", checkpoint.toString(), "--out", model.toString(),
                "--overwrite");
        assertThat(replaced.exitCode()).isZero();
        assertThat(replaced.out()).doesNotContain("hidden_states");

        Path underFile = model.resolve("sub").resolve("x.onnx");
        CliRunner.Result blocked = CliRunner.run("export", "--model", checkpoint.toString(), "--out", underFile.toString());
        assertThat(blocked.exitCode()).isEqualTo(2);
        assertThat(blocked.errLines()).singleElement().asString().isEqualTo("icl4j export: cannot write " + underFile
                + ": " + model + " is a file where a folder is needed; choose another --out");

        CliRunner.Result file = CliRunner.run("export", "--model", model.toString(), "--out", temp.resolve("x.onnx").toString());
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).contains("already an ONNX model");
    }
}
