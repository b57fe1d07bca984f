package org.icl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.icl4j.api.MetricResult;
import org.icl4j.engine.onnx.InContextRegressor;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.harness.Icl4j;
import org.icl4j.harness.compare.CompareSettings;
import org.icl4j.harness.compare.ComparisonResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.icl4j.harness.export.ExportResult;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the embedding examples of README.md. Each example's code is written once here, between {@code // begin NAME}
 * and {@code // end NAME}; the test also reads README.md and fails unless the code block after
 * {@code <!-- example: NAME -->} is exactly that code, so the README cannot drift from code that compiles and runs.
 */
class ReadmeExamplesTest {

    private static final Path SOURCE = Path.of("src/test/java/org/icl4j/cli/ReadmeExamplesTest.java");
    private static final Path README = Path.of("../README.md");

    @TempDir
    Path directory;

    @Test
    void theHarnessExampleRunsAndMatchesTheReadme() throws Exception {
        Path runs = Files.createDirectories(directory.resolve("runs"));
        TransformerConfig config = TransformerConfig.of(8, 16, 2, 16, 2, HeadSizeConvention.STANDARD, BlockVariant.AUTHORS);
        RandomCheckpoints.write(runs.resolve("quick").resolve("checkpoint"), config, 5);
        Path runFolder = runs.resolve("quick");
        Path onnxFile = directory.resolve("quick.onnx");
        List<String> printed = new ArrayList<>();

        // begin harness
        Icl4j icl4j = Icl4j.builder().build();                  // .plugins(Path.of("plugins")) adds plugin jars
        ComparisonResult result = icl4j.compare(CompareSettings.defaults()
                .dimension(8).length(16).episodes(64).seed(1)
                .estimators("ols,averaging").metrics("squared-error,spd")
                .model(runFolder));                             // a trained model is one more estimator
        for (MetricOutcome metric : result.metrics()) {
            for (MetricResult value : metric.results()) {       // per-k means, with lower() and upper() bounds
                printed.add(metric.spec() + " " + value.first() + " at k=8: " + value.mean()[8]);
            }
        }
        ExportResult exported = icl4j.export(runFolder, onnxFile, "onnx", false);
        // end harness

        assertThat(result.estimators()).containsExactly("ols", "averaging", "djl-transformer:quick");
        assertThat(printed).hasSize(3 + 2);
        assertThat(printed.get(0)).startsWith("squared-error ols at k=8: ");
        assertThat(exported.file()).isEqualTo(onnxFile.toAbsolutePath());
        assertThat(exported.bytes()).isEqualTo(Files.size(onnxFile));
        assertThat(exported.description()).contains("xs [batch, n, 8]").contains("n up to 16");
        assertThat(example("harness")).isEqualTo(readme("harness"));
    }

    @Test
    void theOnnxFacadeExampleRunsAndMatchesTheReadme() throws Exception {
        TransformerConfig config = TransformerConfig.of(8, 16, 2, 16, 2, HeadSizeConvention.STANDARD, BlockVariant.AUTHORS);
        Path checkpoint = RandomCheckpoints.write(directory.resolve("checkpoint"), config, 7);
        Path model = Icl4j.builder().build().export(checkpoint, directory.resolve("quick.onnx"), "onnx", false).file();

        // begin onnx-facade
        double y;
        double[] many;
        try (var learner = InContextRegressor.load(model)) {                       // org.icl4j.engine.onnx
            double[][] xs = {{0.3, -1.2, 0.5, 0.0, 1.1, -0.4, 0.9, 0.2},           // k = 2 examples, d = 8
                             {1.0, 0.1, -0.3, 0.7, -0.8, 0.4, 0.0, -1.5}};
            double[] ys = {0.8, -0.2};
            double[] query = {0.5, 0.5, -0.1, 0.3, 0.0, 1.0, -0.7, 0.2};
            y = learner.predict(xs, ys, query);                                    // thread-safe
            double[][][] contexts = {xs, xs};                                      // E = 2 episodes: [E][k][d]
            double[][] labels = {ys, {-0.2, 0.8}};                                 // [E][k]
            double[][] queries = {query, xs[0]};                                   // [E][d]
            many = learner.predict(contexts, labels, queries);                     // one prediction per episode
        }
        // end onnx-facade

        assertThat(many).hasSize(2);
        // The batched call's first episode is the single call's context and query.
        assertThat(many[0]).isCloseTo(y, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Double.isFinite(y)).isTrue();
        assertThat(example("onnx-facade")).isEqualTo(readme("onnx-facade"));
    }

    /** The example's lines in this file, without their common indentation. */
    private static List<String> example(String name) throws IOException {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("// begin " + Pattern.quote(name) + "\\R(.*?)\\R\\s*// end " + Pattern.quote(name),
                Pattern.DOTALL).matcher(source);
        assertThat(matcher.find()).as("example '%s' in %s", name, SOURCE).isTrue();
        return dedent(matcher.group(1));
    }

    /** The lines of the java block after {@code <!-- example: NAME -->} in README.md. */
    private static List<String> readme(String name) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("<!-- example: " + Pattern.quote(name) + " -->\\R```java\\R(.*?)\\R```",
                Pattern.DOTALL).matcher(readme);
        assertThat(matcher.find()).as("example '%s' in README.md", name).isTrue();
        return dedent(matcher.group(1));
    }

    private static List<String> dedent(String block) {
        List<String> lines = block.lines().map(String::stripTrailing).toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
