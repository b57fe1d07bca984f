package org.icl4j.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalExecutorOrderTest {
    static final String SPEC = """
            experiment: order
            title: order
            scales:
              smoke: {d: 2}
              quick: {d: 2}
              paper: {d: 2}
            stages:
              - id: train
                kind: train
                axes: {n: [100, 900, 300]}
                settings: {task: {name: linear, d: "${d}"}, learner: {layers: 2, hidden: 8, pairs: 4, batch: 2, steps: "${n}"}}
              - {id: eval, kind: evaluate, uses: train, settings: {episodes: 16}}
            """;

    @Test
    void theCostliestReadyRunStartsFirst(@TempDir Path out) throws Exception {
        Suite suite = new Suite(List.of(ExperimentSpec.parse(Path.of("order.yaml"), SPEC)), Scale.SMOKE);
        SuiteTest.FakeStep step = new SuiteTest.FakeStep();

        suite.run(new SuiteFolder(out), new LocalExecutor(1), step, new Cancellation(), SuiteListener.NONE);

        // one job: the three trainings (same model, so cost follows the number of updates) from the longest to
        // the shortest, each before any evaluation, since an evaluation of 16 episodes costs less than a training
        List<Long> order = step.requests.stream()
                .map(request -> request.kind().equals("train") ? request.settings().settings("learner").integer("steps") : -1L)
                .toList();
        assertThat(order).containsExactly(900L, 300L, 100L, -1L, -1L, -1L);
    }

    @Test
    void aRunAndTheRunsThatUseItCountTogether() throws Exception {
        Plan plan = new Suite(List.of(ExperimentSpec.parse(Path.of("order.yaml"), SPEC)), Scale.SMOKE).plan();
        List<PlannedRun> sorted = LocalExecutor.longestFirst(plan, plan.runs());

        assertThat(sorted.get(0).kind()).isEqualTo("train");
        assertThat(sorted.get(0).settings().settings("learner").integer("steps")).isEqualTo(900);
        // the evaluations are equal in cost, so they keep plan order: that of their trainings, 100, 900, 300
        List<Optional<RunId>> trainings = plan.runs().stream()
                .filter(run -> run.kind().equals("train")).map(run -> Optional.of(run.id())).toList();
        assertThat(plan.runs().stream().filter(run -> run.kind().equals("train"))
                .map(run -> run.settings().settings("learner").integer("steps"))).containsExactly(100L, 900L, 300L);
        List<PlannedRun> evaluations = sorted.subList(3, 6);
        assertThat(evaluations).extracting(PlannedRun::kind).containsOnly("evaluate");
        assertThat(evaluations).extracting(PlannedRun::input).containsExactlyElementsOf(trainings);
    }
}
