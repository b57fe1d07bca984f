package org.icl4j.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.icl4j.cli.CliRunner;
import org.icl4j.cli.Icl4j;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The miniature suite of src/test/resources/experiments/mini.yaml end to end through the real run steps. */
class SweepCommandTest {

    static final Path MINI = Path.of("src/test/resources/experiments/mini.yaml").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsTheMiniatureSuiteSharesATrainingProbesAndChecksClaims(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("suite");
        CliRunner.Result result = CliRunner.run("sweep", "--spec", MINI.toString(), "--out", out.toString(), "--jobs", "2");
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Icl4j.OK);

        JsonNode plan = JSON.readTree(out.resolve("suite.json").toFile());
        List<String> kinds = new ArrayList<>();
        plan.path("runs").forEach(run -> kinds.add(run.path("kind").asText()));
        // Three training usages (depth 1, depth 2, and "again" = depth 1) are two runs.
        assertThat(kinds).containsExactly("train", "train", "evaluate", "evaluate", "probe");

        Map<String, JsonNode> claims = claims(out);
        assertThat(claims.get("ols-linear").path("verdict").asText()).isEqualTo("holds");
        assertThat(claims.get("spd-negative").path("verdict").asText()).isEqualTo("does not hold");
        // The probe claim gets a verdict either way; its value is the mean over layers of the probe run's series.
        JsonNode probeClaim = claims.get("probe-decodes");
        assertThat(probeClaim.path("verdict").asText()).isIn("holds", "does not hold");
        double probed = probeClaim.path("points").get(0).path("left").path("mean").asDouble();
        assertThat(probeClaim.path("verdict").asText()).isEqualTo(probed < 1 ? "holds" : "does not hold");

        // Least squares predicts linearly in the query, so its implicit linear fit is exact: R² = 1 for k >= 1.
        for (JsonNode run : plan.path("runs")) {
            if (run.path("kind").asText().equals("evaluate")) {
                JsonNode series = JSON.readTree(out.resolve("runs").resolve(run.path("id").asText()).resolve("done.json").toFile())
                        .path("result");
                JsonNode r2 = series.path("r2/ols");
                assertThat(r2.size()).isEqualTo(6); // k = 0 … n − 1 context pairs before the query, n = 6
                for (int k = 1; k < r2.size(); k++) {
                    assertThat(r2.get(k).asDouble()).as("R² of ols at k = %d", k).isCloseTo(1.0, within(1e-4));
                }
                assertThat(series.has("spd/ridge:lambda=0.1")).isTrue();
                assertThat(series.path("mspd/ols").size()).isEqualTo(1);
                assertThat(series.path("r2/model").size()).isEqualTo(6);
            }
            if (run.path("kind").asText().equals("probe")) {
                Path folder = out.resolve("runs").resolve(run.path("id").asText());
                JsonNode error = JSON.readTree(folder.resolve("done.json").toFile()).path("result").path("error/attention-linear/w-ols");
                // The "again" training has one block: layers 0 (embedding) and 1.
                assertThat(error.size()).isEqualTo(2);
                double sum = 0;
                for (JsonNode value : error) {
                    assertThat(value.isNumber()).as("finite error per layer: %s", error).isTrue();
                    assertThat(value.asDouble()).isPositive();
                    sum += value.asDouble();
                }
                assertThat(probed).as("the claim's value is the mean over layers").isCloseTo(sum / 2, within(1e-12));
                assertThat(folder.resolve(ProbeStep.TABLE)).isNotEmptyFile();
                assertThat(folder.resolve(ProbeStep.SUMMARY)).isNotEmptyFile();
                assertThat(folder.resolve(ProbeStep.SCORES)).as("the kept scores go once the run is done").doesNotExist();
            }
        }

