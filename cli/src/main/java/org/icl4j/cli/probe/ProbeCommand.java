package org.icl4j.cli.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icl4j.algorithms.model.Checkpoint;
import org.icl4j.algorithms.probe.LastPositionLinearProbe;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.algorithms.probe.ProbeTrainer;
import org.icl4j.algorithms.probe.Probing;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.Task;
import org.icl4j.cli.BadInputException;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.Progress;
import org.icl4j.cli.Provenance;
import org.icl4j.cli.RunFolder;
import org.icl4j.engine.djl.DjlDevices;
import org.icl4j.engine.djl.DjlTransformerLearner;
import org.icl4j.engine.djl.probe.DjlAttentionProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j probe --model RUN --out DIR}: which layer of a trained model holds Xᵀy, the least-squares weights or
 * the true weights (the paper's Fig. 4 and 5), for a model and optionally a control model, as normalised held-out
 * probe error per layer × k ({@link Probing}). Flag parsing only; the work is the library's.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Probe a trained model's hidden states layer by layer for Xᵀy, w_OLS and w; write probe.csv, "
                + "heat maps, per-layer curves and report.html.")
public final class ProbeCommand extends Icl4jCommand {

    @Option(names = "--model", paramLabel = "PATH", required = true,
            description = "Run folder, checkpoint folder or .onnx file (exported with hidden_states) of the model.")
    private Path model;

    @Option(names = "--control", paramLabel = "PATH",
            description = "A control model (e.g. trained on linear:w=ones), probed on the same episodes.")
    private Path control;

    @Option(names = "--targets", paramLabel = "LIST", defaultValue = "xty,w-ols,w",
            description = "Probe targets (default ${DEFAULT-VALUE}).")
    private String targets;

    @Option(names = "--probe", paramLabel = "NAME", defaultValue = DjlAttentionProbe.MLP_NAME,
            description = "attention-mlp, attention-linear or last-linear (default ${DEFAULT-VALUE}).")
    private String probe;

    @Option(names = "--task", paramLabel = "SPEC", description = "Task of the episodes (default: the model's own).")
    private String task;

    @Option(names = "--n", paramLabel = "N", description = "Pairs per episode (default: the model's maxPairs).")
    private Integer length;

    @Option(names = "--k", paramLabel = "K", description = "Probe prefixes k = 1 … K (default n − 1, the most).")
    private Integer prefixes;

    @Option(names = "--train-episodes", paramLabel = "N", defaultValue = "2048",
            description = "Episodes the probes are trained on (default ${DEFAULT-VALUE}).")
    private int trainEpisodes;

    @Option(names = "--test-episodes", paramLabel = "N", defaultValue = "512",
            description = "Held-out episodes the probes are scored on (default ${DEFAULT-VALUE}).")
    private int testEpisodes;

