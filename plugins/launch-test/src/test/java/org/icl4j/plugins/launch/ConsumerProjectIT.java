package org.icl4j.plugins.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.icl4j.plugins.launch.FreshJvm.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's project built outside the reactor, from docs/PLUGINS.md alone: every code block there that
 * follows a {@code <!-- consumer: PATH -->} line is written to PATH in an empty folder, which is built with its
 * own Maven run (offline, against the local repository into which {@code mvn install} has just installed icl4j).
 * Its pom depends on icl4j-api and icl4j-testkit only; the build runs the contract tests on its estimator and
 * packages the jar, which {@code icl4j --plugins} then loads in a fresh JVM.
 *
 * <p>It runs in the integration-test phase (after this module's own tests, before install), because it needs the
 * earlier modules installed: `mvn -B install`, the test command of README.md and .ci/run, provides that.
 */
class ConsumerProjectIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Pattern BLOCK = Pattern.compile("<!-- consumer: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path temp;

    @Test
    void thePluginProjectOfTheDocsBuildsTestsPackagesAndLoads() throws Exception {
        Path project = Files.createDirectories(temp.resolve("mean-label"));
        Map<String, String> files = consumerFiles();
        assertThat(files).containsKeys("pom.xml", "src/main/resources/META-INF/services/org.icl4j.api.Plugin");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = project.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue() + "\n");
        }
        assertThat(files.get("pom.xml")).contains("<artifactId>icl4j-api</artifactId>")
                .contains("<artifactId>icl4j-testkit</artifactId>")
                .doesNotContain("icl4j-algorithms").doesNotContain("icl4j-harness").doesNotContain("<parent>");

        String repository = requiredProperty("icl4j.localRepository");
        Path mvn = Path.of(requiredProperty("icl4j.mavenHome"), "bin", "mvn");
        Run build = FreshJvm.run(temp, project, List.of(mvn.toString(), "-B", "-o", "-Dmaven.repo.local=" + repository,
                "package"));
        assertThat(build.code()).as(build.output()).isZero();

        // The contract tests ran, each test of both contracts, and passed.
        int testsRun = 0;
        try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
            for (Path report : reports.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList()) {
                String xml = Files.readString(report);
                assertThat(xml).contains("failures=\"0\"").contains("errors=\"0\"");
                Matcher tests = Pattern.compile(" tests=\"(\\d+)\"").matcher(xml);
                assertThat(tests.find()).isTrue();
                testsRun += Integer.parseInt(tests.group(1));
            }
        }
        assertThat(testsRun).as("tests of EstimatorContractTest and PluginContractTest").isGreaterThanOrEqualTo(13);

        Path plugins = Files.createDirectories(temp.resolve("my-plugins"));
        Files.copy(project.resolve("target/mean-label-1.0.0.jar"), plugins.resolve("mean-label-1.0.0.jar"));
        Run list = FreshJvm.icl4j(temp, "--plugins", plugins.toString(), "list");
        assertThat(list.code()).as(list.output()).isZero();
        assertThat(list.output()).contains("mean-label  (" + plugins.resolve("mean-label-1.0.0.jar") + ")")
                .contains("  mean-label - predicts the mean of the labels seen so far  [plugin mean-label]");

        Path out = temp.resolve("compare");
        Run compare = FreshJvm.icl4j(temp, "--plugins", plugins.toString(), "compare", "--d", "4", "--n", "10",
                "--episodes", "64", "--estimators", "mean-label,ols", "--metrics", "squared-error", "--out", out.toString());
        assertThat(compare.code()).as(compare.output()).isZero();
        // At k = 0 both predict 0 (no labels seen, and least squares on no pairs is w = 0), so their errors agree.
        Map<String, String> atZero = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("squared-error.csv"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(",");
            if (fields[0].equals("0")) {
                atZero.put(fields[1], fields[2]);
            }
        }
        assertThat(atZero).containsOnlyKeys("mean-label", "ols");
        assertThat(Double.parseDouble(atZero.get("mean-label"))).isEqualTo(Double.parseDouble(atZero.get("ols")));
    }

    private static Map<String, String> consumerFiles() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/PLUGINS.md"));
        Map<String, String> files = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(doc);
        while (block.find()) {
            files.put(block.group(1), block.group(2));
        }
        return files;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by plugins/launch-test/pom.xml)", name).isNotBlank();
        return value;
    }
}
