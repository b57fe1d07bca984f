package org.icl4j.cli.probe;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.algorithms.probe.ProbeResult;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.TerminalProgress;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.RunFolder;
import org.icl4j.harness.Progress;
import org.icl4j.harness.probe.ProbeRequest;
import org.icl4j.harness.probe.Probes;
import org.icl4j.harness.probe.ProbingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j probe --model RUN --out DIR}: which layer of a trained model holds Xᵀy, the least-squares weights or
 * the true weights (the paper's Fig. 4 and 5), for a model and optionally a control model, as normalised held-out
 * probe error per layer × k. Flag parsing and the report only; the job is the harness's ({@link Probes}), and the
 * probe is whichever plugin contributes the name of {@code --probe}.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Probe a trained model's hidden states layer by layer for Xᵀy, w_OLS and w; write probe.csv, "
                + "heat maps, per-layer curves and report.html.")
public final class ProbeCommand extends Icl4jCommand {

    /** The suffix of the folder beside --out that keeps finished scores until the run completes. */
    static final String SCORES_SUFFIX = ".partial-scores";

    @Option(names = "--model", paramLabel = "PATH", required = true,
            description = "Run folder, checkpoint folder or .onnx file (exported with --hidden-states) of the model.")
    private Path model;

    @Option(names = "--control", paramLabel = "PATH",
            description = "A control model (e.g. trained on linear:w=ones), probed on the same episodes.")
    private Path control;

    @Option(names = "--targets", paramLabel = "LIST", defaultValue = ProbeRequest.DEFAULT_TARGETS,
            description = "Probe targets (default ${DEFAULT-VALUE}; icl4j list shows every registered one).")
    private String targets;

    @Option(names = "--probe", paramLabel = "SPEC", defaultValue = ProbeRequest.DEFAULT_PROBE,
            description = "The probe and its settings, e.g. attention-mlp:steps=2000,device=gpu, attention-linear or "
                    + "last-linear (default ${DEFAULT-VALUE}; icl4j list shows every registered one).")
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

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64",
            description = "Episodes per model pass (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the episodes (default ${DEFAULT-VALUE}; the probe's own seed is a --probe parameter).")
    private long seed;

    @Option(names = "--engine", paramLabel = "NAME", description = "Engine that loads the models.")
    private String engine;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Report folder. Finished scores are kept in DIR" + SCORES_SUFFIX + " until it is written, so "
                    + "the same command resumes an interrupted run.")
    private Path out;

    @Option(names = "--overwrite", description = "Replace an existing non-empty --out folder.")
    private boolean overwrite;

    @Override
    protected int run() throws Exception {
        Path scores = scoresFolder(out);
        ProbeRequest request = new ProbeRequest(model, control, targets, probe, task, length, prefixes, trainEpisodes,
                testEpisodes, batch, seed, engine, scores);
        try (RunFolder folder = RunFolder.create(out, overwrite)) {
            ProbingResult result;
            try (Progress progress = TerminalProgress.forTerminal("probe", 1)) {
                result = Probes.run(registry(), request, progress);
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (ProbingResult.Probed run : result.runs()) {
                resolved.put(run.role(), run.model().toAbsolutePath().normalize().toString());
                if (run.trainedOn() != null) {
                    resolved.put(run.role() + " trained on", run.trainedOn());
                }
                if (run.reused() > 0) {
                    resolved.put(run.role() + " scores reused from an interrupted run", run.reused());
                }
            }
            resolved.put("task", result.task());
            resolved.put("targets", result.targets());
            resolved.put("probe", result.probe());
            resolved.put("settings", result.settings().toString());
            resolved.put("seconds", String.format("%.1f", result.seconds()));
            ProbeReport.write(folder.path(), result, commandLineText(), resolved, Provenance.current(seed).asMap());
            Path written = folder.commit();
            AtomicFiles.deleteRecursively(scores);
            printSummary(result, written);
        }
        return Icl4j.OK;
    }

    /** @return the folder beside {@code out} that keeps finished scores: {@code out} + {@value #SCORES_SUFFIX} */
    static Path scoresFolder(Path out) {
        Path absolute = out.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        return name == null ? absolute.resolve("probe" + SCORES_SUFFIX) : absolute.resolveSibling(name + SCORES_SUFFIX);
    }

    /** Per target and role: the normalised error at the largest k in every layer. */
    private void printSummary(ProbingResult result, Path written) {
        for (ProbingResult.Probed run : result.runs()) {
            ProbeResult scores = run.result();
            out().println(run.role() + " " + scores.model() + " (" + result.probe() + ", k = " + scores.prefixes()
                    + "), normalised held-out error by layer:");
            for (ProbeResult.TargetScores target : scores.targets()) {
                StringBuilder line = new StringBuilder(String.format("  %-6s", target.target()));
                for (int layer = 0; layer < scores.layers(); layer++) {
                    line.append(String.format(" %6.3f", target.byLayer().get(layer).normalised(scores.prefixes())));
                }
                out().println(line);
            }
        }
        out().println(String.format("probed in %.1f s; wrote %s (open report.html)", result.seconds(), written));
        out().flush();
    }
}
