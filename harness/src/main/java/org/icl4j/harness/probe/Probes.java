package org.icl4j.harness.probe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.algorithms.probe.Probing;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.formats.BadInputException;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.harness.Progress;
import org.icl4j.harness.plugin.Registry;

/**
 * The probing job: checks the whole request (targets, probe, sizes, both models and their hidden states) before
 * any probe is trained, then probes the model and the control on the same episodes ({@link Probing}), keeping
 * every finished score in the request's {@link ScoreFolder} when it names one.
 */
public final class Probes {

    private Probes() {
    }

    /**
     * Runs a probing job.
     *
     * @param registry the registered components and engines
     * @param request what to probe
     * @param progress receives the planned total and one step per streamed batch and trained (target, layer)
     * @return the scores of the model and the control
     * @throws IOException when a model cannot be read
     * @throws IllegalArgumentException (or {@link BadInputException}) for a bad request, naming what is wrong
     */
    public static ProbingResult run(Registry registry, ProbeRequest request, Progress progress) throws IOException {
        requireNonNull(registry, "registry is null");
        requireNonNull(request, "request is null");
        requireNonNull(progress, "progress is null");
        long started = System.nanoTime();
        List<Path> models = new ArrayList<>(List.of(request.model()));
        List<String> roles = new ArrayList<>(List.of(ProbingResult.MODEL));
        if (request.control() != null) {
            models.add(request.control());
            roles.add(ProbingResult.CONTROL);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Path model : models) {
            checkpoints.add(checkpointOf(model));
        }
        Checkpoint main = checkpoints.get(0);
        String taskSpec = request.task() != null ? request.task() : main != null ? main.task() : null;
        if (taskSpec == null) {
            throw new BadInputException(request.model() + " records no task (an .onnx file or a compiled model); give --task");
        }
        Integer length = request.length() != null ? request.length()
                : main != null ? Integer.valueOf(main.model().maxPairs()) : null;
        if (length == null) {
            throw new BadInputException("give --n (pairs per episode) for " + request.model()
                    + ": only checkpoints record the length they were trained for");
        }
        for (int i = 0; i < models.size(); i++) {
            Checkpoint checkpoint = checkpoints.get(i);
            if (checkpoint != null && checkpoint.model().maxPairs() < length) {
                throw new BadInputException(roles.get(i) + " " + models.get(i) + " reads at most "
                        + checkpoint.model().maxPairs() + " pairs but the episodes have n = " + length
                        + "; give --n <= " + checkpoint.model().maxPairs());
            }
        }
        Probing.Settings settings = new Probing.Settings(request.trainEpisodes(), request.testEpisodes(), length,
                request.prefixes() != null ? request.prefixes() : length - 1, request.batch(), request.seed());
        List<ProbeTarget> targets = new ArrayList<>();
        for (Spec spec : Spec.parseList(request.targets())) {
            targets.add(registry.components().probeTargets().create(spec, CreationContext.NONE));
        }
        Task task = registry.components().tasks().create(taskSpec, CreationContext.NONE);
        ProbeTrainer trainer = registry.components().probeTrainers().create(request.probe(), CreationContext.NONE);
        List<Estimator> loaded = new ArrayList<>();
        try {
            List<HiddenStateEstimator> hidden = new ArrayList<>();
            for (Path model : models) {
                Estimator estimator = registry.engines().load(model, Optional.ofNullable(request.engine()));
                loaded.add(estimator);
                hidden.add(Probing.requireHiddenStates(estimator));
            }
            ScoreFolder scores = request.scores() == null ? null
                    : ScoreFolder.open(request.scores(), fingerprint(request, models, task, targets, settings));
            List<ProbingResult.Probed> runs = new ArrayList<>();
            StagedProgress staged = new StagedProgress(progress, models.size());
            for (int i = 0; i < models.size(); i++) {
                Probing.ScoreStore store = Probing.ScoreStore.NONE;
                ScoreFolder.Store kept = null;
                if (scores != null) {
                    kept = scores.forRole(roles.get(i));
                    store = kept;
                }
                ProbeResult result = Probing.run(hidden.get(i), task, targets, trainer, settings, staged.stage(i, roles.get(i)), store);
                Checkpoint checkpoint = checkpoints.get(i);
                runs.add(new ProbingResult.Probed(roles.get(i), models.get(i), checkpoint != null ? checkpoint.task() : null,
                        result, kept != null ? kept.reused() : 0));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new ProbingResult(runs, task.name(), targets.stream().map(ProbeTarget::name).toList(),
                    request.probe(), settings, seconds);
        } finally {
            for (Estimator estimator : loaded) {
                estimator.close();
            }
        }
    }

    /** @return the checkpoint a folder designates, or null for a model file (e.g. {@code .onnx}) */
    private static Checkpoint checkpointOf(Path model) throws IOException {
        if (!Files.isDirectory(model)) {
            return null;
        }
        return Checkpoint.read(RunLayout.requireCheckpoint(model), false);
    }

    /** What the scores of a request depend on: the models (with their weights' size and time), task, targets, probe, sizes. */
    private static Map<String, String> fingerprint(ProbeRequest request, List<Path> models, Task task,
            List<ProbeTarget> targets, Probing.Settings settings) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> names = List.of(ProbingResult.MODEL, ProbingResult.CONTROL);
        for (int i = 0; i < models.size(); i++) {
            Path model = models.get(i).toAbsolutePath().normalize();
            Path weights = Files.isDirectory(model) ? RunLayout.requireCheckpoint(model).resolve(Checkpoint.WEIGHTS_FILE) : model;
            values.put(names.get(i), model + " (" + Files.size(weights) + " bytes, modified "
                    + Files.getLastModifiedTime(weights) + ")");
        }
        values.put("task", task.name());
        values.put("targets", String.join(",", targets.stream().map(ProbeTarget::name).toList()));
        values.put("probe", request.probe());
        values.put("settings", settings.toString());
        values.put("engine", String.valueOf(request.engine()));
        return values;
    }

    /**
     * One host progress over several probing runs: each run's planned total is added to those of the runs before
     * it, and the runs not started yet are assumed to plan as many steps as the current one.
     */
    private static final class StagedProgress {
        private final Progress progress;
        private final int stages;
        private long before;
        private long current;

        StagedProgress(Progress progress, int stages) {
            this.progress = progress;
            this.stages = stages;
        }

        /** @return the listener of run {@code index}, whose steps are shown with {@code role}; runs start in order */
        Probing.Listener stage(int index, String role) {
            before += current;
            current = 0;
            return new Probing.Listener() {
                @Override
                public void planned(long steps) {
                    current = steps;
                    progress.total(before + steps * (stages - index));
                }

                @Override
                public void step(String message) {
                    progress.step(role + ": " + message);
                }
            };
        }
    }
}
