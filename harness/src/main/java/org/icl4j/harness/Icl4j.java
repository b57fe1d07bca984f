package org.icl4j.harness;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import org.icl4j.api.CancellationToken;
import org.icl4j.api.TrainingListener;
import org.icl4j.harness.compare.CompareSettings;
import org.icl4j.harness.compare.ComparisonResult;
import org.icl4j.harness.compare.PreparedComparison;
import org.icl4j.harness.eval.Evaluation;
import org.icl4j.harness.export.ExportResult;
import org.icl4j.harness.export.Exports;
import org.icl4j.harness.plugin.PluginLoader;
import org.icl4j.harness.plugin.Registry;
import org.icl4j.harness.probe.ProbeRequest;
import org.icl4j.harness.probe.Probes;
import org.icl4j.harness.probe.ProbingResult;
import org.icl4j.harness.train.Training;
import org.icl4j.harness.train.TrainingRequest;
import org.icl4j.harness.train.TrainingResult;

/**
 * icl4j embedded in a JVM application: the plugins on the class path (and in an optional plugins folder), and the
 * jobs of the command line as methods that return typed results and write nothing unless asked to.
 *
 * <pre>{@code
 * Icl4j icl4j = Icl4j.builder().plugins(Path.of("plugins")).build();
 * ComparisonResult result = icl4j.compare(CompareSettings.defaults().dimension(4).episodes(64)
 *         .estimators("ols,averaging").metrics("squared-error,spd"));
 * }</pre>
 *
 * <p>Engines, exporters, tasks, estimators and metrics are found through the SPI ({@link org.icl4j.api.Plugin})
 * only; {@link #registry()} lists them. Bad settings throw {@link IllegalArgumentException} or
 * {@link org.icl4j.formats.BadInputException} naming the setting and what is allowed.
 */
public final class Icl4j {

    private final Registry registry;

    private Icl4j(Registry registry) {
        this.registry = registry;
    }

    /** @return a builder that discovers plugins on this class's class loader */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the registered components, engines, exporters and plugins */
    public Registry registry() {
        return registry;
    }

    /**
     * Compares estimators (and saved models) on the same episodes.
     *
     * @param settings what to compare
     * @return every estimator's predictions and every metric's outcome
     * @throws IOException when an episodes file or a model cannot be read
     */
    public ComparisonResult compare(CompareSettings settings) throws IOException {
        return compare(settings, Progress.NONE);
    }

    /**
     * Compares estimators (and saved models) on the same episodes, reporting progress.
     *
     * @param settings what to compare
     * @param progress receives one step per prediction set and metric value
     * @return every estimator's predictions and every metric's outcome
     * @throws IOException when an episodes file or a model cannot be read
     */
    public ComparisonResult compare(CompareSettings settings, Progress progress) throws IOException {
        try (PreparedComparison comparison = PreparedComparison.prepare(registry, settings)) {
            return comparison.run(progress);
        }
    }

    /**
     * Compares a trained model with other estimators on its own task and episode length (from its config.json),
     * with every other choice taken from {@code settings}.
     *
     * @param model a run folder or checkpoint folder
     * @param settings the estimators, metrics, episodes and seed; its task and length are replaced
     * @return the comparison
     * @throws IOException when the model cannot be read
     */
    public ComparisonResult evaluate(Path model, CompareSettings settings) throws IOException {
        Evaluation evaluation = Evaluation.of(model, null, null);
        return compare(settings.task(evaluation.task()).length(evaluation.length()).model(evaluation.checkpoint()));
    }

    /**
     * Trains a model into a run folder with the registered engine that trains, until done.
     *
     * @param request what to train
     * @param listener receives progress and evaluations
     * @return the finished run
     * @throws IOException when the run folder cannot be written
     */
    public TrainingResult train(TrainingRequest request, TrainingListener listener) throws IOException {
        return train(request, listener, CancellationToken.none());
    }

    /**
     * Trains a model into a run folder with the registered engine that trains. Cancelling {@code cancellation}
     * (from any thread) stops the run after the update in flight, with a checkpoint that {@code --resume}
     * continues; the result then says {@link TrainingResult#completed()} false.
     *
     * @param request what to train
     * @param listener receives progress and evaluations
     * @param cancellation stops the run when cancelled
     * @return the finished or stopped run
     * @throws IOException when the run folder cannot be written
     */
    public TrainingResult train(TrainingRequest request, TrainingListener listener, CancellationToken cancellation)
            throws IOException {
        try (Training training = Training.prepare(registry, requireNonNull(request, "request is null"))) {
            return training.train(requireNonNull(listener, "listener is null"),
                    requireNonNull(cancellation, "cancellation is null"));
        }
    }

    /**
     * Exports a checkpoint with the registered exporter of {@code format} and checks that the file loads.
     *
     * @param model a checkpoint folder or a training run folder
     * @param out the file to write (replaced if present)
     * @param format the format, e.g. {@code onnx}
     * @param hiddenStates whether the exported model also outputs hidden states
     * @return the written export
     * @throws IOException when the model cannot be read or the file cannot be written
     */
    public ExportResult export(Path model, Path out, String format, boolean hiddenStates) throws IOException {
        return Exports.export(registry, format, model, out, hiddenStates, true);
    }

    /**
     * Probes a model's hidden states (and a control's) layer by layer for the requested targets with the
     * requested probe, both found in the registry by spec ({@code attention-mlp:device=gpu}, {@code last-linear}).
     * When the request names a score folder, every finished score is kept there and a rerun of the same request
     * reuses them; the caller deletes the folder when it no longer needs it.
     *
     * @param request what to probe
     * @param progress receives the planned total and one step per streamed batch and trained (target, layer)
     * @return the scores of the model and the control
     * @throws IOException when a model cannot be read
     */
    public ProbingResult probe(ProbeRequest request, Progress progress) throws IOException {
        return Probes.run(registry, request, progress);
    }

    /** Configures where plugins come from. */
    public static final class Builder {

        private Path plugins;
        private ClassLoader classLoader = Icl4j.class.getClassLoader();

        private Builder() {
        }

        /**
         * @param folder a folder of plugin jars to load besides the class path, or null for none
         * @return this
         */
        public Builder plugins(Path folder) {
            this.plugins = folder;
            return this;
        }

        /**
         * @param loader the class loader whose class path holds the built-in plugins (default: icl4j's own)
         * @return this
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = requireNonNull(loader, "loader is null");
            return this;
        }

        /**
         * Discovers the plugins and registers their contributions.
         *
         * @return the embedded icl4j
         * @throws IOException when the plugins folder cannot be listed
         * @throws IllegalArgumentException when the plugins folder does not exist or two plugins contribute one name
         */
        public Icl4j build() throws IOException {
            return new Icl4j(Registry.of(PluginLoader.discover(classLoader, plugins)));
        }
    }
}
