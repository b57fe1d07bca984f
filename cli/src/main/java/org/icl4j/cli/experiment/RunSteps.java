package org.icl4j.cli.experiment;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.RunStep;
import org.icl4j.harness.Icl4j;

/**
 * The run step of the command line: each run goes to the {@link KindStep} of its kind. {@link #standard} offers
 * every kind experiment specs may use ({@code train}, {@code evaluate}, {@code probe}); a {@code RunSteps} built
 * without one of them (a host that leaves a kind out) fails its runs at once with {@link NoRunStepException}, so
 * their folders hold the reason in {@code error.txt}, {@code status} shows them as failed, and every claim that
 * needs them reads "not run at this scale" with that reason. Offering a kind is one class implementing
 * {@link KindStep} and its entry in {@link #standard}.
 */
public final class RunSteps implements RunStep {

    private final Map<String, KindStep> steps = new LinkedHashMap<>();

    /** @param steps the steps, one per kind */
    public RunSteps(List<KindStep> steps) {
        for (KindStep step : steps) {
            if (this.steps.put(step.kind(), step) != null) {
                throw new IllegalArgumentException("two run steps for kind '" + step.kind() + "'");
            }
        }
    }

    /**
     * @param icl4j the harness the steps train, evaluate and probe with
     * @param device the device of trainings and probes ({@code cpu} or {@code gpu}), or null for each run's own
     *     setting
     * @return the steps of this build: {@code train}, {@code evaluate} and {@code probe}
     */
    public static RunSteps standard(Icl4j icl4j, String device) {
        requireNonNull(icl4j, "icl4j is null");
        return new RunSteps(List.of(new TrainStep(icl4j, device), new EvaluateStep(icl4j), new ProbeStep(icl4j, device)));
    }

    /** @return the kinds offered */
    public Set<String> kinds() {
        return steps.keySet();
    }

    /** @return the kinds experiment specs may use that no step of this build runs */
    public List<String> missingKinds() {
        return ExperimentSpec.KINDS.stream().filter(kind -> !steps.containsKey(kind)).toList();
    }

    @Override
    public RunResult run(RunRequest request, Cancellation cancellation) throws Exception {
        KindStep step = steps.get(request.kind());
        if (step == null) {
            throw new NoRunStepException(request.kind(), steps.keySet());
        }
        if (cancellation.isCancelled()) {
            throw new CancellationException("cancelled before run " + request.id() + " started");
        }
        return step.run(request, cancellation);
    }

    /** A run whose kind no step of these steps offers. */
    public static final class NoRunStepException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoRunStepException(String kind, Set<String> offered) {
            super("no run step for kind '" + kind + "' in this build (it runs " + String.join(", ", offered) + ")");
        }
    }
}