    @Option(names = "--steps", paramLabel = "S", defaultValue = "2000",
            description = "Adam updates per attention probe (default ${DEFAULT-VALUE}; lr 1e-3, batch 64).")
    private int steps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64",
            description = "Episodes per model pass (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the episodes and probes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
            description = "Where the attention probes train (default ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--engine", paramLabel = "NAME", description = "Engine that loads the models.")
    private String engine;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Report folder.")
    private Path out;

    @Option(names = "--overwrite", description = "Replace an existing non-empty --out folder.")
    private boolean overwrite;

    @Override
    protected int run() throws Exception {
        Checkpoint checkpoint = checkpointOf(model);
        String taskSpec = task != null ? task : checkpoint != null ? checkpoint.task() : null;
        if (taskSpec == null) {
            throw new BadInputException(model + " records no task; give --task");
        }
        Integer pairs = length != null ? length : checkpoint != null ? Integer.valueOf(checkpoint.model().maxPairs()) : null;
        if (pairs == null) {
            throw new BadInputException("give --n for " + model + " (only checkpoints record their length)");
        }
        Task episodesTask = components().tasks().create(taskSpec, CreationContext.NONE);
        List<ProbeTarget> probeTargets = ProbeTargets.create(ProbeTargets.registry(plugins().all()), targets);
        Probing.Settings settings = new Probing.Settings(trainEpisodes, testEpisodes, pairs,
                prefixes != null ? prefixes : pairs - 1, batch, seed);
        ProbeTrainer trainer = trainer();
        List<Path> models = control == null ? List.of(model) : List.of(model, control);
        List<String> roles = control == null ? List.of("model") : List.of("model", "control");
        try (RunFolder folder = RunFolder.create(out, overwrite)) {
            List<ProbeResult> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < models.size(); i++) {
                try (Estimator estimator = engines().load(models.get(i), Optional.ofNullable(engine));
                        Progress progress = Progress.forTerminal("probe " + roles.get(i), 1)) {
                    results.add(Probing.run(Probing.requireHiddenStates(estimator), episodesTask, probeTargets, trainer,
                            settings, listener(progress)));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> resolved = new LinkedHashMap<>();
            resolved.put("model", model.toAbsolutePath().normalize().toString());
            if (control != null) {
                resolved.put("control", control.toAbsolutePath().normalize().toString());
                Checkpoint controlCheckpoint = checkpointOf(control);
                if (controlCheckpoint != null && controlCheckpoint.task() != null) {
                    resolved.put("control trained on", controlCheckpoint.task());
                }
            }
            resolved.put("task", episodesTask.name());
            resolved.put("targets", probeTargets.stream().map(ProbeTarget::name).toList());
            resolved.put("probe", trainer.name());
            resolved.put("settings", settings.toString());
            resolved.put("steps", steps);
            resolved.put("seconds", String.format("%.1f", seconds));
            ProbeReport.write(folder.path(), results, roles, commandLineText(), resolved, Provenance.collect(seed).asMap());
            Path written = folder.commit();
            printSummary(results, roles, seconds, written);
        }
        return Icl4j.OK;
    }

    private ProbeTrainer trainer() {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, found " + steps);
        }
        return switch (probe) {
            case LastPositionLinearProbe.NAME -> new LastPositionLinearProbe();
            case DjlAttentionProbe.MLP_NAME, DjlAttentionProbe.LINEAR_NAME -> new DjlAttentionProbe(
                    DjlAttentionProbe.Settings.paper(probe.equals(DjlAttentionProbe.MLP_NAME)
                            ? DjlAttentionProbe.Head.MLP : DjlAttentionProbe.Head.LINEAR, steps, seed),
                    DjlDevices.resolve(device));
            default -> throw new IllegalArgumentException("unknown probe '" + probe + "'; known probes: "
                    + DjlAttentionProbe.MLP_NAME + ", " + DjlAttentionProbe.LINEAR_NAME + ", " + LastPositionLinearProbe.NAME);
        };
    }

    private static Checkpoint checkpointOf(Path path) throws IOException {
        Path inRun = path.resolve(DjlTransformerLearner.CHECKPOINT_DIRECTORY);
        if (Checkpoint.exists(inRun)) {
            return Checkpoint.read(inRun, false);
        }
        return Checkpoint.exists(path) ? Checkpoint.read(path, false) : null;
    }

    private static Probing.Listener listener(Progress progress) {
        return new Probing.Listener() {
            @Override
            public void planned(long total) {
                progress.total(total);
            }

            @Override
            public void step(String message) {
                progress.step(message);
            }
        };
    }

    /** Per target and role: the normalised error at the largest k in every layer. */
    private void printSummary(List<ProbeResult> results, List<String> roles, double seconds, Path written) {
        for (int r = 0; r < results.size(); r++) {
            ProbeResult result = results.get(r);
            out().println(roles.get(r) + " " + result.model() + " (" + result.probe() + ", k = " + result.prefixes()
                    + "), normalised held-out error by layer:");
            for (ProbeResult.TargetScores scores : result.targets()) {
                StringBuilder line = new StringBuilder(String.format("  %-6s", scores.target()));
                for (int layer = 0; layer < result.layers(); layer++) {
                    line.append(String.format(" %6.3f", scores.byLayer().get(layer).normalised(result.prefixes())));
                }
                out().println(line);
            }
        }
        out().println(String.format("probed in %.1f s; wrote %s (open report.html)", seconds, written));
        out().flush();
    }
}