        String html = Files.readString(out.resolve(SuiteReport.REPORT));
        List<String> images = images(html);
        assertThat(images).isNotEmpty();
        for (String image : images) {
            byte[] png = Files.readAllBytes(out.resolve(image));
            assertThat(png).as(image).startsWith(0x89, 'P', 'N', 'G');
        }
        assertThat(html).doesNotContain("not run").doesNotContain("no run step").contains("sweep --spec");
        assertThat(images).contains("figures/mini-probe-error-by-layer.png");
        assertThat(html).contains("mini: probe error by layer").contains("probe solid");
        assertThat(html).as("no remote asset").doesNotContainPattern("(src|href)=\"[a-z]+://");
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isPresent()) {
            HeadlessChromium.Visit visit = HeadlessChromium.open(chromium.get(), out.resolve(SuiteReport.REPORT), dir.resolve("profile"));
            assertThat(visit.imagesLoaded()).contains(images.size() + "/" + images.size());
            assertThat(visit.requests()).as("requests that left the machine").isEmpty();
        }
        assertThat(out.resolve("tables/mini-eval.csv")).exists();
        assertThat(out.resolve("tables/runs.csv")).exists();

        // Run again: every done run is skipped, so no done.json is rewritten.
        Map<Path, FileTime> before = doneTimes(out);
        CliRunner.Result again = CliRunner.run("sweep", "--spec", MINI.toString(), "--out", out.toString(), "--jobs", "2");
        assertThat(again.exitCode()).isEqualTo(Icl4j.OK);
        assertThat(doneTimes(out)).isEqualTo(before).hasSize(5);

        CliRunner.Result status = CliRunner.run("status", out.toString());
        assertThat(status.out()).startsWith("runs 5/5 done");
    }

    @Test
    void fig4sClaimsReadTheSeriesItsProbeRunsReturn(@TempDir Path dir) throws Exception {
        // experiments/fig4.yaml with a miniature smoke scale: 2 blocks of width 8, 4 training updates, 2 probe updates.
        String text = Files.readString(Path.of("..", "experiments", "fig4.yaml"));
        String smoke = text.lines().filter(line -> line.startsWith("  smoke: ")).findFirst().orElseThrow();
        Path spec = dir.resolve("fig4.yaml");
        Files.writeString(spec, text.replace(smoke, "  smoke: {preset: tiny, d: 2, layers: 2, hidden: 8, heads: 2, pairs: 6,"
                + " batch: 8, steps: 4, lr: 0.001, episodes: 40, probeSteps: 2, seeds: 1, late: 1}"));
        Path out = dir.resolve("suite");
        CliRunner.Result result = CliRunner.run("sweep", "--spec", spec.toString(), "--out", out.toString(), "--jobs", "2");
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Icl4j.OK);

        Map<String, JsonNode> claims = claims(out);
        for (String claim : List.of("mlp-beats-linear", "control-worse")) {
            assertThat(claims.get(claim).path("verdict").asText()).as(claim).isIn("holds", "does not hold");
        }
        // control-worse reads layers >= late = 1 of the 3 (embedding and 2 blocks): the mean of entries 1 and 2.
        JsonNode control = claims.get("control-worse").path("points").get(0);
        JsonNode plan = JSON.readTree(out.resolve("suite.json").toFile());
        List<double[]> probed = new ArrayList<>();
        for (JsonNode run : plan.path("runs")) {
            if (run.path("kind").asText().equals("probe")) {
                JsonNode series = JSON.readTree(out.resolve("runs").resolve(run.path("id").asText()).resolve("done.json")
                        .toFile()).path("result").path("error/attention-mlp/w-ols");
                assertThat(series.size()).isEqualTo(3);
                probed.add(new double[] {series.get(1).asDouble(), series.get(2).asDouble()});
            }
        }
        assertThat(probed).hasSize(2);
        List<Double> means = probed.stream().map(late -> (late[0] + late[1]) / 2).toList();
        assertThat(means).contains(control.path("left").path("mean").asDouble(), control.path("right").path("mean").asDouble());
        assertThat(images(Files.readString(out.resolve(SuiteReport.REPORT)))).contains("figures/fig4-probe-error-by-layer.png");
    }

    @Test
    void theBrowserCheckSeesARemoteImageAsARequestAndAnUnloadedImage(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "Debian's chromium is not installed (.ci/run installs it)");
        Path page = dir.resolve("remote.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><img src=\"http://example.invalid/figure.png\">"
                + "<script>window.addEventListener('load',function(){var a=document.images,n=0;for(var i=0;i<a.length;i++)"
                + "{if(a[i].naturalWidth>0){n++;}}document.body.setAttribute('data-images-loaded',n+'/'+a.length);});</script>"
                + "</body></html>");
        HeadlessChromium.Visit visit = HeadlessChromium.open(chromium.get(), page, dir.resolve("profile"));
        assertThat(visit.imagesLoaded()).contains("0/1");
        assertThat(visit.requests()).anyMatch(request -> request.contains("example.invalid"));
    }

    @Test
    void aBadSpecIsOneErrorNamingFileLineAndKeyAndWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, Files.readString(MINI).replace("experiment: mini", "experiment: bad").replace("  - id: eval\n    kind: evaluate", "  - id: eval\n    kind: evaluate\n    combin: zip"));
        Path out = dir.resolve("suite");
        CliRunner.Result result = CliRunner.run("sweep", "--spec", spec.toString(), "--out", out.toString());
        // The stage "eval" is the third (stages[2]); the key is on line 25 of the file, indented by four spaces.
        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains(spec.toString() + ":25:5: stages[2].combin: unknown key 'combin'").contains("combin").contains("allowed");
        assertThat(out).doesNotExist();
    }

    @Test
    void thePaperScalePrintsItsRunCountAndCostAndRunsNothing(@TempDir Path dir) {
        Path out = dir.resolve("suite");
        CliRunner.Result result = CliRunner.run("reproduce", "--scale", "paper", "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(Icl4j.OK);
        assertThat(result.out()).contains("suite at scale paper").contains("meant for GPUs");
        assertThat(out).doesNotExist();
    }

    static Map<String, JsonNode> claims(Path out) throws IOException {
        Map<String, JsonNode> claims = new HashMap<>();
        JSON.readTree(out.resolve("claims.json").toFile()).path("claims").forEach(claim -> claims.put(claim.path("id").asText(), claim));
        return claims;
    }

    static List<String> images(String html) {
        List<String> images = new ArrayList<>();
        Matcher matcher = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (matcher.find()) {
            images.add(matcher.group(1));
        }
        return images;
    }

    static Map<Path, FileTime> doneTimes(Path out) throws IOException {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("done.json")).toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
