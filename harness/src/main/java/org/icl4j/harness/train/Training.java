package org.icl4j.harness.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.harness.compare.DefaultReference;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.Registry;

/**
 * A training run whose task, engine, learner and evaluation baseline are created and checked; {@link #train} runs
 * it. The engine is found through the registry by capability, never by class.
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
     * Checks the request against the run folder and creates the components.
     *
     * @param registry the registered components and engines
     * @param request what to train
     * @return the prepared run; the caller closes it (it holds the evaluation baseline)
     * @throws BadInputException when {@code resume} finds no checkpoint, or a new run finds one
     * @throws IllegalArgumentException for an unknown task, engine or setting
     */
    public static Training prepare(Registry registry, TrainingRequest request) {
        Path checkpoint = request.out().resolve(RunLayout.CHECKPOINT_DIRECTORY);
        if (request.resume() && !Checkpoint.exists(checkpoint)) {
            throw new BadInputException("--resume: " + request.out() + " holds no checkpoint to continue; drop --resume to start");
        }
        if (!request.resume() && Checkpoint.exists(checkpoint)) {
            throw new BadInputException(request.out() + " already holds a trained model; add --resume to continue it or choose "
                    + "another --out");
        }
        Components components = registry.components();
        Task task = createTask(components, request);
        Engine engine = registry.engines().select(Optional.ofNullable(request.engine()), Capability.TRAINING);
        Learner learner = engine.learner(new Spec(engine.name(), request.learner()));
        String reference = request.reference() != null ? request.reference() : DefaultReference.of(task);
        Estimator baseline = components.estimators().create(reference, new CreationContext(task));
        return new Training(request, task, engine, learner.withEvaluationBaseline(baseline), baseline, reference);
    }

    /** @return the task */
    public Task task() {
        return task;
    }

    /** @return the learner, with its evaluation baseline */
    public Learner learner() {
        return learner;
    }

    /**
     * Trains.
     *
     * @param listener receives progress and evaluations
     * @return the finished run
     * @throws java.io.InterruptedIOException when the run was stopped (its checkpoint is written)
     * @throws IOException when the run folder cannot be written or its checkpoint cannot be read
     */
    public TrainingResult train(TrainingListener listener) throws IOException {
        Path checkpoint;
        try (TrainedModel model = learner.train(task, request.out(), request.resume(), listener)) {
            checkpoint = model.checkpoint();
        }
        return new TrainingResult(request.out(), checkpoint, settings(), learner.seed());
    }

    /** @return what reports show: task, engine, the learner's resolved settings, reference, resumed and out */
    public Map<String, Object> settings() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("task", task.name());
        shown.put("engine", engine.name());
        shown.putAll(learner.settingsSummary());
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

    private static Task createTask(Components components, TrainingRequest request) {
        Spec spec = Spec.parse(request.task());
        ComponentFactory<Task> factory = components.tasks().factory(spec.name());
        List<String> parameters = factory.parameters().stream().map(Parameter::name).toList();
        spec = fill(spec, parameters, "d", "--d", request.dimension() == null ? null : request.dimension().toString());
        spec = fill(spec, parameters, "noise", "--noise", request.noise() == null ? null : request.noise().toString());
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
