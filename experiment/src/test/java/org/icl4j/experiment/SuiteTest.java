package org.icl4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SuiteTest {
    static final String SCALES = """
            scales:
              smoke: {d: 2, steps: 3}
              quick: {d: 2, steps: 6}
              paper: {d: 2, steps: 9}
            """;
    static final String TRAIN = """
              - id: %s
                kind: train
                seeds: 2
                settings: {task: {name: linear, d: "${d}"}, learner: {steps: "${steps}"}}
            """;
    static final String FIG_A = "experiment: fig-a\ntitle: A\n" + SCALES + "stages:\n" + TRAIN.formatted("train") + """
              - {id: eval, kind: evaluate, uses: train, settings: {episodes: 16}}
            claims:
              - id: ols-closer
                statement: "SPD(model, OLS) < SPD(model, Ridge) at k >= d"
                compare:
                  stage: eval
                  left: {metric: spd/ols, k: ">=d"}
                  op: "<"
                  right: {metric: spd/ridge, k: ">=d"}
              - id: later
                statement: "only at paper scale"
                scales: [paper]
                compare: {stage: eval, left: {metric: spd/ols}, op: "<", right: 0}
            """;
    static final String FIG_B = "experiment: fig-b\ntitle: B\n" + SCALES + "stages:\n" + TRAIN.formatted("fit") + """
              - {id: r2, kind: evaluate, uses: fit, settings: {episodes: 32}}
            """;

    /** A fake step: training writes its seed as its "model"; evaluation reads it back into known series. */
    static final class FakeStep implements RunStep {
        final Map<RunId, Integer> calls = new ConcurrentHashMap<>();
        final List<RunRequest> requests = new CopyOnWriteArrayList<>();
        volatile RunId interruptAt;

        @Override
        public RunResult run(RunRequest request, Cancellation cancellation) throws Exception {
            calls.merge(request.id(), 1, Integer::sum);
            requests.add(request);
            if (request.kind().equals("train")) {
                Files.writeString(request.folder().resolve("model.txt"), String.valueOf(request.settings().integer("seed")));
                return RunResult.builder().series("loss", 1.0 / (request.settings().integer("seed") + 1)).build();
            }
            if (request.id().equals(interruptAt) && !request.resume()) {
                Files.writeString(request.folder().resolve("checkpoint.txt"), "half");
                cancellation.cancel();
                throw new CancellationException("stopped at a checkpoint");
            }
            if (request.resume()) {
                assertThat(Files.readString(request.folder().resolve("checkpoint.txt"))).isEqualTo("half");
            }
            long seed = Long.parseLong(Files.readString(request.input().orElseThrow().folder().resolve("model.txt")));
            double ols = 0.1 * (seed + 1);
            return RunResult.builder().series("spd/ols", 0, ols, ols, ols).series("spd/ridge", 0, 0.5, 0.5, 0.5).build();
        }
    }

    static Suite suite(Scale scale) throws Exception {
        return new Suite(List.of(ExperimentSpec.parse(Path.of("fig-a.yaml"), FIG_A), ExperimentSpec.parse(Path.of("fig-b.yaml"), FIG_B)), scale);
    }

    @Test
    void sharedTrainingRunsOnceAndTheClaimIsCheckedFromTheResults(@TempDir Path out) throws Exception {
        Suite suite = suite(Scale.SMOKE);
        // two experiments ask for the same two trainings (seeds 0 and 1) under different stage names
        assertThat(suite.usages()).hasSize(8);
        assertThat(suite.plan().runs()).hasSize(6);
        assertThat(suite.plan().runs().subList(0, 2)).allSatisfy(run -> {
            assertThat(run.kind()).isEqualTo("train");
            assertThat(run.experiments()).containsExactly("fig-a", "fig-b");
        });
        FakeStep step = new FakeStep();
        SuiteFolder folder = new SuiteFolder(out);
        Map<RunState, Integer> counts = suite.run(folder, new LocalExecutor(2), step, new Cancellation(), SuiteListener.NONE);

        assertThat(counts.get(RunState.DONE)).isEqualTo(6);
        assertThat(step.calls.values()).containsOnly(1);
        assertThat(step.requests.stream().filter(r -> r.kind().equals("train"))).hasSize(2);
        JsonNode claims = SuiteFolder.JSON.readTree(out.resolve("claims.json").toFile());
        JsonNode olsCloser = claims.get("claims").get(0);
        assertThat(olsCloser.get("verdict").asText()).isEqualTo("holds");
        // k >= d = 2 reads entries 2 and 3: seed 0 gives 0.1, seed 1 gives 0.2; mean 0.15, s = 0.1/sqrt(2),
        // standard error 0.05, t(0.975, 1) = 12.7062047362
        JsonNode left = olsCloser.get("points").get(0).get("left");
        assertThat(left.get("mean").asDouble()).isCloseTo(0.15, within(1e-12));
        assertThat(left.get("low").asDouble()).isCloseTo(0.15 - 12.7062047362 * 0.05, within(1e-9));
        assertThat(left.get("seeds").asInt()).isEqualTo(2);
        assertThat(olsCloser.get("points").get(0).get("right").get("mean").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(claims.get("claims").get(1).get("verdict").asText()).isEqualTo("not run at this scale");
        assertThat(claims.get("verdicts").get("holds").asInt()).isEqualTo(1);

        JsonNode aggregate = SuiteFolder.JSON.readTree(out.resolve("aggregate.json").toFile());
        JsonNode loss = aggregate.get("experiments").get("fig-b").get("fit").get(0).get("series").get("loss");
        assertThat(loss.get("mean").get(0).asDouble()).isCloseTo((1.0 + 0.5) / 2, within(1e-12));

        // a second invocation finds every run done and runs nothing
        suite.run(folder, new LocalExecutor(2), step, new Cancellation(), SuiteListener.NONE);
        assertThat(step.calls.values()).containsOnly(1);
    }

    @Test
    void resumeAfterAnInterruptionSkipsFinishedRunsAndResumesTheInterruptedOne(@TempDir Path out) throws Exception {
        Suite suite = suite(Scale.SMOKE);
        Plan plan = suite.plan();
        PlannedRun interrupted = plan.runs().get(3);
        assertThat(interrupted.kind()).isEqualTo("evaluate");
        FakeStep step = new FakeStep();
        step.interruptAt = interrupted.id();
        SuiteFolder folder = new SuiteFolder(out);
        Map<RunState, Integer> first = suite.run(folder, new LocalExecutor(1), step, new Cancellation(), SuiteListener.NONE);

        // one job: runs 0, 1, 2 finished, run 3 stopped at its checkpoint, nothing started after the cancellation
        assertThat(first).containsEntry(RunState.DONE, 3).containsEntry(RunState.STARTED, 1).containsEntry(RunState.PENDING, 2);
        assertThat(folder.state(interrupted.id())).isEqualTo(RunState.STARTED);
        JsonNode claims = SuiteFolder.JSON.readTree(out.resolve("claims.json").toFile());
        assertThat(claims.get("claims").get(0).get("reason").asText()).isEqualTo("1 of 2 runs of stage 'eval' are not done");

        step.calls.clear();
        step.requests.clear();
        Map<RunState, Integer> second = suite.run(folder, new LocalExecutor(1), step, new Cancellation(), SuiteListener.NONE);
        assertThat(second).containsEntry(RunState.DONE, 6);
        assertThat(step.calls.keySet()).containsExactlyInAnyOrder(interrupted.id(), plan.runs().get(4).id(), plan.runs().get(5).id());
        assertThat(step.requests).filteredOn(r -> r.id().equals(interrupted.id())).singleElement()
                .satisfies(r -> assertThat(r.resume()).isTrue());
        assertThat(step.requests).filteredOn(r -> !r.id().equals(interrupted.id())).allSatisfy(r -> assertThat(r.resume()).isFalse());
    }

    @Test
    void runOneExecutesOneRunOfTheSavedPlanWithTheSameResult(@TempDir Path pool, @TempDir Path array) throws Exception {
        Suite suite = suite(Scale.SMOKE);
        suite.run(new SuiteFolder(pool), new LocalExecutor(2), new FakeStep(), new Cancellation(), SuiteListener.NONE);

        SuiteFolder folder = new SuiteFolder(array);
        folder.writePlan(suite.plan());
        FakeStep step = new FakeStep();
        PlannedRun evaluation = suite.plan().runs().get(2);
        assertThat(RunExecution.runOne(folder, 2, step, new Cancellation())).isEqualTo(RunOutcome.BLOCKED);
        for (int index = 0; index < suite.plan().runs().size(); index++) {
            assertThat(RunExecution.runOne(folder, index, step, new Cancellation())).isEqualTo(RunOutcome.FINISHED);
        }
        assertThat(RunExecution.runOne(folder, 0, step, new Cancellation())).isEqualTo(RunOutcome.ALREADY_DONE);
        assertThat(Files.readString(folder.runFolder(evaluation.id()).resolve("done.json")))
                .isEqualTo(Files.readString(new SuiteFolder(pool).runFolder(evaluation.id()).resolve("done.json")));
        assertThatThrownBy(() -> RunExecution.runOne(folder, 6, step, new Cancellation()))
                .hasMessage("run index must be between 0 and 5 (the plan in " + array + " has 6 runs), found 6");
    }

    @Test
    void aFailedTrainingBlocksOnlyItsEvaluations(@TempDir Path out) throws Exception {
        Suite suite = suite(Scale.SMOKE);
        RunId failing = suite.plan().runs().get(0).id();
        FakeStep fake = new FakeStep();
        RunStep step = (request, cancellation) -> {
            if (request.id().equals(failing)) {
                throw new IllegalStateException("diverged");
            }
            return fake.run(request, cancellation);
        };
        SuiteFolder folder = new SuiteFolder(out);
        Map<RunState, Integer> counts = suite.run(folder, new LocalExecutor(2), step, new Cancellation(), SuiteListener.NONE);
        assertThat(counts).containsEntry(RunState.FAILED, 1).containsEntry(RunState.DONE, 3).containsEntry(RunState.PENDING, 2);
        assertThat(folder.error(failing)).contains("IllegalStateException: diverged");
    }

    @Test
    void aClaimWhoseRunFailedNamesTheRunAndItsError(@TempDir Path out) throws Exception {
        Suite suite = suite(Scale.SMOKE);
        RunId failing = suite.plan().runs().stream().filter(run -> run.kind().equals("evaluate")
                && run.experiments().contains("fig-a")).findFirst().orElseThrow().id();
        FakeStep fake = new FakeStep();
        RunStep step = (request, cancellation) -> {
            if (request.id().equals(failing)) {
                throw new IllegalStateException("no step for this kind");
            }
            return fake.run(request, cancellation);
        };
        SuiteFolder folder = new SuiteFolder(out);
        suite.run(folder, new LocalExecutor(2), step, new Cancellation(), SuiteListener.NONE);
        JsonNode claims = SuiteFolder.JSON.readTree(out.resolve("claims.json").toFile());
        assertThat(claims.get("claims").get(0).get("verdict").asText()).isEqualTo("not run at this scale");
        assertThat(claims.get("claims").get(0).get("reason").asText())
                .isEqualTo("1 of 2 runs of stage 'eval' are not done; run " + failing + " failed: no step for this kind");
    }

    @Test
    void paperScaleIsCostedButNotRunHere(@TempDir Path out) throws Exception {
        Suite suite = suite(Scale.PAPER);
        assertThatThrownBy(() -> suite.run(new SuiteFolder(out), new LocalExecutor(1), new FakeStep(), new Cancellation(), SuiteListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the paper scale (6 runs) is meant for GPUs");
        assertThat(suite.describe()).last().asString().startsWith("suite at scale paper: 6 runs (2 trainings)");
    }

    @Test
    void parameterCountOfAOneLayerModelIsCountedByHand() {
        // H = 2, F = 8, d = 1, n = 1: Q, K, V, O 4 x (2x2 + 2) = 24; MLP 2x8 + 8 + 8x2 + 2 = 42; two layer norms 8;
        // input Linear(2 -> 2) 6; positions (2n + 2) x H = 8; readout Linear(2 -> 1) 3; total 91
        Settings train = Settings.of(Map.of("task", Map.of("d", 1), "learner", Map.of("layers", 1, "hidden", 2, "pairs", 1)));
        assertThat(CostEstimate.parameters(train)).contains(91.0);
    }

    @Test
    void progressLineCountsRunsAndNamesTheFigure(@TempDir Path out) throws Exception {
        Suite suite = suite(Scale.SMOKE);
        long[] now = {0};
        SuiteProgress progress = new SuiteProgress(suite.plan(), new SuiteFolder(out), () -> now[0]);
        assertThat(progress.line()).isEqualTo("runs 0/6 done · time left known after the first run");
        progress.started(suite.plan().runs().get(0));
        progress.started(suite.plan().runs().get(2));
        assertThat(progress.line()).isEqualTo("runs 0/6 done, 2 running · fig-a · time left known after the first run");
    }

    @Test
    void meanIntervalOfThreeValues() {
        // 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.30265272975
        MeanInterval interval = MeanInterval.of(new double[] {1, 2, 3});
        assertThat(interval.mean()).isEqualTo(2.0);
        assertThat(interval.high()).isCloseTo(2 + 4.30265272975 / Math.sqrt(3), within(1e-9));
        assertThat(MeanInterval.of(new double[] {4}).low()).isNaN();
    }
}
