package org.icl4j.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.icl4j.formats.npy.EpisodesFile;
import org.icl4j.formats.npy.NpyArray;
import org.icl4j.formats.npy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl4j compare} end to end, in this JVM, on small settings. */
class CompareCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void writesTheRunFolderWithValuesThatMatchAnIndependentComputation() throws IOException {
        Path out = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("compare", "--d", "4", "--n", "10", "--episodes", "64",
                "--estimators", "zero,ols,ridge:lambda=0.1,knn:k=3,weights=inverse-square", "--seed", "7",
                "--predictions-npz", "--out", out.toString());

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("wrote " + out.toAbsolutePath());
        for (String file : List.of("results.json", "report.html", "predictions.csv", "predictions.npz", "episodes.npz",
                "squared-error.csv", "squared-error.png", "spd.csv", "spd.png", "ilwd.csv", "ilwd.png", "r2.csv", "r2.png",
                "mspd.csv", "mspd.png")) {
            assertThat(out.resolve(file)).as(file).isRegularFile().isNotEmptyFile();
        }
        assertThat(siblingsOf(out)).containsExactly("run");
        java.awt.image.BufferedImage plot = javax.imageio.ImageIO.read(out.resolve("spd.png").toFile());
        assertThat(plot).as("spd.png decodes as an image").isNotNull();
        assertThat(plot.getWidth()).isEqualTo(960);
        assertThat(javax.imageio.ImageIO.read(out.resolve("mspd.png").toFile())).as("heat map decodes").isNotNull();

        EpisodeBatch episodes = EpisodesFile.read(out.resolve("episodes.npz"));
        assertThat(episodes.batch()).isEqualTo(64);
        assertThat(episodes.length()).isEqualTo(10);
        assertThat(episodes.dimension()).isEqualTo(4);

        JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(json.get("command").asText()).startsWith("icl4j compare --d 4 --n 10");
        assertThat(json.at("/provenance/seed").asLong()).isEqualTo(7);
        assertThat(json.at("/settings/estimators").size()).isEqualTo(4);
        JsonNode squaredError = metric(json, "squared-error");
        // The zero estimator's squared error / d at every k is the mean over episodes of y[b,k]² / d, computed here
        // from the episodes the run wrote (a float sum in double; 1e-9 covers the metric's summation order).
        JsonNode zero = result(squaredError, "zero");
        for (int k = 0; k < 10; k++) {
            double sum = 0;
            for (int b = 0; b < 64; b++) {
                sum += (double) episodes.y(b, k) * episodes.y(b, k);
            }
            assertThat(zero.get("mean").get(k).asDouble()).as("k=%d", k).isCloseTo(sum / 64 / 4, within(1e-9));
        }
        // Noiseless labels: least squares recovers w exactly once k > d pairs are seen; float32 inputs leave
        // rounding error far below 1e-6.
        JsonNode ols = result(squaredError, "ols");
        for (int k = 5; k < 10; k++) {
            assertThat(ols.get("mean").get(k).asDouble()).as("k=%d", k).isLessThan(1e-6);
        }
        JsonNode mspd = metric(json, "mspd");
        assertThat(mspd.get("aggregate").asBoolean()).isTrue();
        assertThat(mspd.get("results").size()).isEqualTo(16);
        assertThat(metric(json, "spd").get("results")).hasSize(3);

