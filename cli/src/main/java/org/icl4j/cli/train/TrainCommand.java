package org.icl4j.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icl4j.api.TrainingListener;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.StopOnSignal;
import org.icl4j.cli.TerminalProgress;
import org.icl4j.formats.Provenance;
import org.icl4j.harness.train.Training;
import org.icl4j.harness.train.TrainingRequest;
import org.icl4j.harness.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j train}: trains a transformer on fresh episodes of a task into a run folder (docs/TRAINING.md), with a
 * progress bar (step, loss, steps/s, ETA), {@code metrics.jsonl}, periodic evaluation against a reference estimator,
 * atomic checkpoints, a usable checkpoint on Ctrl-C or kill, {@code --resume}, and at the end plots of the loss and
 * the evaluations with a {@code report.html} ({@link TrainingReport}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a transformer in-context learner on a task (docs/TRAINING.md).")
public final class TrainCommand extends Icl4jCommand {

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Starting settings: tiny (about 15 s on one core: a first look and the tests; at d = 8 it ends well below "
                    + "the zero predictor but far from least squares), quick (about 28 minutes on 2 CPU cores, "
                    + "two data-parallel replicas: SPD/d below 0.01 against least squares at d = 8), paper (the authors' "
                    + "model, for a GPU). Default tiny.")
    private String preset;

    @Option(names = "--task", paramLabel = "SPEC",
            description = "Task to train on (default linear; on --resume the run's own); --d and --noise fill in its d and noise.")
    private String taskSpec;

    @Option(names = "--d", paramLabel = "D", description = "Input dimension of the task (default: the task spec's, else 8).")
    private Integer dimension;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Label noise σ of the task (default 0).")
    private Double noise;

    @Option(names = "--pairs", paramLabel = "N", description = "Pairs per training episode.")
    private Integer pairs;

    @Option(names = "--layers", paramLabel = "L", description = "Transformer blocks.")
    private Integer layers;

    @Option(names = "--hidden", paramLabel = "H", description = "Hidden width (the MLP follows as 4H).")
    private Integer hidden;

    @Option(names = "--heads", paramLabel = "M", description = "Attention heads.")
    private Integer heads;

    @Option(names = "--steps", paramLabel = "S", description = "Optimiser updates.")
    private Long steps;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate.")
    private Double learningRate;

    @Option(names = "--batch", paramLabel = "B", description = "Episodes per update.")
    private Integer batch;

    @Option(names = "--seed", paramLabel = "SEED", description = "Run seed (initial weights and every update's episodes).")
    private Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other learner setting, e.g. --set block=pre-ln --set curriculumEvery=500 (docs/TRAINING.md).")
    private List<String> settings = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "SPEC",
            description = "Estimator the periodic evaluations compare with (SPD/d); default ols on a noiseless task, "
                    + "bayes (the task's Bayes predictor) on a noisy one.")
    private String reference;

    @Option(names = "--engine", paramLabel = "SPEC", description = "Training engine and its options, e.g. "
            + "djl:device=gpu,threads=2 (default: the highest-ranked engine that trains, with its default options).")
    private String engineName;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Run folder, e.g. runs/NAME.")
    private Path out;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out, with its recorded task "
            + "and settings; a larger --steps extends it, any other changed setting is refused.")
    private boolean resume;

    @Override
    protected int run() throws Exception {
        TrainingRequest request = new TrainingRequest(taskSpec, dimension, noise, engineName, learnerParameters(),
                reference, out, resume);
        // Installed before anything slow, so a signal at any moment stops the run at a safe point.
        try (StopOnSignal stop = StopOnSignal.install(); Training training = Training.prepare(registry(), request)) {
            String starting = "training " + training.learner().name() + " on " + training.task().name() + " into " + out;
            TrainingResult result;
            try (ProgressListener listener = new ProgressListener(starting)) {
                result = training.train(listener, stop.token());
                listener.close();
                if (!result.completed()) {
                    // Stopped by Ctrl-C or kill: the checkpoint is written; the JVM exits with the signal's status
                    // once this command lets the handler go, so there is nothing more to report or plot.
                    err().println(result.outcome().stopMessage());
                    err().flush();
                    return Icl4j.FAILURE;
                }
                out().println("trained model: " + result.checkpoint());
            }
            TrainingReport.write(out, training.task().dimension(), commandLineText(), result.settings(),
                    Provenance.current(result.seed()).asMap());
            out().println("report: " + out.resolve(TrainingReport.REPORT));
        }
        return Icl4j.OK;
    }

    /** The learner spec's parameters: the preset and dedicated flags that were given, then every --set. */
    private Map<String, String> learnerParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "preset", preset);
        put(parameters, "pairs", pairs);
        put(parameters, "layers", layers);
        put(parameters, "hidden", hidden);
        put(parameters, "heads", heads);
        put(parameters, "steps", steps);
        put(parameters, "lr", learningRate);
        put(parameters, "batch", batch);
        put(parameters, "seed", seed);
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0 || equals == setting.length() - 1) {
                throw new IllegalArgumentException("--set needs KEY=VALUE, found '" + setting + "'");
            }
            String key = setting.substring(0, equals).strip();
            if (parameters.containsKey(key)) {
                throw new IllegalArgumentException("setting '" + key + "' is given twice (a flag and --set, or two --set)");
            }
            parameters.put(key, setting.substring(equals + 1).strip());
        }
        return parameters;
    }

    private static void put(Map<String, String> parameters, String key, Object value) {
        if (value != null) {
            parameters.put(key, value.toString());
        }
    }

    /**
     * Shows the bar (updates done of total, elapsed time and ETA, with the loss and updates per second beside it) and
     * prints each evaluation summary as it comes: above the bar on a terminal, as a plain line otherwise.
     */
    private final class ProgressListener implements TrainingListener, AutoCloseable {
        private TerminalProgress progress;
        private long first = -1;
        private long began;
        private final String starting;

        ProgressListener(String starting) {
            this.starting = starting;
        }

        /** Announces the run once the learner will honour a stop request, so a signal after this line is safe. */
        @Override
        public void onStart() {
            out().println(starting);
            out().flush();
        }

        @Override
        public void onStep(long step, long totalSteps, double loss, double learningRate) {
            if (progress == null) {
                first = step - 1;
                began = System.nanoTime();
                progress = TerminalProgress.withText("train", totalSteps - first, out());
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            // The bar shows the update count, elapsed time and ETA; the message stays short to fit 80 columns.
            progress.step(String.format(Locale.ROOT, "loss %.4g, %.1f/s", loss, (step - first) / Math.max(seconds, 1e-9)));
        }

        @Override
        public void onEvaluation(long step, String summary) {
            String line = "step " + step + ": " + summary;
            if (progress == null) {
                out().println(line);
                out().flush();
            } else {
                progress.println(line);
            }
        }

        @Override
        public void close() {
            if (progress != null) {
                progress.close();
                progress = null;
            }
        }
    }
}
