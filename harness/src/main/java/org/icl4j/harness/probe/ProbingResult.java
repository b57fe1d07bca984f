package org.icl4j.harness.probe;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.algorithms.probe.Probing;

/**
 * The outcome of a probing job.
 *
 * @param runs the model's run, then the control's if one was given
 * @param task the task the episodes were drawn from
 * @param targets the targets' names, in order
 * @param probe the probe's spec as given
 * @param settings the sizes and seed
 * @param seconds wall time of the job
 */
public record ProbingResult(List<Probed> runs, String task, List<String> targets, String probe,
                            Probing.Settings settings, double seconds) {

    /** The role of the probed model. */
    public static final String MODEL = "model";
    /** The role of the control model. */
    public static final String CONTROL = "control";

    /** Copies the lists. */
    public ProbingResult {
        runs = List.copyOf(runs);
        targets = List.copyOf(targets);
        requireNonNull(task, "task is null");
        requireNonNull(probe, "probe is null");
        requireNonNull(settings, "settings is null");
    }

    /**
     * One model's scores.
     *
     * @param role {@value #MODEL} or {@value #CONTROL}
     * @param model the path given
     * @param trainedOn the task its checkpoint records, or null (an ONNX file, a compiled model)
     * @param result the scores per target, layer and k
     * @param reused how many (target, layer) scores were read back from the score folder instead of trained
     */
    public record Probed(String role, Path model, String trainedOn, ProbeResult result, int reused) {
        /** Checks the required parts. */
        public Probed {
            requireNonNull(role, "role is null");
            requireNonNull(model, "model is null");
            requireNonNull(result, "result is null");
        }
    }
}