        Map<String, NpyArray> predictions = Npz.read(out.resolve("predictions.npz"));
        assertThat(predictions.get("predictions").shape()).containsExactly(4, 64, 10);
        assertThat(predictions.get("estimators").strings())
                .containsExactly("zero", "ols", "ridge:lambda=0.1", "knn:k=3,weights=inverse-square");
        float[] values = predictions.get("predictions").floats();
        for (int i = 0; i < 640; i++) {
            assertThat(values[i]).isZero();
        }
        assertThat(Files.readAllLines(out.resolve("predictions.csv")).get(0))
                .isEqualTo("episode,k,y,zero,ols,ridge:lambda=0.1,\"knn:k=3,weights=inverse-square\"");
        assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(1 + 64 * 10);
        assertThat(Files.readAllLines(out.resolve("squared-error.csv")).get(0)).isEqualTo("k,estimator,mean,lower,upper");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<img src=\"squared-error.png\"").contains("<img src=\"mspd.png\"")
                .contains("icl4j compare --d 4 --n 10");
    }

    @Test
    void sameSeedGivesTheSameEpisodesAndResultsAsAnEpisodesFile() throws IOException {
        Path first = temp.resolve("first");
        assertThat(CliRunner.run("compare", "--d", "3", "--n", "6", "--episodes", "16", "--estimators", "ols,averaging",
                "--metrics", "squared-error", "--predictions-npz", "--out", first.toString()).exitCode()).isZero();
        Path second = temp.resolve("second");
        CliRunner.Result fromFile = CliRunner.run("compare", "--episodes-file", first.resolve("episodes.npz").toString(),
                "--estimators", "ols,averaging", "--metrics", "squared-error", "--out", second.toString());
        assertThat(fromFile.err()).isEmpty();
        assertThat(fromFile.exitCode()).isZero();
        assertThat(Files.readAllLines(second.resolve("squared-error.csv")))
                .isEqualTo(Files.readAllLines(first.resolve("squared-error.csv")));
    }

    @Test
    void dimensionAndDefaultLengthFollowTheTaskSpec() throws IOException {
        Path out = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("compare", "--task", "linear:d=3,noise=0.5", "--episodes", "8",
                "--estimators", "ols,bayes", "--metrics", "squared-error", "--out", out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        JsonNode settings = JSON.readTree(out.resolve("results.json").toFile()).get("settings");
        assertThat(settings.get("d").asInt()).isEqualTo(3);
        // n defaults to 5 d
        assertThat(settings.get("n").asInt()).isEqualTo(15);
        assertThat(settings.get("task").asText()).contains("d=3").contains("noise=0.5");
    }

    @Test
    void modelsLoadThroughTheirEngine() throws IOException {
        Path model = Files.writeString(temp.resolve("half.txt"), "0.5");
        Path out = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("compare", "--d", "2", "--n", "4", "--episodes", "8", "--estimators",
                "zero", "--metrics", "squared-error,spd", "--model", model.toString(), "--engine", "fake",
                "--reference", "zero", "--out", out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
        // SPD/d of the constant 0.5 against zero is 0.25 / d = 0.125 at every k.
        JsonNode spd = result(metric(json, "spd"), "constant-half.txt");
        assertThat(spd.get("second").asText()).isEqualTo("zero");
        for (JsonNode value : spd.get("mean")) {
            assertThat(value.asDouble()).isCloseTo(0.125, within(1e-12));
        }
    }

    @Test
    void namedModelsAndModelsFromFoldersOfTheSameNameAreToldApartAndEachIsMatchedToItsAlgorithm() throws IOException {
        // Two unnamed models in folders a/ and b/ whose files share a name (so the engine names both alike), and one
        // named model; the first and the named one ARE ridge(λ = 0.1), the second IS ridge(λ = 1).
        Path first = Files.writeString(Files.createDirectories(temp.resolve("a")).resolve("m.txt"), "ridge 0.1");
        Path second = Files.writeString(Files.createDirectories(temp.resolve("b")).resolve("m.txt"), "ridge 1");
        Path third = Files.writeString(Files.createDirectories(temp.resolve("c")).resolve("m.txt"), "ridge 0.1");
        Path out = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("compare", "--d", "4", "--n", "12", "--episodes", "128", "--estimators",
                "ols,ridge:lambda=0.1,ridge:lambda=1,averaging", "--metrics", "spd", "--engine", "fake",
                "--model", first.toString(), "--model", second.toString(), "--model", "it=" + third, "--out", out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();

        JsonNode json = JSON.readTree(out.resolve("results.json").toFile());
        assertThat(json.get("estimators")).extracting(JsonNode::asText)
                .endsWith("ridge-model-m.txt:a/m.txt", "ridge-model-m.txt:b/m.txt", "it");
        assertThat(json.get("settings").get("models").get("it").asText()).isEqualTo(third.toAbsolutePath().toString());
        JsonNode findings = json.get("nearestAlgorithms");
        assertThat(findings).hasSize(3);
        for (int i = 0; i < 3; i++) {
            for (String range : List.of("underdetermined", "determined")) {
                JsonNode found = findings.get(i).get(range);
                assertThat(found.get("nearest")).extracting(JsonNode::asText)
                        .containsExactly(i == 1 ? "ridge:lambda=1" : "ridge:lambda=0.1");
                assertThat(found.get("candidates").get(0).get("spdPerD").asDouble()).isZero();
            }
        }
        assertThat(findings.get(0).get("determined").get("range").asText()).isEqualTo("k ≥ d");
        assertThat(findings.get(0).get("determined").get("fromK").asInt()).isEqualTo(4);
        String sentence = "Over k < d it is closest to ridge:lambda=0.1 (SPD/d 0.0 ± 0.0), over k ≥ d to "
                + "ridge:lambda=0.1 (0.0 ± 0.0).";
        assertThat(findings.get(2).get("sentence").asText()).isEqualTo(sentence);
        assertThat(result.out()).contains(sentence);
        assertThat(Files.readString(out.resolve("report.html"))).contains("Which algorithm is it?")
                .contains("it is closest to ridge:lambda=0.1");
    }

    @Test
    void theSameModelTwiceWithoutNamesIsRefused() throws IOException {
        Path model = Files.writeString(temp.resolve("m.txt"), "0.5");
        Path out = temp.resolve("run");
        assertBadInput(CliRunner.run("compare", "--d", "2", "--n", "4", "--episodes", "8", "--engine", "fake",
                "--model", model.toString(), "--model", model.toString(), "--out", out.toString()), out,
                "two estimators are named 'constant-m.txt'");
        assertBadInput(CliRunner.run("compare", "--engine", "fake", "--model", "half=", "--out", out.toString()), out,
                "gives no path; write NAME=PATH");
    }

    @Test
    void unloadableModelsAreBadInput() throws IOException {
        Path out = temp.resolve("run");
        // Whichever engine takes them (or none, before an engine is registered), these are not models.
        Path onnx = Files.writeString(temp.resolve("model.onnx"), "not really");
        assertBadInput(CliRunner.run("compare", "--model", onnx.toString(), "--out", out.toString()), out, "model.onnx");
        Path folder = Files.createDirectory(temp.resolve("checkpoint"));
        assertBadInput(CliRunner.run("compare", "--model", folder.toString(), "--out", out.toString()), out, "checkpoint");
        assertBadInput(CliRunner.run("compare", "--model", onnx.toString(), "--engine", "nosuch", "--out", out.toString()),
                out, "unknown engine 'nosuch'; known engines: ");
        Path bad = Files.writeString(temp.resolve("bad.txt"), "abc");
        assertBadInput(CliRunner.run("compare", "--model", bad.toString(), "--engine", "fake", "--out", out.toString()),
                out, "must hold one number");
        assertBadInput(CliRunner.run("compare", "--model", temp.resolve("absent").toString(), "--engine", "fake", "--out",
                out.toString()), out, "absent");
        assertBadInput(CliRunner.run("compare", "--engine", "fake", "--out", out.toString()), out,
                "--engine chooses the engine that loads --model files");
    }

    @Test
    void badValuesAreBadInputWithOneLineAndNoFolder() {
        Path out = temp.resolve("runs/run");
        assertBadInput(CliRunner.run("compare", "--estimators", "ols,ridge:lambda=-1", "--out", out.toString()), out, "lambda");
        assertBadInput(CliRunner.run("compare", "--d", "0", "--out", out.toString()), out, "--d must be >= 1, found 0");
        assertBadInput(CliRunner.run("compare", "--estimators", "ols,nosuch", "--out", out.toString()), out,
                "unknown estimator 'nosuch'; known estimators: averaging, bayes");
        assertBadInput(CliRunner.run("compare", "--estimators", "ridge:lambda", "--out", out.toString()), out,
                "malformed parameter 'lambda' of 'ridge': expected KEY=VALUE");
        assertBadInput(CliRunner.run("compare", "--estimators", "ridge:alpha=1", "--out", out.toString()), out,
                "unknown parameter 'alpha' for 'ridge'; allowed: lambda");
        assertBadInput(CliRunner.run("compare", "--metrics", "nosuch", "--out", out.toString()), out, "unknown metric 'nosuch'");
        assertBadInput(CliRunner.run("compare", "--task", "linear:d=3", "--d", "4", "--out", out.toString()), out,
                "--d 4 disagrees with d=3");
        assertBadInput(CliRunner.run("compare", "--d", "four", "--out", out.toString()), out, "'four' is not a whole number");
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void badEpisodesFilesAreBadInput() throws IOException {
        Path out = temp.resolve("run");
        Path wrongShape = npz("shape.npz", Map.of("xs", NpyArray.ofFloats(new int[] {2, 3}, new float[6]),
                "ys", NpyArray.ofFloats(new int[] {2, 3}, new float[6])));
        assertBadInput(CliRunner.run("compare", "--episodes-file", wrongShape.toString(), "--out", out.toString()), out,
                "xs must have shape [B, n, d], found [2, 3]");
        Path wrongDtype = npz("dtype.npz", Map.of("xs", NpyArray.ofFloats(new int[] {1, 2, 1}, new float[2]),
                "ys", NpyArray.ofStrings("a", "b")));
        assertBadInput(CliRunner.run("compare", "--episodes-file", wrongDtype.toString(), "--out", out.toString()), out,
                "ys must be float32 (or float64), found dtype <U1");
        Path nan = npz("nan.npz", Map.of("xs", NpyArray.ofFloats(new int[] {1, 2, 1}, new float[] {1, Float.NaN}),
                "ys", NpyArray.ofFloats(new int[] {1, 2}, new float[2])));
        assertBadInput(CliRunner.run("compare", "--episodes-file", nan.toString(), "--out", out.toString()), out,
                "xs must be finite, found NaN at flat index 1");
        Path missing = npz("missing.npz", Map.of("xs", NpyArray.ofFloats(new int[] {1, 2, 1}, new float[2])));
        assertBadInput(CliRunner.run("compare", "--episodes-file", missing.toString(), "--out", out.toString()), out,
                "has no array 'ys'");
        Path corrupt = Files.write(temp.resolve("corrupt.npz"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        assertBadInput(CliRunner.run("compare", "--episodes-file", corrupt.toString(), "--out", out.toString()), out,
                "is not a valid .npz (zip) file");
        assertBadInput(CliRunner.run("compare", "--episodes-file", temp.resolve("absent.npz").toString(), "--out",
                out.toString()), out, "absent.npz");
    }

    @Test
    void unusableOutputFoldersAreBadInput() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        Path under = file.resolve("run");
        assertBadInput(CliRunner.run("compare", "--d", "2", "--n", "3", "--episodes", "4", "--estimators", "ols",
                "--metrics", "squared-error", "--out", under.toString()), null, "which is a file");
        // Under a regular file nothing can exist (Files.notExists cannot confirm it: the OS answers ENOTDIR).
        assertThat(Files.exists(under)).isFalse();
        assertBadInput(CliRunner.run("compare", "--d", "2", "--n", "3", "--episodes", "4", "--estimators", "ols",
                "--metrics", "squared-error", "--out", file.toString()), null, "exists and is a file");

        Path existing = Files.createDirectory(temp.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        CliRunner.Result refused = CliRunner.run("compare", "--d", "2", "--n", "3", "--episodes", "4", "--estimators", "ols",
                "--metrics", "squared-error", "--out", existing.toString());
        assertThat(refused.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(refused.errLines()).singleElement().asString().contains("exists and is not empty").contains("--overwrite");
        assertThat(existing.resolve("keep.txt")).hasContent("mine");

        // --overwrite replaces only a run folder icl4j wrote, never a folder of the user's own files.
        CliRunner.Result notOurs = CliRunner.run("compare", "--d", "2", "--n", "3", "--episodes", "4", "--estimators", "ols",
                "--metrics", "squared-error", "--out", existing.toString(), "--overwrite");
        assertThat(notOurs.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(notOurs.errLines()).singleElement().asString().contains("did not write").contains(".icl4j-run");
        assertThat(existing.resolve("keep.txt")).hasContent("mine");

        Path run = temp.resolve("run");
        String[] compare = {"compare", "--d", "2", "--n", "3", "--episodes", "4", "--estimators", "ols", "--metrics",
            "squared-error", "--out", run.toString()};
        assertThat(CliRunner.run(compare).exitCode()).isZero();
        Files.writeString(run.resolve("stale.txt"), "from the first run");
        String[] again = java.util.Arrays.copyOf(compare, compare.length + 1);
        again[compare.length] = "--overwrite";
        CliRunner.Result replaced = CliRunner.run(again);
        assertThat(replaced.exitCode()).isZero();
        assertThat(run.resolve("stale.txt")).doesNotExist();
        assertThat(run.resolve("results.json")).exists();
        assertThat(siblingsOf(existing)).containsExactlyInAnyOrder("existing", "file", "run");
    }

    private Path npz(String name, Map<String, NpyArray> arrays) throws IOException {
        Path file = temp.resolve(name);
        Npz.write(file, new java.util.TreeMap<>(arrays));
        return file;
    }

    private void assertBadInput(CliRunner.Result result, Path out, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("icl4j compare: ").contains(message);
        if (out != null) {
            assertThat(out).doesNotExist();
        }
        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".partial-"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> siblingsOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".npz") && !n.endsWith(".txt")).toList();
        }
    }

    private static JsonNode metric(JsonNode json, String spec) {
        for (JsonNode metric : json.get("metrics")) {
            if (metric.get("metric").asText().equals(spec)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + spec + " in results.json");
    }

    private static JsonNode result(JsonNode metric, String estimator) {
        for (JsonNode result : metric.get("results")) {
            if (result.get("first").asText().equals(estimator)) {
                return result;
            }
        }
        throw new AssertionError("no result for " + estimator + " in " + metric.get("metric"));
    }
}
