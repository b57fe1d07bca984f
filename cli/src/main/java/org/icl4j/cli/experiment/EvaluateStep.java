package org.icl4j.cli.experiment;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.algorithms.metric.DefaultEvaluation;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.Settings;
import org.icl4j.experiment.UsedRun;
import org.icl4j.harness.Icl4j;
import org.icl4j.harness.Progress;
import org.icl4j.harness.compare.CompareSettings;
import org.icl4j.harness.compare.Comparison;
import org.icl4j.harness.compare.ComparisonResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.icl4j.harness.compare.PreparedComparison;
import org.icl4j.harness.eval.Evaluation;

/**
 * Evaluates the model of the training the run uses against the listed estimators, on fresh episodes of the model's
 * own task (or of {@code task: {name, …}} when given) at the model's episode length. Settings: {@code episodes},
 * {@code estimators} (specs), {@code metrics} (specs), optional {@code task}, {@code probes} (default 64) and the
 * run's {@code seed}; the episodes are drawn with seed {@value #EPISODE_SEED_OFFSET} + seed, a stream no training
 * update uses.
 *
 * <p>Series, every one of the model against an estimator (as the paper plots each algorithm against the model):
 * {@code <metric>/<estimator spec>} per k for a pairwise per-k metric (SPD, ILWD), length 1 for a pairwise
 * aggregate (MSPD over k < d); for a single-estimator metric (R²) {@code <metric>/<estimator spec>} for each
 * estimator and {@code <metric>/model} for the model. Estimator specs are written as the spec lists them.
 */
final class EvaluateStep implements KindStep {

    /** Added to the run's seed to seed the evaluation episodes. */
    static final long EPISODE_SEED_OFFSET = 1_000_000;
    /** The series name of the model itself. */
    static final String MODEL = "model";

    private final Icl4j icl4j;

    EvaluateStep(Icl4j icl4j) {
        this.icl4j = requireNonNull(icl4j, "icl4j is null");
    }

    @Override
    public String kind() {
        return "evaluate";
    }

    @Override
    public RunResult run(RunRequest request, Cancellation cancellation) throws IOException {
        Settings settings = request.settings();
        UsedRun training = request.input().orElseThrow(() -> new IllegalArgumentException(
                "an evaluate run needs the training it evaluates (uses: in its stage)"));
        List<String> estimators = StepSettings.list("estimators", settings.get("estimators").orElse(null));
        List<String> metrics = StepSettings.list("metrics", settings.get("metrics").orElse(null));
        String task = settings.get("task").isPresent() ? StepSettings.spec("task", settings.settings("task")) : null;
        int probes = settings.get("probes").isPresent() ? Math.toIntExact(settings.integer("probes"))
                : DefaultEvaluation.DEFAULT_PROBES;
        long seed = EPISODE_SEED_OFFSET + settings.integer("seed");
        Evaluation model = Evaluation.of(training.folder(), task, null);
        CompareSettings compare = CompareSettings.defaults().task(model.task()).length(model.length())
                .episodes(Math.toIntExact(settings.integer("episodes"))).estimators(String.join(",", estimators))
                .reference(estimators.get(0)).metrics(String.join(",", metrics)).probes(probes).seed(seed)
                .model(model.checkpoint());
        try (PreparedComparison prepared = PreparedComparison.prepare(icl4j.registry(), compare)) {
            List<Estimator> all = prepared.estimators();
            if (all.size() != estimators.size() + 1) {
                throw new IllegalStateException("expected " + estimators.size() + " estimators and the model, found " + all.size());
            }
            Estimator trained = all.get(all.size() - 1);
            DefaultEvaluation evaluation = new DefaultEvaluation(prepared.episodes(), probes, Rng.of(seed, 1).nextLong());
            // The model is the reference, so every pairwise metric is the model against each estimator.
            ComparisonResult result = Comparison.run(evaluation, all, trained,
                    metrics(compare, new CreationContext(prepared.task())), Progress.NONE);
            return series(result, estimators);
        }
    }

    private List<Comparison.NamedMetric> metrics(CompareSettings settings, CreationContext context) {
        List<Comparison.NamedMetric> named = new ArrayList<>();
        for (Spec spec : Spec.parseList(settings.metrics())) {
            ComponentFactory<Metric> factory = icl4j.registry().components().metrics().factory(spec.name());
            boolean takesProbes = factory.parameters().stream().anyMatch(p -> p.name().equals("probes"));
            Spec filled = takesProbes && spec.get("probes").isEmpty() ? spec.with("probes", Integer.toString(settings.probes())) : spec;
            named.add(new Comparison.NamedMetric(spec.toString(), factory.description(),
                    icl4j.registry().components().metrics().create(filled, context)));
        }
        return named;
    }

    /** Names each result by the metric as listed and the estimator as listed (position i of the comparison). */
    private static RunResult series(ComparisonResult result, List<String> listed) {
        RunResult.Builder builder = RunResult.builder();
        int count = result.estimators().size();
        int model = count - 1;
        List<String> names = new ArrayList<>(listed);
        names.add(MODEL);
        for (MetricOutcome outcome : result.metrics()) {
            List<MetricResult> results = outcome.results();
            if (outcome.arity() == Metric.Arity.SINGLE) {
                for (int e = 0; e < count; e++) {
                    builder.series(outcome.spec() + "/" + names.get(e), results.get(e).mean());
                }
            } else if (outcome.isMatrix()) {
                for (int e = 0; e < model; e++) {
                    builder.series(outcome.spec() + "/" + names.get(e), results.get(model * count + e).mean());
                }
            } else {
                // Every estimator but the reference (the model), in order.
                for (int e = 0; e < model; e++) {
                    builder.series(outcome.spec() + "/" + names.get(e), results.get(e).mean());
                }
            }
        }
        return builder.build();
    }
}
