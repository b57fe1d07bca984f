package org.icl4j.cli.experiment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Spec;
import org.icl4j.cli.report.ProbeTable;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.Settings;
import org.icl4j.experiment.UsedRun;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.harness.Icl4j;
import org.icl4j.harness.Progress;
import org.icl4j.harness.probe.ProbeRequest;
import org.icl4j.harness.probe.ProbingResult;

/**
 * Probes the hidden states of the model of the training the run uses, layer by layer, with every listed probe for
 * every listed target ({@link Icl4j#probe}, docs/PROBING.md), on fresh episodes of the model's own task (or of
 * {@code task: {name, …}} when given) at the model's episode length.
 *
 * <p>Settings: {@code episodes} (episodes drawn; a fifth, or {@code heldOut}, are held out to score the probes,
 * the rest train them), {@code targets} (target specs, default {@code [xty, w-ols, w]}), {@code probes} (probe
 * specs, default {@code [attention-mlp]}), optional {@code steps} (updates per layer, given to every probe that
 * takes a {@code steps} parameter and does not set it), {@code task}, {@code pairs} (n), {@code k} (the largest
 * prefix probed, default n − 1) and {@code batch} (episodes per model pass, default 64), and the run's
 * {@code seed}. The episodes are drawn with seed {@value EvaluateStep#EPISODE_SEED_OFFSET} + seed, as an
 * evaluation's; a probe that takes a {@code seed} (its initial weights) and does not set it gets the run's seed,
 * and one that takes a {@code device} gets the suite's device when one is given.
 *
 * <p>Series: {@code error/<probe spec>/<target spec>} as the settings list them, one value per layer (index 0 the
 * embedding, L the last block): the normalised held-out error at k = K (held-out squared error over that of the
 * training targets' mean; 0 is exact, 1 no better than the mean); a target that does not vary over the held-out
 * episodes at k = K fails the run, since nothing normalises it. The run folder holds {@value #TABLE} with every
 * number (every layer and k, in the columns of {@code icl4j probe}'s) and {@value #SUMMARY} with the request and
 * the series. Finished scores are kept in {@value #SCORES}/ while the run is going, so a resumed attempt trains
 * only the probes the interrupted one had not finished; the folder is deleted once the run is done.
 */
final class ProbeStep implements KindStep {

    /** Every number of the run. */
    static final String TABLE = "probe.csv";
    /** The request and the series, as JSON. */
    static final String SUMMARY = "probe.json";
    /** The finished scores of an attempt, until the run is done. */
    static final String SCORES = "partial-scores";
    /** The series' name before the probe and target. */
    static final String SERIES_PREFIX = "error/";
    /** The settings a probe run reads. */
    static final Set<String> SETTINGS = Set.of("episodes", "heldOut", "targets", "probes", "steps", "task", "pairs", "k",
            "batch", "seed");
    private static final int DEFAULT_BATCH = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Icl4j icl4j;
    private final String device;

    /**
     * @param icl4j the harness
     * @param device {@code cpu} or {@code gpu} for every probe that takes a {@code device} and does not set it, or
     *     null for the probes' own setting
     */
    ProbeStep(Icl4j icl4j, String device) {
        this.icl4j = requireNonNull(icl4j, "icl4j is null");
        this.device = device;
    }

    @Override
    public String kind() {
        return "probe";
    }

