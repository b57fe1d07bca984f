package org.icl4j.experiment;

import java.util.Locale;
import java.util.Optional;

/**
 * What a plan costs, from its settings alone: training updates, updates × model parameters, and floating-point
 * operations by the usual rule of thumb (6 per parameter per training token, 2 per parameter per token of a
 * forward pass). A run whose settings lack a needed value is counted as {@code unknown}.
 *
 * <p>Reads: a train run's {@code task.d} and {@code learner.layers}, {@code hidden}, {@code mlpHidden} (4·hidden
 * when absent), {@code pairs}, {@code batch}, {@code steps}; an evaluate or probe run's {@code episodes} and
 * {@code pairs} (the model's when absent) and the model of the train run it uses.
 *
 * @param runs runs counted
 * @param trainings train runs among them
 * @param updates training updates in all
 * @param parameterUpdates the sum over trainings of updates × parameters
 * @param flops estimated floating-point operations
 * @param unknown runs whose cost could not be estimated
 */
public record CostEstimate(int runs, int trainings, long updates, double parameterUpdates, double flops, int unknown) {
    /**
     * @param plan a plan
     * @return its cost
     */
    public static CostEstimate of(Plan plan) {
        int trainings = 0;
        long updates = 0;
        double parameterUpdates = 0;
        double flops = 0;
        int unknown = 0;
        for (PlannedRun run : plan.runs()) {
            if (run.kind().equals("train")) {
                trainings++;
                Optional<Long> steps = whole(run.settings(), "learner", "steps");
                Optional<Double> parameters = parameters(run.settings());
                if (steps.isPresent() && parameters.isPresent()) {
                    updates += steps.get();
                    parameterUpdates += steps.get() * parameters.get();
                }
            }
            Optional<Double> cost = flops(plan, run);
            if (cost.isPresent()) {
                flops += cost.get();
            } else {
                unknown++;
            }
        }
        return new CostEstimate(plan.runs().size(), trainings, updates, parameterUpdates, flops, unknown);
    }

    /**
     * @param plan the plan holding {@code run}
     * @param run a run
     * @return its estimated floating-point operations, if its settings tell
     */
    public static Optional<Double> flops(Plan plan, PlannedRun run) {
        if (run.kind().equals("train")) {
            Optional<Long> steps = whole(run.settings(), "learner", "steps");
            Optional<Long> batch = whole(run.settings(), "learner", "batch");
            Optional<Long> pairs = whole(run.settings(), "learner", "pairs");
            Optional<Double> parameters = parameters(run.settings());
            if (steps.isEmpty() || batch.isEmpty() || pairs.isEmpty() || parameters.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(6.0 * parameters.get() * 2 * pairs.get() * batch.get() * steps.get());
        }
        Optional<PlannedRun> model = run.input().flatMap(plan::run);
        Optional<Long> episodes = whole(run.settings(), "episodes");
        if (model.isEmpty() || episodes.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> pairs = whole(run.settings(), "pairs").or(() -> whole(model.get().settings(), "learner", "pairs"));
        Optional<Double> parameters = parameters(model.get().settings());
        if (pairs.isEmpty() || parameters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(2.0 * parameters.get() * 2 * pairs.get() * episodes.get());
    }

    /**
     * Parameters of the transformer of docs/MODEL.md: per block attention 4H² + 4H, MLP 2HF + F + H, two layer
     * norms 4H; input projection (d+1)H + H, position embedding (2n+2)H, readout H + 1.
     */
    static Optional<Double> parameters(Settings train) {
        Optional<Long> d = whole(train, "task", "d");
        Optional<Long> layers = whole(train, "learner", "layers");
        Optional<Long> hidden = whole(train, "learner", "hidden");
        Optional<Long> pairs = whole(train, "learner", "pairs");
        if (d.isEmpty() || layers.isEmpty() || hidden.isEmpty() || pairs.isEmpty()) {
            return Optional.empty();
        }
        double h = hidden.get();
        double f = whole(train, "learner", "mlpHidden").map(Long::doubleValue).orElse(4 * h);
        double block = 4 * h * h + 4 * h + 2 * h * f + f + h + 4 * h;
        return Optional.of(layers.get() * block + (d.get() + 1) * h + h + (2 * pairs.get() + 2) * h + h + 1);
    }

    private static Optional<Long> whole(Settings settings, String... path) {
        Object value = settings;
        for (String key : path) {
            if (!(value instanceof Settings nested)) {
                return Optional.empty();
            }
            value = nested.get(key).orElse(null);
        }
        return value instanceof Long number ? Optional.of(number) : Optional.empty();
    }

    /** @return one line, e.g. {@code 12 runs (5 trainings): 7.5e4 updates, 3.2e9 update-parameters, ≈ 4.1e14 FLOPs} */
    public String describe() {
        return String.format(Locale.ROOT, "%d runs (%d trainings): %d updates, %.2g updates × parameters, about %.2g FLOPs%s",
                runs, trainings, updates, parameterUpdates, flops,
                unknown == 0 ? "" : " (" + unknown + " runs without an estimate)");
    }
}
