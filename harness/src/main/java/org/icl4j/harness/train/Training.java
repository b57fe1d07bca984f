package org.icl4j.harness.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icl4j.api.CancellationToken;
import java.util.stream.Stream;
import org.icl4j.api.Capability;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Engine;
import org.icl4j.api.Estimator;
import org.icl4j.api.Learner;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.api.TrainingListener;
import org.icl4j.api.TrainingOutcome;
import org.icl4j.api.TrainingRun;
import org.icl4j.formats.BadInputException;
import org.icl4j.formats.Limits;
import org.icl4j.formats.RunFolder;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.harness.compare.DefaultReference;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.Registry;

/**
 * A training run whose task, engine, learner and evaluation baseline are created and checked; {@link #train} runs
 * it. The engine is found through the registry by capability and rank (or by the request's engine spec), never by
 * class; the learner's result is the SPI's typed {@link TrainingOutcome}.
 */
public final class Training implements AutoCloseable {

    private final TrainingRequest request;
    private final Task task;
    private final Engine engine;
    private final Learner learner;
    private final Estimator baseline;
    private final String reference;

    private Training(TrainingRequest request, Task task, Engine engine, Learner learner, Estimator baseline,
                     String reference) {
        this.reference = reference;
        this.request = request;
        this.task = task;
        this.engine = engine;
        this.learner = learner;
        this.baseline = baseline;
    }

    /**
     * Checks the request against the run folder and creates the components. A resumed run without a task takes
     * the task its checkpoint records.
     *
     * @param registry the registered components and engines
     * @param request what to train
     * @return the prepared run; the caller closes it (it holds the evaluation baseline)
     * @throws BadInputException when {@code resume} finds no checkpoint, or a new run finds one
     * @throws IllegalArgumentException for an unknown task, engine or setting
     */
    public static Training prepare(Registry registry, TrainingRequest request) {
        checkOutputFolder(request);
        Path checkpoint = request.out().resolve(RunLayout.CHECKPOINT_DIRECTORY);
        if (request.resume() && !Checkpoint.exists(checkpoint)) {
            throw new BadInputException("--resume: " + request.out() + " holds no checkpoint to continue; drop --resume to start");
        }
        if (!request.resume() && Checkpoint.exists(checkpoint)) {
            throw new BadInputException(request.out() + " already holds a trained model; add --resume to continue it or choose "
                    + "another --out");
        }
        Components components = registry.components();
        Task task = createTask(components, request, taskSpec(request, checkpoint));
        Engine engine = registry.engines().select(Optional.ofNullable(request.engine()), Capability.TRAINING);
        Learner learner = engine.learner(new Spec(engine.name(), request.learner()));
        String reference = request.reference() != null ? request.reference() : DefaultReference.of(task);
        Estimator baseline = components.estimators().create(reference, new CreationContext(task));
        return new Training(request, task, engine, learner, baseline, reference);
    }

    private static String taskSpec(TrainingRequest request, Path checkpoint) {
        if (request.task() != null) {
            return request.task();
        }
        if (!request.resume()) {
            return TrainingRequest.DEFAULT_TASK;
        }
        String recorded;
        try {
            recorded = Checkpoint.read(checkpoint, false).task();
        } catch (IOException e) {
            throw new BadInputException("--resume: cannot read the checkpoint in " + checkpoint + ": " + e.getMessage());
        }
        if (recorded == null) {
            throw new BadInputException("--resume: the checkpoint in " + checkpoint + " records no task; give it with --task");
        }
        return recorded;
    }

    /**
     * The --out rules of {@link RunFolder#checkLocation}, and: the run folder is a folder, and a new run starts
     * only in a missing or empty folder or in a run folder icl4j wrote (so a user's files are never mixed with or
     * replaced by a run's).
     */
    private static void checkOutputFolder(TrainingRequest request) {
        Path out = request.out();
        Path absolute = RunFolder.checkLocation(out);
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new BadInputException("--out " + out + " is a file; give a folder (new, or a run folder to --resume)");
        }
        if (!request.resume() && Files.isDirectory(absolute) && !RunFolder.isRunFolder(absolute)
                && !Checkpoint.exists(absolute.resolve(RunLayout.CHECKPOINT_DIRECTORY))) {
            try (Stream<Path> entries = Files.list(absolute)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException("--out " + out + " holds files icl4j did not write (no "
                            + RunFolder.MARKER + " marker); a new run needs a new or empty folder");
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read --out " + out + ": " + e.getMessage(), e);
            }
        }
    }

    /** @return the task */
    public Task task() {
        return task;
    }

    /** @return the learner */
    public Learner learner() {
        return learner;
    }

    /**
     * Trains until done or cancelled.
     *
     * @param listener receives progress and evaluations
     * @param cancellation stops the run after the update in flight, with a resumable checkpoint
     * @return the run, completed or stopped
     * @throws IOException when the run folder cannot be written or its checkpoint cannot be read
     */
    public TrainingResult train(TrainingListener listener, CancellationToken cancellation) throws IOException {
        boolean created = !Files.exists(request.out());
        Files.createDirectories(request.out());
        RunFolder.mark(request.out());
        TrainingOutcome outcome;
        try {
            outcome = learner.train(new TrainingRun(task, request.out(), request.resume(), baseline, listener,
                    cancellation));
        } catch (IOException | RuntimeException e) {
            if (created) {
                removeIfOnlyMarked(request.out());
            }
            throw e;
        }
        return new TrainingResult(request.out(), outcome, settings(outcome));
    }

    /** Removes a run folder this run created when the run failed before writing anything into it. */
    private static void removeIfOnlyMarked(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.allMatch(entry -> entry.getFileName().toString().equals(RunFolder.MARKER))) {
                Files.deleteIfExists(folder.resolve(RunFolder.MARKER));
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // Best effort: an empty marked folder is harmless and a later run may use it.
        }
    }

    /** What reports show: task, engine, the learner's resolved settings, reference, resumed and out. */
    private Map<String, Object> settings(TrainingOutcome outcome) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("task", task.name());
        shown.put("engine", engine.name());
        shown.putAll(outcome.settings());
        shown.put("reference", reference);
        shown.put("resumed", request.resume());
        shown.put("out", request.out().toAbsolutePath().normalize().toString());
        return shown;
    }

    /** Closes the evaluation baseline. */
    @Override
    public void close() {
        baseline.close();
    }

    private static Task createTask(Components components, TrainingRequest request, String taskSpec) {
        Spec spec = Spec.parse(taskSpec);
        ComponentFactory<Task> factory = components.tasks().factory(spec.name());
        List<String> parameters = factory.parameters().stream().map(Parameter::name).toList();
        spec = fill(spec, parameters, "d", "--d", request.dimension() == null ? null : request.dimension().toString());
        spec = fill(spec, parameters, "noise", "--noise", request.noise() == null ? null : request.noise().toString());
        Limits.requireTaskDimension(spec.toString(), spec.get("d"));
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
}
