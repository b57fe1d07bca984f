package org.icl4j.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite: every case of {@code hostile-inputs.jsonl} (a damaged, lying or oversized file, an
 * impossible or huge setting, an output folder that would lose data) is run by {@link HostileInputRunner} in one
 * child JVM with a 256 MiB heap and must be refused: exit code 2, exactly one line on standard error, of bounded
 * length, that contains the case's {@code expect} fragments (the input it names and the rule it states), nothing
 * else printed by a library, no exception escaping, and no file under the inputs' folder created, changed or
 * deleted.
 *
 * <p>Each case's line: {@code id}, {@code reader} (which input kind it attacks), {@code args} (after
 * {@code icl4j}; paths are relative to the inputs' folder, {@code ${home}} is the home folder) and
 * {@code expect}. The fixtures are written by {@link HostileFixtures}.
 */
class HostileInputTest {

    /** The heap of the child JVM: far below what any refused size would allocate. */
    static final String HEAP = "-Xmx256m";
    /** The longest accepted error line. */
    static final int MAX_LINE = 700;
    static final Set<String> READERS = Set.of("spec", "flag", "out", "npz", "safetensors", "config", "state", "onnx");
    static final Set<String> COMMANDS = Set.of("compare", "eval", "train", "export", "construct", "list");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static final List<JsonNode> CASES = new ArrayList<>();
    private static final Map<String, JsonNode> RESULTS = new LinkedHashMap<>();
    private static String childOutput;
    private static Path inputs;

    @BeforeAll
    static void runEveryCaseInAChildJvm() throws IOException, InterruptedException {
        inputs = temp.resolve("in");
        HostileFixtures.write(inputs);
        String home = Path.of(System.getProperty("user.home")).toAbsolutePath().toString();
        StringBuilder resolved = new StringBuilder();
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile-inputs.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                ObjectNode testCase = (ObjectNode) JSON.readTree(line);
                ArrayNode args = JSON.createArrayNode();
                testCase.get("args").forEach(argument -> args.add(argument.asText().replace("${home}", home)));
                testCase.set("args", args);
                CASES.add(testCase);
                resolved.append(JSON.writeValueAsString(testCase)).append('\n');
            }
        }
        Path cases = Files.writeString(temp.resolve("cases.jsonl"), resolved);
        Path results = temp.resolve("results.jsonl");
        Path log = temp.resolve("child.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), HostileInputRunner.class.getName(),
                cases.toString(), results.toString());
        Process child = new ProcessBuilder(command).directory(inputs.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!child.waitFor(8, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        childOutput = Files.readString(log);
        if (Files.exists(results)) {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                JsonNode result = JSON.readTree(line);
                RESULTS.put(result.get("id").asText(), result);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseIsRefusedWithOneLineNamingTheInputAndTheRule() {
        return CASES.stream().map(testCase -> DynamicTest.dynamicTest(testCase.get("id").asText(), () -> {
            String id = testCase.get("id").asText();
            JsonNode result = RESULTS.get(id);
            assertThat(result).as("no result for %s; the child JVM said: %s", id, childOutput).isNotNull();
            String err = result.get("err").asText();
            String described = id + " " + testCase.get("args") + " -> exit " + result.get("exit") + ", stderr: " + err
                    + ", escaped: " + result.get("escaped") + ", stray: " + result.get("stray").asText()
                    + ", changed: " + result.get("changed");
            assertThat(result.get("escaped").isNull()).as(described).isTrue();
            assertThat(result.get("exit").asInt()).as(described).isEqualTo(2);
            List<String> lines = err.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as(described).hasSize(1);
            assertThat(lines.get(0).length()).as(described).isLessThanOrEqualTo(MAX_LINE);
            for (JsonNode fragment : testCase.get("expect")) {
                assertThat(lines.get(0).toLowerCase(Locale.ROOT)).as(described)
                        .contains(fragment.asText().toLowerCase(Locale.ROOT));
            }
            assertThat(result.get("stray").asText()).as(described).isEmpty();
            assertThat(result.get("changed")).as(described).isEmpty();
        }));
    }

    @Test
    void theSuiteCoversEveryReaderAndCommandWithAtLeastEightyCases() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(80);
        Set<String> ids = new TreeSet<>();
        Set<String> readers = new TreeSet<>();
        Set<String> commands = new TreeSet<>();
        for (JsonNode testCase : CASES) {
            assertThat(ids.add(testCase.get("id").asText())).as("duplicate id " + testCase.get("id")).isTrue();
            readers.add(testCase.get("reader").asText());
            commands.add(testCase.get("args").get(0).asText());
            assertThat(testCase.get("expect").size()).as("%s names an input and a rule", testCase.get("id"))
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(readers).containsAll(READERS);
        assertThat(commands).containsAll(COMMANDS);
    }

    @Test
    void theChildJvmPrintedNothingOutsideTheCases() {
        assertThat(RESULTS).as(childOutput).hasSameSizeAs(CASES);
        assertThat(childOutput).isEmpty();
    }
}
