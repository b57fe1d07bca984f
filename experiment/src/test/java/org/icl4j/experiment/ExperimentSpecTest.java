package org.icl4j.experiment;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentSpecTest {
    static final String SCALES = """
            scales:
              smoke: {steps: 10}
              quick: {steps: 20}
              paper: {steps: 30}
            """;

    static ExperimentSpec parse(String name, String text) throws MalformedSpecException {
        return ExperimentSpec.parse(Path.of("experiments", name + ".yaml"), text);
    }

    @Test
    void productAndZipExpandToTheirCounts() throws Exception {
        String stages = """
                stages:
                  - id: train
                    kind: train
                    combine: %s
                    axes:
                      layers: [1, 2, 4]
                      hidden: [16, 32, 64]
                    seeds: 2
                    settings: {learner: {layers: "${layers}", hidden: "${hidden}", steps: "${steps}"}}
                """;
        ExperimentSpec product = parse("grid", "experiment: grid\ntitle: t\n" + SCALES + stages.formatted("product"));
        ExperimentSpec zip = parse("grid", "experiment: grid\ntitle: t\n" + SCALES + stages.formatted("zip"));
        // 3 x 3 points x 2 seeds, and 3 zipped points x 2 seeds
        assertThat(product.expand(Scale.SMOKE)).hasSize(18);
        assertThat(zip.expand(Scale.SMOKE)).hasSize(6);
        assertThat(zip.expand(Scale.SMOKE).stream().map(u -> u.settings().settings("learner").integer("hidden") / 16
                        - u.settings().settings("learner").integer("layers")).distinct().toList())
                .as("zipped pairs are (1,16), (2,32), (4,64): hidden/16 - layers is always 0").containsExactly(0L);
        assertThat(product.expand(Scale.SMOKE).stream().map(Usage::id).distinct()).hasSize(18);
        assertThat(product.expand(Scale.QUICK).get(0).settings().settings("learner").integer("steps")).isEqualTo(20);
        assertThat(product.expand(Scale.SMOKE).get(1).settings().integer("seed")).isEqualTo(1);
    }

    @Test
    void runIdentityIgnoresKeyOrderAndNumberSpelling() throws Exception {
        ExperimentSpec one = parse("a", "experiment: a\ntitle: t\n" + SCALES + """
                stages:
                  - id: train
                    kind: train
                    settings: {task: {name: linear, d: 8, noise: 0}, learner: {steps: "${steps}", lr: 0.001}}
                """);
        ExperimentSpec two = parse("b", "experiment: b\ntitle: other\n" + SCALES + """
                stages:
                  - settings:
                      learner: {lr: 1.0e-3, steps: 10.0}
                      task: {noise: 0.0, d: 8, name: linear}
                    kind: train
                    id: fit
                """);
        Usage first = one.expand(Scale.SMOKE).get(0);
        Usage second = two.expand(Scale.SMOKE).get(0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.id().value()).startsWith("train-");
        // the identity is the hash of this exact text, which a reader can recompute
        assertThat(RunId.identityJson("train", first.settings(), first.input()))
                .isEqualTo("{\"kind\":\"train\",\"settings\":{\"learner\":{\"lr\":0.001,\"steps\":10},"
                        + "\"seed\":0,\"task\":{\"d\":8,\"name\":\"linear\",\"noise\":0}}}");
        assertThat(one.expand(Scale.QUICK).get(0).id()).isNotEqualTo(first.id());
    }

    @Test
    void unknownKeyNamesFileLineKeyAndAllowedKeys() {
        String text = "experiment: bad\ntitle: t\n" + SCALES + """
                stages:
                  - id: train
                    kind: train
                    combin: zip
                    settings: {}
                """;
        assertThatThrownBy(() -> parse("bad", text))
                .isInstanceOf(MalformedSpecException.class)
                .hasMessage("experiments/bad.yaml:10:5: stages[0].combin: unknown key 'combin' in a stage; "
                        + "allowed: id, kind, settings, uses, combine, axes, seeds")
                .satisfies(e -> {
                    assertThat(((MalformedSpecException) e).line()).isEqualTo(10);
                    assertThat(((MalformedSpecException) e).key()).isEqualTo("stages[0].combin");
                });
    }

    @Test
    void wrongTypeNamesTheValueFound() {
        String text = "experiment: bad\ntitle: t\n" + SCALES + """
                stages:
                  - id: train
                    kind: train
                    seeds: three
                    settings: {}
                """;
        assertThatThrownBy(() -> parse("bad", text))
                .hasMessage("experiments/bad.yaml:10:5: stages[0].seeds: expected a count of seeds (1 to 1000) or a "
                        + "non-empty list of whole numbers, found three (scale smoke)");
        String kind = "experiment: bad\ntitle: t\n" + SCALES + "stages:\n  - {id: train, kind: fit, settings: {}}\n";
        assertThatThrownBy(() -> parse("bad", kind))
                .hasMessage("experiments/bad.yaml:8:17: stages[0].kind: 'fit' is not allowed; allowed: train, evaluate, probe");
    }

    @Test
    void missingFieldNamesWhatIsRequired() {
        String text = "experiment: bad\ntitle: t\n" + SCALES + """
                stages:
                  - id: eval
                    kind: evaluate
                    uses: train
                """;
        assertThatThrownBy(() -> parse("bad", text))
                .hasMessage("experiments/bad.yaml:8:5: stages[0]: missing key 'settings' in a stage; required: id, kind, settings");
        String noScale = "experiment: bad\ntitle: t\nscales:\n  smoke: {}\n  quick: {}\nstages: []\n";
        assertThatThrownBy(() -> parse("bad", noScale))
                .hasMessage("experiments/bad.yaml:3:1: scales: missing key 'paper' in the scales; required: smoke, quick, paper");
    }

    @Test
    void unknownVariableAndUnequalZipAreLocated() {
        String variable = "experiment: bad\ntitle: t\n" + SCALES + """
                stages:
                  - id: train
                    kind: train
                    settings: {learner: {steps: "${step}"}}
                """;
        assertThatThrownBy(() -> parse("bad", variable))
                .hasMessage("experiments/bad.yaml:10:26: stages[0].settings.learner.steps: unknown variable 'step' (scale smoke); "
                        + "defined here: seed, steps");
        String zip = "experiment: bad\ntitle: t\n" + SCALES + """
                stages:
                  - id: train
                    kind: train
                    combine: zip
                    axes: {a: [1, 2], b: [1, 2, 3]}
                    settings: {a: "${a}", b: "${b}"}
                """;
        assertThatThrownBy(() -> parse("bad", zip))
                .hasMessageContaining("stages[0].axes.b: has 3 values but the axis before it has 2; zipped axes must have equal lengths");
    }

    @Test
    void claimsNameOnlyVariablesTheStageHas() {
        String text = "experiment: bad\ntitle: t\n" + SCALES + """
                stages:
                  - {id: train, kind: train, axes: {layers: [1, 2]}, settings: {layers: "${layers}"}}
                claims:
                  - id: c
                    statement: s
                    compare:
                      stage: train
                      where: {depth: 1}
                      left: {metric: loss}
                      op: "<"
                      right: 1
                """;
        assertThatThrownBy(() -> parse("bad", text))
                .hasMessage("experiments/bad.yaml:14:7: claims[0].compare.where: names variable 'depth', which the stage "
                        + "does not have at scale smoke; its variables: layers, seed, steps");
    }

    @Test
    void invalidYamlAndMismatchedNameAreOneError() {
        assertThatThrownBy(() -> parse("x", "experiment: [unclosed\n"))
                .isInstanceOf(MalformedSpecException.class)
                .hasMessageStartingWith("experiments/x.yaml:1:22: not valid YAML: while parsing a flow sequence")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parse("x", "experiment: y\ntitle: t\n" + SCALES + "stages: []\n"))
                .hasMessage("experiments/x.yaml:1:1: experiment: is 'y' but the file is x.yaml; name the file y.yaml or the experiment x");
        assertThatThrownBy(() -> parse("x", "experiment: x\nexperiment: x\n"))
                .hasMessage("experiments/x.yaml:2:1: experiment: duplicate key; each key may appear once");
    }

    @Test
    void dependentStagesRunOncePerUsedRunAndInheritSeeds() throws Exception {
        ExperimentSpec spec = parse("dep", "experiment: dep\ntitle: t\n" + SCALES + """
                stages:
                  - {id: train, kind: train, axes: {layers: [1, 2]}, seeds: [5, 7], settings: {layers: "${layers}"}}
                  - {id: eval, kind: evaluate, uses: train, axes: {episodes: [8, 16]}, settings: {episodes: "${episodes}"}}
                """);
        List<Usage> usages = spec.expand(Scale.SMOKE);
        List<Usage> evals = usages.stream().filter(u -> u.stage().equals("eval")).toList();
        assertThat(evals).hasSize(8);
        assertThat(evals.stream().map(Usage::seed).distinct()).containsExactlyInAnyOrder(5L, 7L);
        for (Usage eval : evals) {
            Usage train = usages.stream().filter(u -> u.id().equals(eval.input().orElseThrow())).findFirst().orElseThrow();
            assertThat(eval.seed()).isEqualTo(train.seed());
            assertThat(eval.point().integer("layers")).isEqualTo(train.settings().integer("layers"));
        }
    }
}
