package org.icl4j.cli.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {

    @TempDir
    static Path directory;

    private static Path run;
    private static Path control;

    @BeforeAll
    static void trainTinyModels() {
        run = directory.resolve("run");
        control = directory.resolve("control");
        for (String[] spec : List.of(new String[] {run.toString(), "linear"}, new String[] {control.toString(), "linear:w=ones"})) {
            CliRunner.Result trained = CliRunner.run("train", "--d", "2", "--pairs", "4", "--steps", "4", "--layers", "2",
                    "--hidden", "8", "--task", spec[1], "--set", "evaluationBatch=8", "--out", spec[0]);
            assertThat(trained.exitCode()).as(trained.err()).isEqualTo(Icl4j.OK);
        }
    }

    @Test
    void writesEveryNumberPlotsAndAReportForAModelAndItsControl() throws Exception {
        Path out = directory.resolve("probe");
        CliRunner.Result result = CliRunner.run("probe", "--model", run.toString(), "--control", control.toString(),
                "--probe", "last-linear", "--train-episodes", "400", "--test-episodes", "400", "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        List<String> rows = Files.readAllLines(out.resolve("probe.csv"));
        // 2 roles × 3 targets × 3 layers (embedding + 2 blocks) × 3 prefixes, plus the header.
        assertThat(rows).hasSize(1 + 2 * 3 * 3 * 3);
        assertThat(rows.get(0)).isEqualTo("role,model,probe,target,layer,k,normalised_error,squared_error,baseline");
        // At k = 1 the embedding of token 1 holds y₀ alone; Xᵀy = y₀x₀ and, since w and −w are equally likely,
        // E[y₀x₀ | y₀] = 0: no read-out of the embedding beats the mean (about 3/400 of overfitting on top).
        String embedding = rows.stream().filter(r -> r.startsWith("model,") && r.contains(",last-linear,xty,0,1,"))
                .findFirst().orElseThrow();
        assertThat(Double.parseDouble(embedding.split(",")[6])).isBetween(0.9, 1.15);
        for (String file : List.of("report.html", "heatmap-model-xty.png", "heatmap-control-w.png", "layers-w-ols.png")) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("icl4j probe").contains("control trained on").contains("w-shift=1.0")
                .contains("gitCommit");
        assertThat(result.out()).contains("probed in");
    }

    @Test
    void trainsTheAttentionProbe() throws Exception {
        Path out = directory.resolve("attention");
        CliRunner.Result result = CliRunner.run("probe", "--model", run.toString(), "--targets", "w", "--probe",
                "attention-linear", "--steps", "5", "--train-episodes", "64", "--test-episodes", "32", "--k", "2",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(Files.readAllLines(out.resolve("probe.csv"))).hasSize(1 + 3 * 2);
    }

    @Test
    void badInputGetsOneClearErrorAndWritesNothing() {
        Path out = directory.resolve("bad");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--targets", "xty,lasso", "--out", out.toString()),
                "unknown probe target 'lasso'; known probe targets: w, w-ols, xty");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--k", "4", "--out", out.toString()),
                "k (prefixes probed) must be in 1 … 3 for episodes of 4 pairs");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--probe", "deep", "--out", out.toString()),
                "unknown probe 'deep'; known probes: attention-mlp, attention-linear, last-linear");
        assertThat(out).doesNotExist();
    }

    private static void assertBad(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains(message);
    }
}
