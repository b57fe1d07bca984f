package org.icl4j.cli.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.harness.Progress;
import org.icl4j.harness.probe.ProbeRequest;
import org.icl4j.harness.probe.ProbingResult;
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
        assertThat(Files.readString(out.resolve("report.html"))).contains("icl4j probe").contains("control trained on")
                .contains("w-shift=1.0").contains("gitCommit");
        assertThat(result.out()).contains("probed in");
        assertThat(ProbeCommand.scoresFolder(out)).as("the kept scores are removed once the report is written")
                .doesNotExist();
    }

    @Test
    void trainsTheAttentionProbeWithTheSettingsOfItsSpec() throws Exception {
        Path out = directory.resolve("attention");
        CliRunner.Result result = CliRunner.run("probe", "--model", run.toString(), "--targets", "w", "--probe",
                "attention-linear:steps=5,device=cpu", "--train-episodes", "64", "--test-episodes", "32", "--k", "2",
                "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(Files.readAllLines(out.resolve("probe.csv"))).hasSize(1 + 3 * 2);
        assertThat(Files.readString(out.resolve("report.html"))).contains("attention-linear:steps=5,device=cpu");
    }

    @Test
    void resumesFromTheScoresOfAnInterruptedRun() throws Exception {
        Path fresh = directory.resolve("resume-fresh");
        String[] settings = {"probe", "--model", run.toString(), "--probe", "last-linear", "--train-episodes", "200",
                "--test-episodes", "100"};
        CliRunner.Result uninterrupted = CliRunner.run(concat(settings, "--out", fresh.toString()));
        assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isEqualTo(Icl4j.OK);

        // An interrupted run: the scores of the same request, kept beside --out, of which two are then lost and one
        // is replaced by a marker value that only reading it back can put into probe.csv.
        Path out = directory.resolve("resume");
        Path kept = ProbeCommand.scoresFolder(out);
        ProbeRequest request = new ProbeRequest(run, null, ProbeRequest.DEFAULT_TARGETS, "last-linear", null, null, null,
                200, 100, 64, 0, null, kept);
        ProbingResult first = org.icl4j.harness.Icl4j.builder().build().probe(request, Progress.NONE);
        assertThat(first.runs().get(0).reused()).isZero();
        Files.delete(kept.resolve("model-xty-layer-2.json"));
        Files.delete(kept.resolve("model-w-layer-0.json"));
        Path marker = kept.resolve("model-w-ols-layer-1.json");
        Files.writeString(marker, "{\"squaredError\": [0.125, 0.25, 0.5], \"baseline\": [1, 1, 1]}");

        CliRunner.Result resumed = CliRunner.run(concat(settings, "--out", out.toString()));

        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(Icl4j.OK);
        assertThat(Files.readString(out.resolve("report.html"))).contains("scores reused from an interrupted run");
        List<String> expected = new ArrayList<>(Files.readAllLines(fresh.resolve("probe.csv")));
        List<String> actual = Files.readAllLines(out.resolve("probe.csv"));
        int marked = 0;
        for (int row = 1; row < expected.size(); row++) {
            String[] columns = expected.get(row).split(",");
            if (columns[0].equals("model") && columns[3].equals("w-ols") && columns[4].equals("1")) {
                String error = Double.toString(0.125 * (1 << (Integer.parseInt(columns[5]) - 1)));
                expected.set(row, String.join(",", List.of(columns).subList(0, 6)) + "," + error + "," + error + ",1.0");
                marked++;
            }
        }
        assertThat(marked).isEqualTo(3);
        assertThat(actual).as("recomputed scores equal the uninterrupted run's; the kept one is read back")
                .isEqualTo(expected);
        assertThat(kept).doesNotExist();
    }

    @Test
    void refusesAScoreFolderOfAnotherRequest() throws Exception {
        Path out = directory.resolve("other");
        Path kept = ProbeCommand.scoresFolder(out);
        ProbeRequest request = new ProbeRequest(run, null, "w", "last-linear", null, null, 2, 50, 50, 64, 0, null, kept);
        org.icl4j.harness.Icl4j.builder().build().probe(request, Progress.NONE);

        assertBad(CliRunner.run("probe", "--model", run.toString(), "--targets", "w", "--probe", "last-linear", "--k",
                "2", "--train-episodes", "60", "--test-episodes", "50", "--out", out.toString()),
                "holds the scores of another probing request (settings was Settings[trainEpisodes=50");
        assertThat(out).doesNotExist();
        assertThat(kept.resolve("model-w-layer-0.json")).as("nothing kept is lost").isNotEmptyFile();
    }

    @Test
    void probesAnOnnxModelExportedWithHiddenStatesLikeTheCheckpoint() throws Exception {
        Path onnx = directory.resolve("model.onnx");
        CliRunner.Result exported = CliRunner.run("export", "--model", run.toString(), "--out", onnx.toString(),
                "--hidden-states");
        assertThat(exported.exitCode()).as(exported.err()).isEqualTo(Icl4j.OK);
        String task = Checkpoint.read(run.resolve("checkpoint"), false).task();
        String[] settings = {"--task", task, "--n", "4", "--probe", "last-linear", "--train-episodes", "300",
                "--test-episodes", "200"};
        Path fromCheckpoint = directory.resolve("probe-checkpoint");
        Path fromOnnx = directory.resolve("probe-onnx");
        CliRunner.Result djl = CliRunner.run(concat(concat(new String[] {"probe", "--model", run.toString()}, settings),
                "--out", fromCheckpoint.toString()));
        CliRunner.Result ort = CliRunner.run(concat(concat(new String[] {"probe", "--model", onnx.toString()}, settings),
                "--out", fromOnnx.toString()));
        assertThat(djl.exitCode()).as(djl.err()).isEqualTo(Icl4j.OK);
        assertThat(ort.exitCode()).as(ort.err()).isEqualTo(Icl4j.OK);

        List<String> expected = Files.readAllLines(fromCheckpoint.resolve("probe.csv"));
        List<String> actual = Files.readAllLines(fromOnnx.resolve("probe.csv"));
        assertThat(actual).hasSameSizeAs(expected).hasSize(1 + 3 * 3 * 3);
        for (int row = 1; row < expected.size(); row++) {
            String[] want = expected.get(row).split(",");
            String[] got = actual.get(row).split(",");
            // role, (model name differs), probe, target, layer, k agree; the hidden states of the two engines agree
            // within 1e-4 (docs/ONNX.md), so the least-squares read-outs' normalised errors agree within 1e-3.
            assertThat(List.of(got[0], got[2], got[3], got[4], got[5]))
                    .isEqualTo(List.of(want[0], want[2], want[3], want[4], want[5]));
            assertThat(Double.parseDouble(got[6])).as(actual.get(row))
                    .isCloseTo(Double.parseDouble(want[6]), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void badInputGetsOneClearErrorAndWritesNothing() {
        Path out = directory.resolve("bad");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--targets", "xty,lasso", "--out", out.toString()),
                "unknown probe target 'lasso'; known probe targets: w, w-ols, xty");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--k", "4", "--out", out.toString()),
                "k (prefixes probed) must be in 1 … 3 for episodes of 4 pairs");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--probe", "deep", "--out", out.toString()),
                "unknown probe 'deep'; known probes: attention-linear, attention-mlp, last-linear");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--probe", "attention-mlp:steps=0", "--out",
                out.toString()), "steps must be in 1 … 10000000, found 0");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--probe", "attention-mlp:device=tpu", "--out",
                out.toString()), "device must be cpu or gpu, found 'tpu'");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--probe", "last-linear:steps=5", "--out",
                out.toString()), "steps");
        assertBad(CliRunner.run("probe", "--model", run.toString(), "--n", "5", "--out", out.toString()),
                "reads at most 4 pairs but the episodes have n = 5");
        Path plain = directory.resolve("plain.onnx");
        assertThat(CliRunner.run("export", "--model", run.toString(), "--out", plain.toString()).exitCode())
                .isEqualTo(Icl4j.OK);
        assertBad(CliRunner.run("probe", "--model", plain.toString(), "--task", "linear:d=2", "--n", "4", "--probe",
                "last-linear", "--out", out.toString()), "provides no hidden states");
        assertBad(CliRunner.run("probe", "--model", plain.toString(), "--n", "4", "--out", out.toString()),
                "records no task");
        assertThat(out).doesNotExist();
        assertThat(ProbeCommand.scoresFolder(out)).doesNotExist();
    }

    @Test
    void listShowsTheProbesAndTargetsOfEveryPlugin() {
        CliRunner.Result listed = CliRunner.run("list");

        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(Icl4j.OK);
        assertThat(listed.out()).contains("Probe targets:").contains("  xty - ").contains("Probes:")
                .contains("  attention-mlp - ").contains("  attention-linear - ").contains("  last-linear - ")
                .contains("device=cpu");
    }

    private static String[] concat(String[] first, String... second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
    }

    private static void assertBad(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).as(result.err()).hasSize(1);
        assertThat(result.err()).contains(message);
    }
}
