package org.icl4j.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile experiment specs (the YAML reader): each is refused with one {@link MalformedSpecException} whose message
 * is one line of bounded length naming the spec file and the rule, and no spec makes the reader allocate in
 * proportion to what the YAML claims (alias bombs, deep nesting, huge expansions, oversized files).
 */
class HostileSpecsTest {

    private static final String VALID = """
            experiment: hostile
            title: t
            scales:
              smoke: {steps: 10}
              quick: {steps: 20}
              paper: {steps: 30}
            stages:
              - id: train
                kind: train
                seeds: 1
                settings: {learner: {steps: "${steps}"}}
            """;

    private record Case(String id, String yaml, String... expect) {
    }

    private static Stream<Case> cases() {
        String values = IntStream.range(0, 1000).mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElseThrow();
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'k'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            bomb.append("]\n");
        }
        return Stream.of(
                new Case("empty", "", "hostile.yaml", "empty"),
                new Case("not-yaml", "experiment: [unclosed\n", "hostile.yaml", "not valid yaml"),
                new Case("list-at-top", "- a\n- b\n", "hostile.yaml", "an experiment spec"),
                new Case("unknown-key", VALID + "bogus: 1\n", "hostile.yaml", "bogus"),
                new Case("name-mismatch", VALID.replace("experiment: hostile", "experiment: other"), "hostile.yaml",
                        "name the file"),
                new Case("no-stages", VALID.substring(0, VALID.indexOf("stages:")) + "stages: []\n", "hostile.yaml",
                        "at least one stage"),
                new Case("seeds-huge", VALID.replace("seeds: 1", "seeds: 100000000"), "hostile.yaml",
                        "must be between 1 and 1000 seeds"),
                new Case("seeds-beyond-long", VALID.replace("seeds: 1", "seeds: 99999999999999999999999"),
                        "hostile.yaml:10", "out of range of long"),
                new Case("axes-explode", VALID.replace("    seeds: 1\n", "    seeds: 1\n    axes:\n      layers: ["
                        + values + "]\n      hidden: [" + values + "]\n"), "hostile.yaml", "more than 100000 points"),
                new Case("alias-bomb", VALID + bomb, "hostile.yaml", "yaml"),
                new Case("deep-nesting", VALID + "description: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
                        "hostile.yaml", "yaml"),
                new Case("unknown-variable", VALID.replace("${steps}", "${nosuch}"), "hostile.yaml", "nosuch"),
                new Case("duplicate-key", VALID + "title: again\n", "hostile.yaml", "duplicate key"),
                new Case("unknown-kind", VALID.replace("kind: train", "kind: fly"), "hostile.yaml", "fly"),
                new Case("uses-unknown-stage", VALID + "  - id: eval\n    kind: evaluate\n    uses: nosuch\n"
                        + "    settings: {episodes: 8}\n", "hostile.yaml", "nosuch"),
                new Case("duplicate-stage", VALID + "  - id: train\n    kind: train\n    settings: {learner: {}}\n",
                        "hostile.yaml", "train"));
    }

    @TestFactory
    Stream<DynamicTest> everyHostileSpecIsOneLineNamingTheFileAndTheRule() {
        return cases().map(testCase -> DynamicTest.dynamicTest(testCase.id(), () -> {
            Throwable thrown = catchThrowable(() -> ExperimentSpec.parse(Path.of("experiments", "hostile.yaml"),
                    testCase.yaml()));
            assertRefused(testCase.id(), thrown, testCase.expect());
        }));
    }

    @Test
    void anOversizedSpecFileIsRefusedBeforeItIsRead(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("hostile.yaml");
        Files.writeString(file, VALID + "description: \"" + "x".repeat(3 << 20) + "\"\n");
        assertRefused("oversized", catchThrowable(() -> ExperimentSpec.read(file)), "hostile.yaml",
                "at most " + ExperimentSpec.MAX_FILE_BYTES + " bytes");
    }

    @Test
    void theValidSpecTheCasesStartFromIsAccepted() throws Exception {
        assertThat(ExperimentSpec.parse(Path.of("experiments", "hostile.yaml"), VALID).expand(Scale.SMOKE)).hasSize(1);
    }

    private static void assertRefused(String id, Throwable thrown, String... expect) {
        assertThat(thrown).as(id).isInstanceOf(MalformedSpecException.class);
        String message = thrown.getMessage();
        assertThat(message.lines().count()).as(id + ": " + message).isEqualTo(1);
        assertThat(message.length()).as(id + ": " + message).isLessThanOrEqualTo(700);
        for (String fragment : expect) {
            assertThat(message.toLowerCase(Locale.ROOT)).as(id).contains(fragment.toLowerCase(Locale.ROOT));
        }
    }
}