    @Override
    public RunResult run(RunRequest request, Cancellation cancellation) throws IOException {
        Settings settings = request.settings();
        Set<String> unknown = new TreeSet<>(settings.values().keySet());
        unknown.removeAll(SETTINGS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("a probe run does not read setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; it reads " + String.join(", ", new TreeSet<>(SETTINGS)));
        }
        UsedRun training = request.input().orElseThrow(() -> new IllegalArgumentException(
                "a probe run needs the training whose model it probes (uses: in its stage)"));
        List<String> targets = settings.get("targets").isPresent()
                ? StepSettings.list("targets", settings.get("targets").get())
                : Spec.parseList(ProbeRequest.DEFAULT_TARGETS).stream().map(Spec::toString).toList();
        List<String> probes = settings.get("probes").isPresent()
                ? StepSettings.list("probes", settings.get("probes").get()) : List.of(ProbeRequest.DEFAULT_PROBE);
        for (int i = 0; i < probes.size(); i++) {
            if (probes.indexOf(probes.get(i)) != i) {
                throw new IllegalArgumentException("probe '" + probes.get(i) + "' is listed twice in setting 'probes'");
            }
        }
        int episodes = whole(settings, "episodes");
        int heldOut = settings.get("heldOut").isPresent() ? whole(settings, "heldOut") : Math.max(1, episodes / 5);
        if (episodes < 2 || heldOut < 1 || heldOut >= episodes) {
            throw new IllegalArgumentException("a probe run needs episodes >= 2 and 1 <= heldOut < episodes, found episodes "
                    + episodes + ", heldOut " + heldOut);
        }
        String task = settings.get("task").isPresent() ? StepSettings.spec("task", settings.settings("task")) : null;
        Integer length = settings.get("pairs").isPresent() ? whole(settings, "pairs") : null;
        Integer prefixes = settings.get("k").isPresent() ? whole(settings, "k") : null;
        int batch = settings.get("batch").isPresent() ? whole(settings, "batch") : DEFAULT_BATCH;
        long seed = settings.integer("seed");
        List<String> resolved = new ArrayList<>();
        for (String probe : probes) {
            resolved.add(resolve(probe, settings, seed));
        }

        List<ProbingResult> results = new ArrayList<>();
        Path scores = request.folder().resolve(SCORES);
        for (int i = 0; i < probes.size(); i++) {
            if (cancellation.isCancelled()) {
                throw stopped(request);
            }
            ProbeRequest probeRequest = new ProbeRequest(training.folder(), null, String.join(",", targets), resolved.get(i),
                    task, length, prefixes, episodes - heldOut, heldOut, batch, EvaluateStep.EPISODE_SEED_OFFSET + seed,
                    null, scores.resolve(i + "-" + SuiteReport.file(probes.get(i))));
            results.add(icl4j.probe(probeRequest, new CancellableProgress(cancellation, request)));
        }
        RunResult result = series(results, probes, targets);
        ProbeTable.write(request.folder().resolve(TABLE), results, probes);
        AtomicFiles.writeString(request.folder().resolve(SUMMARY), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(summary(training, results, probes, resolved, targets, result)) + "\n");
        AtomicFiles.deleteRecursively(scores);
        return result;
    }

    /** The probe's spec with the stage's {@code steps}, the run's seed and the suite's device where it takes them. */
    private String resolve(String probe, Settings settings, long seed) {
        Spec spec = Spec.parse(probe);
        ComponentFactory<ProbeTrainer> factory = icl4j.registry().components().probeTrainers().factory(spec.name());
        Set<String> takes = new TreeSet<>();
        factory.parameters().forEach(parameter -> takes.add(parameter.name()));
        if (settings.get("steps").isPresent() && takes.contains("steps") && spec.get("steps").isEmpty()) {
            spec = spec.with("steps", Integer.toString(whole(settings, "steps")));
        }
        if (takes.contains("seed") && spec.get("seed").isEmpty()) {
            spec = spec.with("seed", Long.toString(seed));
        }
        if (device != null && takes.contains("device") && spec.get("device").isEmpty()) {
            spec = spec.with("device", device);
        }
        return spec.toString();
    }

