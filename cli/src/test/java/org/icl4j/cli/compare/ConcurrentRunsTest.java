package org.icl4j.cli.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icl4j.cli.Icl4j;
import org.icl4j.formats.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code compare} runs started at once in two JVMs, in the same folder and without {@code --out}, each end in
 * a complete run folder of its own under {@code runs/} (the default names are reserved, so runs started in the
 * same second do not share one, and neither run's results are replaced by the other's).
 */
class ConcurrentRunsTest {

    @Test
    void twoRunsWithoutOutStartedAtOnceBothKeepTheirResults(@TempDir Path folder) throws Exception {
        List<Process> runs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            Path log = folder.resolve("run-" + seed + ".log");
            logs.add(log);
            runs.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    Icl4j.class.getName(), "compare", "--d", "2", "--n", "4", "--episodes", "8", "--estimators", "ols",
                    "--metrics", "squared-error", "--seed", Integer.toString(seed))
                    .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(runs.get(i).exitValue()).as(Files.readString(logs.get(i))).isZero();
        }
        List<Path> written;
        try (Stream<Path> entries = Files.list(folder.resolve("runs"))) {
            written = entries.sorted().toList();
        }
        assertThat(written).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        List<Long> seeds = new ArrayList<>();
        for (Path run : written) {
            assertThat(run.getFileName().toString()).startsWith("compare-");
            assertThat(RunFolder.isRunFolder(run)).isTrue();
            for (String file : List.of("results.json", "squared-error.csv", "predictions.csv", "report.html")) {
                assertThat(run.resolve(file)).isNotEmptyFile();
            }
            JsonNode results = json.readTree(run.resolve("results.json").toFile());
            seeds.add(results.get("settings").get("seed").asLong());
            assertThat(results.get("settings").get("out").asText()).isEqualTo(run.toAbsolutePath().toString());
        }
        assertThat(seeds).containsExactlyInAnyOrder(1L, 2L);
        for (Path log : logs) {
            assertThat(Files.readString(log)).contains(java.io.File.separator + "runs" + java.io.File.separator + "compare-");
        }
    }

    @Test
    void aRunFolderIcl4jWroteCanBeOverwrittenButAUsersFolderCannot(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("run");
        String[] args = {"compare", "--d", "2", "--n", "4", "--episodes", "8", "--estimators", "ols", "--metrics",
            "squared-error", "--out", out.toString()};
        assertThat(org.icl4j.cli.CliRunner.run(args).exitCode()).isZero();
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--overwrite";
        assertThat(org.icl4j.cli.CliRunner.run(again).exitCode()).isZero();
        assertThat(out.resolve("results.json")).isNotEmptyFile();
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("run");
        }
    }
}
