package org.icl4j.cli.experiment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.icl4j.api.TrainingListener;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.Settings;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.harness.Icl4j;
import org.icl4j.harness.train.TrainingRequest;
import org.icl4j.formats.RunFolder;
import org.icl4j.harness.train.TrainingResult;

/**
 * Trains one model into the run's folder with {@link Icl4j#train}. Settings: {@code task: {name, d, noise, tau, …}}
 * (every key but {@code name} a parameter of the task spec) and {@code learner: {name: <engine>, layers, hidden,
 * heads, pairs, batch, steps, lr, …}} (every key but {@code name} a learner setting of docs/TRAINING.md), with the
 * run's {@code seed} as the learner's seed, and one replica unless {@code learner.replicas} says otherwise. A
 * resumed run continues from the checkpoint its earlier attempt left; one that left none starts over.
 * {@code training.json} records where each attempt started. The result is the final training loss ({@code loss},
 * length 1).
 */
final class TrainStep implements KindStep {

    /** The learner setting of data-parallel replicas (docs/TRAINING.md, "Both cores for one run"). */
    static final String REPLICAS = "replicas";
    private static final String DJL = "djl";

    /** Records, per attempt, the update it started from. */
    static final String ATTEMPTS_FILE = "training.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Icl4j icl4j;
    private final String device;

    TrainStep(Icl4j icl4j, String device) {
        this.icl4j = requireNonNull(icl4j, "icl4j is null");
        this.device = device;
    }

    @Override
    public String kind() {
        return "train";
    }

    @Override
    public RunResult run(RunRequest request, Cancellation cancellation) throws IOException {
        Settings settings = request.settings();
        String task = StepSettings.spec("task", settings.settings("task"));
        Settings learnerSettings = settings.settings("learner");
        String engine = learnerSettings.get("name").map(name -> StepSettings.text("learner.name", name)).orElse(null);
        Map<String, String> learner = new LinkedHashMap<>(StepSettings.parameters("learner", learnerSettings, "name"));
        if (learner.containsKey("seed")) {
            throw new IllegalArgumentException("learner.seed is set by the run's seed (the stage's seeds); remove it");
        }
        learner.put("seed", Long.toString(settings.integer("seed")));
        oneReplicaUnlessSet(engine, learner);
        if (device != null) {
            // The device is an engine option (djl:device=gpu), not a training setting.
            String named = engine != null ? engine : DJL;
            engine = named + (named.contains(":") ? "," : ":") + "device=" + device;
        }
        Path checkpoint = request.folder().resolve(RunLayout.CHECKPOINT_DIRECTORY);
        boolean resume = request.resume() && Checkpoint.exists(checkpoint);
        recordAttempt(request.folder(), resume ? resumedStep(checkpoint) : 0);
        Loss loss = new Loss();
        TrainingResult result;
        RunFolder.mark(request.folder());
        result = icl4j.train(new TrainingRequest(task, null, null, engine, learner, null, request.folder(), resume), loss,
                cancellation.token());
        if (!result.completed()) {
            // Cancelled (Ctrl-C, kill, the pool gone): the learner wrote its checkpoint; the next attempt resumes.
            throw new CancellationException(result.outcome().stopMessage());
        }
        requireNonNull(result.checkpoint(), "no checkpoint");
        return RunResult.builder().series("loss", loss.last).build();
    }

    /**
     * A suite fills the cores with one run per core, so its trainings run one replica (one thread) unless the
     * learner map sets {@code replicas}: a preset's two replicas (the {@code quick} preset's, meant for a single run)
     * would put two threads on every core.
     *
     * @param engine the learner's engine spec, null for the default ({@code djl}, the engine with that setting)
     * @param learner the learner settings, changed in place
     */
    static void oneReplicaUnlessSet(String engine, Map<String, String> learner) {
        String name = engine == null ? DJL : engine.split(":", 2)[0].strip();
        if (name.equals(DJL)) {
            learner.putIfAbsent(REPLICAS, "1");
        }
    }

    private static long resumedStep(Path checkpoint) throws IOException {
        Path state = checkpoint.resolve(Checkpoint.TRAINING_STATE_FILE);
        return Files.exists(state) ? JSON.readTree(state.toFile()).path("step").asLong(0) : 0;
    }

    private static void recordAttempt(Path folder, long from) throws IOException {
        Path file = folder.resolve(ATTEMPTS_FILE);
        ObjectNode json = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        json.withArray("attempts").addObject().put("startedFromUpdate", from);
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    /** Keeps the last training loss. */
    private static final class Loss implements TrainingListener {
        private volatile double last = Double.NaN;

        @Override
        public void onStep(long step, long totalSteps, double loss, double learningRate) {
            last = loss;
        }
    }
}