    /** Per probe and target, as listed: the normalised error at k = K in every layer. */
    private static RunResult series(List<ProbingResult> results, List<String> probes, List<String> targets) {
        RunResult.Builder builder = RunResult.builder();
        for (int i = 0; i < results.size(); i++) {
            ProbeResult scores = results.get(i).runs().get(0).result();
            if (scores.targets().size() != targets.size()) {
                throw new IllegalStateException("expected scores of " + targets.size() + " targets, found " + scores.targets().size());
            }
            for (int t = 0; t < targets.size(); t++) {
                builder.series(seriesName(probes.get(i), targets.get(t)), byLayer(scores, t));
            }
        }
        return builder.build();
    }

    /**
     * @param probe the probe's spec as listed
     * @param target the target's spec as listed
     * @return the series' name, {@code error/<probe>/<target>}
     */
    static String seriesName(String probe, String target) {
        return SERIES_PREFIX + probe + "/" + target;
    }

    private static double[] byLayer(ProbeResult scores, int target) {
        ProbeResult.TargetScores byLayer = scores.targets().get(target);
        double[] values = new double[scores.layers()];
        for (int layer = 0; layer < values.length; layer++) {
            values[layer] = byLayer.byLayer().get(layer).normalised(scores.prefixes());
            if (byLayer.byLayer().get(layer).baseline()[scores.prefixes() - 1] == 0) {
                throw new IllegalArgumentException("probe target '" + byLayer.target() + "' is the same in every held-out"
                        + " episode at k = " + scores.prefixes() + ", so no error can be normalised by its spread; probe on"
                        + " episodes of a task where it varies (setting task, e.g. {name: linear, d: ..., tau: 1})");
            }
        }
        return values;
    }

    private static ObjectNode summary(UsedRun training, List<ProbingResult> results, List<String> probes,
            List<String> resolved, List<String> targets, RunResult series) {
        ProbingResult first = results.get(0);
        ProbingResult.Probed model = first.runs().get(0);
        ObjectNode json = JSON.createObjectNode();
        json.put("model", model.model().toAbsolutePath().normalize().toString());
        json.put("training", training.id().value());
        if (model.trainedOn() != null) {
            json.put("trainedOn", model.trainedOn());
        }
        json.put("task", first.task());
        json.put("pairs", first.settings().length());
        json.put("k", first.settings().prefixes());
        json.put("trainEpisodes", first.settings().trainEpisodes());
        json.put("heldOutEpisodes", first.settings().testEpisodes());
        json.put("batch", first.settings().batchSize());
        json.put("episodeSeed", first.settings().seed());
        ArrayNode targetList = json.putArray("targets");
        targets.forEach(targetList::add);
        ArrayNode probeList = json.putArray("probes");
        for (int i = 0; i < results.size(); i++) {
            ObjectNode probe = probeList.addObject();
            probe.put("spec", probes.get(i));
            probe.put("resolved", resolved.get(i));
            probe.put("seconds", Math.round(results.get(i).seconds() * 10) / 10.0);
            probe.put("scoresReused", results.get(i).runs().get(0).reused());
        }
        json.put("series", "error/<probe>/<target>: normalised held-out error (1 = predicting the training mean) at k = "
                + first.settings().prefixes() + ", one value per layer (0 = embedding); " + TABLE + " has every k");
        json.set("errors", series.toJson());
        return json;
    }

    private static int whole(Settings settings, String key) {
        return Math.toIntExact(settings.integer(key));
    }

    private static CancellationException stopped(RunRequest request) {
        return new CancellationException("run " + request.id() + " stopped by a request to exit; its finished probe scores"
                + " are kept in " + SCORES + "/ for the next attempt");
    }

    /** Stops the job at its next step (a streamed batch or a trained probe) once cancellation is requested. */
    private static final class CancellableProgress implements Progress {
        private final Cancellation cancellation;
        private final RunRequest request;

        CancellableProgress(Cancellation cancellation, RunRequest request) {
            this.cancellation = cancellation;
            this.request = request;
        }

        @Override
        public void step(String message) {
            if (cancellation.isCancelled()) {
                throw stopped(request);
            }
        }

        @Override
        public void total(long steps) {
        }

        @Override
        public void close() {
        }
    }
}
