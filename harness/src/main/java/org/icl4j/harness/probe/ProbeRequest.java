package org.icl4j.harness.probe;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What to probe, with the names of the command line's flags ({@code icl4j probe}).
 *
 * @param model a run folder, a checkpoint folder or an {@code .onnx} file exported with {@code hidden_states}
 * @param control a control model probed on the same episodes (e.g. trained on {@code linear:w=ones}), or null
 * @param targets probe target specs separated by commas, e.g. {@code xty,w-ols,w}
 * @param probe the probe's spec, e.g. {@code attention-mlp:steps=2000,device=cpu} or {@code last-linear}
 * @param task the task of the episodes, or null for the one the model's checkpoint records
 * @param length pairs per episode n, or null for the checkpoint's {@code maxPairs}
 * @param prefixes K (prefixes k = 1 … K are probed), or null for n − 1
 * @param trainEpisodes episodes the probes are trained on
 * @param testEpisodes held-out episodes they are scored on
 * @param batch episodes per model pass
 * @param seed seed of the episodes
 * @param engine the engine that loads the models, or null to choose by the model's kind
 * @param scores a folder that keeps every finished score so that a rerun with the same request resumes, or null
 *     to keep nothing
 */
public record ProbeRequest(Path model, Path control, String targets, String probe, String task, Integer length,
                           Integer prefixes, int trainEpisodes, int testEpisodes, int batch, long seed, String engine,
                           Path scores) {

    /** The default targets: the paper's three. */
    public static final String DEFAULT_TARGETS = "xty,w-ols,w";
    /** The default probe: the paper's, with the MLP head. */
    public static final String DEFAULT_PROBE = "attention-mlp";

    /** Checks the required parts. */
    public ProbeRequest {
        requireNonNull(model, "model is null");
        requireNonNull(targets, "targets is null");
        requireNonNull(probe, "probe is null");
    }

    /**
     * @param model the model
     * @return a request with the defaults of {@code icl4j probe}: the paper's targets and probe, 2048 training and
     *     512 held-out episodes, batches of 64, seed 0, the model's own task and length, no control, no score folder
     */
    public static ProbeRequest of(Path model) {
        return new ProbeRequest(model, null, DEFAULT_TARGETS, DEFAULT_PROBE, null, null, null, 2048, 512, 64, 0, null,
                null);
    }
}
