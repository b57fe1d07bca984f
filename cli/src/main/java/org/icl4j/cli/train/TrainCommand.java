package org.icl4j.cli.train;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.api.Capability;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Engine;
import org.icl4j.api.Estimator;
import org.icl4j.api.Learner;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.api.TrainedModel;
import org.icl4j.api.TrainingListener;
import org.icl4j.formats.BadInputException;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.Progress;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.RunLayout;
import org.icl4j.cli.plugin.Components;
import org.icl4j.engine.djl.DjlTransformerLearner;
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

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "tiny",
            description = "Starting settings: tiny (seconds), quick (minutes on 2 CPU cores), paper (GPU). Default tiny.")
    private String preset;

    @Option(names = "--task", paramLabel = "SPEC", defaultValue = "linear",
            description = "Task to train on (default linear); --d and --noise fill in its d and noise.")
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

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu (default) or gpu.")
    private String device;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other learner setting, e.g. --set block=pre-ln --set curriculumEvery=500 (docs/TRAINING.md).")
    private List<String> settings = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "SPEC", defaultValue = "ols",
            description = "Estimator the periodic evaluations compare with (SPD/d), default ols.")
    private String reference;

    @Option(names = "--engine", paramLabel = "NAME", description = "Training engine (default: the highest-ranked one that trains).")
    private String engineName;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Run folder, e.g. runs/NAME.")
    private Path out;

    @Option(names = "--resume", description = "Continue the run whose checkpoint is in --out.")
    private boolean resume;

    @Override
    protected int run() throws Exception {
        Components components = components();
        Path checkpoint = out.resolve(RunLayout.CHECKPOINT_DIRECTORY);
        if (resume && !Checkpoint.exists(checkpoint)) {
            throw new BadInputException("--resume: " + out + " holds no checkpoint to continue; drop --resume to start");
        }
        if (!resume && Checkpoint.exists(checkpoint)) {
            throw new BadInputException(out + " already holds a trained model; add --resume to continue it or choose "
                    + "another --out");
        }
        Task task = createTask(components);
        Engine engine = engines().select(Optional.ofNullable(engineName), Capability.TRAINING);
        Learner learner = engine.learner(new Spec(engine.name(), learnerParameters()));
        Estimator baseline = components.estimators().create(reference, new CreationContext(task));
        try {
            if (learner instanceof DjlTransformerLearner transformerLearner) {
                learner = transformerLearner.withEvaluationBaseline(baseline);
            }
            String starting = "training " + learner.name() + " on " + task.name() + " into " + out;
            try (ProgressListener listener = new ProgressListener(starting);
                    TrainedModel model = learner.train(task, out, resume, listener)) {
                listener.close();
                out().println("trained model: " + model.checkpoint());
                if (listener.lastEvaluation != null && !listener.evaluationsPrinted) {
                    // Behind a progress bar the evaluations were not printed as they came; show the last one.
                    out().println(listener.lastEvaluation);
                }
            } catch (InterruptedIOException e) {
                // Stopped by Ctrl-C or kill: the learner has written its checkpoint and said so on standard error;
                // the JVM is exiting with the signal's status, so there is nothing more to report or plot.
                return Icl4j.FAILURE;
            }
            TrainingReport.write(out, task.dimension(), commandLineText(), reportSettings(learner, task, engine),
                    Provenance.current(learner instanceof DjlTransformerLearner transformerLearner
                            ? transformerLearner.settings().seed() : 0).asMap());
            out().println("report: " + out.resolve(TrainingReport.REPORT));
        } finally {
            baseline.close();
        }
        return Icl4j.OK;
    }

    /** The settings the report shows: the task, the learner's resolved settings, the reference and the folder. */
    private Map<String, Object> reportSettings(Learner learner, Task task, Engine engine) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("task", task.name());
        shown.put("engine", engine.name());
        if (learner instanceof DjlTransformerLearner transformerLearner) {
            shown.putAll(transformerLearner.settings().values());
        } else {
            shown.put("learner", learner.name());
        }
        shown.put("reference", reference);
        shown.put("resumed", resume);
        shown.put("out", out.toAbsolutePath().normalize().toString());
        return shown;
    }

    /** The learner spec's parameters: the preset, the dedicated flags, then every --set. */
    private Map<String, String> learnerParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("preset", preset);
        put(parameters, "pairs", pairs);
        put(parameters, "layers", layers);
        put(parameters, "hidden", hidden);
        put(parameters, "heads", heads);
        put(parameters, "steps", steps);
        put(parameters, "lr", learningRate);
        put(parameters, "batch", batch);
        put(parameters, "seed", seed);
        put(parameters, "device", device);
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

    private Task createTask(Components components) {
        Spec spec = Spec.parse(taskSpec);
        ComponentFactory<Task> factory = components.tasks().factory(spec.name());
        List<String> parameters = factory.parameters().stream().map(Parameter::name).toList();
        spec = fill(spec, parameters, "d", "--d", dimension == null ? null : dimension.toString());
        spec = fill(spec, parameters, "noise", "--noise", noise == null ? null : noise.toString());
        return components.tasks().create(spec, CreationContext.NONE);
    }

    private static Spec fill(Spec spec, List<String> parameters, String key, String flag, String value) {
        if (value == null) {
            return spec;
        }
        if (!parameters.contains(key)) {
            throw new IllegalArgumentException("task '" + spec.name() + "' has no parameter '" + key + "', so " + flag
                    + " does not apply; its parameters: " + String.join(", ", parameters));
        }
        if (spec.get(key).isPresent() && !spec.get(key).get().equals(value)) {
            throw new IllegalArgumentException(flag + " " + value + " disagrees with " + key + "=" + spec.get(key).get()
                    + " in --task " + spec + "; give it once");
        }
        return spec.with(key, value);
    }

    /** Shows step, loss, steps/s and (through the bar) the ETA; prints evaluation summaries. */
    private final class ProgressListener implements TrainingListener, AutoCloseable {
        private Progress progress;
        private long first = -1;
        private long began;
        private String lastEvaluation;
        private boolean evaluationsPrinted;
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
                progress = Progress.forTerminal("train", totalSteps - first);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            progress.step(String.format(Locale.ROOT, "step %d/%d, loss %.4f, %.1f steps/s", step, totalSteps, loss,
                    (step - first) / Math.max(seconds, 1e-9)));
        }

        @Override
        public void onEvaluation(long step, String summary) {
            lastEvaluation = "step " + step + ": " + summary;
            if (progress == null || progress == Progress.NONE) {
                evaluationsPrinted = true;
                out().println(lastEvaluation);
                out().flush();
            }
        }

        @Override
        public void close() {
            if (progress != null) {
                progress.close();
                progress = Progress.NONE;
            }
        }
    }
}
