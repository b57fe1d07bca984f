package org.icl4j.cli.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.TerminalProgress;
import org.icl4j.cli.report.Charts;
import org.icl4j.cli.report.HtmlReport;
import org.icl4j.cli.report.MetricTables;
import org.icl4j.cli.report.PredictionFiles;
import org.icl4j.cli.report.ResultsJson;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.RunFolder;
import org.icl4j.formats.npy.EpisodesFile;
import org.icl4j.harness.Progress;
import org.icl4j.harness.compare.CompareSettings;
import org.icl4j.harness.compare.ComparisonResult;
import org.icl4j.harness.compare.MetricOutcome;
import org.icl4j.harness.compare.NearestAlgorithm;
import org.icl4j.harness.compare.PreparedComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j compare}: runs in-context learning algorithms (and saved models) on the same episodes and writes a
 * run folder comparing them on the paper's metrics. Every flag has a default that reproduces the setting of the
 * paper's Fig. 1 (d = 8, n = 40, noiseless, the paper's algorithms, least squares as reference; the task's Bayes
 * predictor is the reference on a noisy task). For each {@code --model} it says which algorithm the model is nearest
 * ({@link NearestAlgorithm}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare in-context learners on the same episodes; write results.json, CSV tables, PNG plots "
                + "and report.html to a run folder.")
public final class CompareCommand extends Icl4jCommand {

    /** The paper's Fig. 1 algorithms. */
    public static final String DEFAULT_ESTIMATORS = CompareSettings.DEFAULT_ESTIMATORS;
    /** Every metric of the paper. */
    public static final String DEFAULT_METRICS = CompareSettings.DEFAULT_METRICS;

    @Option(names = "--d", paramLabel = "D", description = "Input dimension (default: the task spec's d, else 8; from the file with --episodes-file).")
    private Integer dimension;

    @Option(names = "--n", paramLabel = "N", description = "Pairs per episode (default 5·d, i.e. 40 at d = 8).")
    private Integer length;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Label noise σ of the task (default 0).")
    private Double noise;

    @Option(names = "--tau", paramLabel = "TAU", description = "Weight prior scale τ of the task (default 1).")
    private Double tau;

    @Option(names = "--task", paramLabel = "SPEC", defaultValue = "linear",
            description = "Task spec (default ${DEFAULT-VALUE}); --d, --noise and --tau fill in its d, noise and tau.")
    private String taskSpec;

    @Option(names = "--episodes", paramLabel = "B", description = "Episodes to sample (default 1280).")
    private Integer episodeCount;

    @Option(names = "--episodes-file", paramLabel = "FILE.npz",
            description = "Read episodes from an .npz file (xs [B,n,d], ys [B,n], optional ws [B,d]) instead of sampling.")
    private Path episodesFile;

    @Option(names = "--estimators", paramLabel = "LIST",
            description = "Estimator specs separated by commas (';' also separates). Default: the paper's Fig. 1 set "
                    + DEFAULT_ESTIMATORS + ".")
    private String estimatorSpecs;

    @Option(names = "--reference", paramLabel = "SPEC",
            description = "Estimator that pairwise metrics compare against, added if not listed (default: ols on a "
                    + "noiseless task, bayes, the task's Bayes predictor, on a noisy one).")
    private String referenceSpec;

    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = DEFAULT_METRICS,
            description = "Metric specs (default ${DEFAULT-VALUE}).")
    private String metricSpecs;

    @Option(names = "--probes", paramLabel = "M", defaultValue = "64",
            description = "Probe inputs per context for implicit-weight fits (ILWD, R²) (default ${DEFAULT-VALUE}).")
    private int probes;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the episodes and probe inputs (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--model", paramLabel = "[NAME=]PATH",
            description = "Saved model to add as an estimator (repeatable), shown as NAME when given: a run, "
                    + "checkpoint or construct folder (engine djl) or an .onnx file (engine onnx), unless --engine "
                    + "says otherwise.")
    private List<String> models = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "NAME", description = "Engine that loads every --model.")
    private String engineName;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/compare-<timestamp>, with -2, -3 … when taken); see docs/CLI.md for the rules.")
    private Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out run folder that icl4j wrote (never other files).")
    private boolean overwrite;

    @Option(names = "--predictions-npz",
            description = "Also write predictions.npz and episodes.npz (predictions.csv is always written).")
    private boolean predictionsNpz;

    @Override
    protected int run() throws Exception {
        CompareSettings settings = CompareSettings.defaults().task(taskSpec).dimension(dimension).length(length)
                .noise(noise).tau(tau).episodes(episodeCount).episodesFile(episodesFile).estimators(estimatorSpecs)
                .reference(referenceSpec).metrics(metricSpecs).probes(probes).seed(seed).engine(engineName);
        models.stream().map(CompareSettings.Model::parse).forEach(settings::model);
        if (out != null) {
            RunFolder.checkLocation(out);
            RunFolder.checkReplaceable(out, overwrite);
        }
        try (PreparedComparison comparison = PreparedComparison.prepare(registry(), settings)) {
            try (RunFolder folder = out != null ? RunFolder.create(out, overwrite)
                    : RunFolder.createUnique(Path.of("runs"), "compare")) {
                ComparisonResult result;
                try (Progress progress = TerminalProgress.forTerminal("compare", comparison.plannedSteps())) {
                    result = comparison.run(progress);
                }
                Map<String, Object> recorded = new LinkedHashMap<>(comparison.describe());
                recorded.put("out", folder.target().toString());
                List<NearestAlgorithm> nearest = comparison.nearestAlgorithms(result);
                writeRun(folder.path(), result, nearest, recorded, Provenance.current(seed));
                Path written = folder.commit();
                printSummary(result, nearest, written);
            }
        }
        return Icl4j.OK;
    }

    private void writeRun(Path folder, ComparisonResult result, List<NearestAlgorithm> nearest,
                          Map<String, Object> settings, Provenance provenance) throws IOException {
        String command = commandLineText();
        ResultsJson.write(folder.resolve("results.json"), command, settings, provenance, result, nearest);
        List<HtmlReport.Figure> figures = new ArrayList<>();
        List<String> files = new ArrayList<>(List.of("results.json"));
        for (MetricOutcome outcome : result.metrics()) {
            String stem = outcome.fileStem();
            MetricTables.write(folder.resolve(stem + ".csv"), outcome);
            Charts.write(folder.resolve(stem + ".png"), outcome, result.reference(), result.estimators());
            String title = outcome.isMatrix() ? outcome.spec() + " between every pair of estimators"
                    : outcome.arity() == Metric.Arity.PAIR ? outcome.spec() + " against " + result.reference()
                    : outcome.spec();
            figures.add(new HtmlReport.Figure(title + " — " + outcome.description(), stem + ".png", stem + ".csv"));
            files.add(stem + ".csv");
        }
        PredictionFiles.writeCsv(folder.resolve("predictions.csv"), result);
        files.add("predictions.csv");
        if (predictionsNpz) {
            PredictionFiles.writeNpz(folder.resolve("predictions.npz"), result);
            EpisodesFile.write(folder.resolve("episodes.npz"), result.episodes());
            files.add("predictions.npz");
            files.add("episodes.npz");
        }
        HtmlReport.write(folder.resolve("report.html"), "icl4j compare", command, settings, provenance.asMap(),
                HtmlReport.nearestSection(nearest), figures, files);
    }

    /**
     * Prints, per estimator, the first single-estimator per-k metric at k = 0, d and n − 1, then which algorithm each
     * model is nearest, then the run folder.
     */
    private void printSummary(ComparisonResult result, List<NearestAlgorithm> nearest, Path written) {
        int d = result.episodes().dimension();
        int n = result.episodes().length();
        for (MetricOutcome outcome : result.metrics()) {
            if (outcome.arity() != Metric.Arity.SINGLE || outcome.aggregate()) {
                continue;
            }
            List<Integer> ks = new ArrayList<>(List.of(0));
            if (d < n - 1) {
                ks.add(d);
            }
            if (n > 1) {
                ks.add(n - 1);
            }
            int width = Math.max(9, result.estimators().stream().mapToInt(String::length).max().orElse(9));
            StringBuilder header = new StringBuilder(String.format("%-" + width + "s", outcome.spec()));
            for (int k : ks) {
                header.append(String.format("  %12s", "k=" + k));
            }
            out().println(header);
            for (MetricResult value : outcome.results()) {
                StringBuilder line = new StringBuilder(String.format("%-" + width + "s", value.first()));
                for (int k : ks) {
                    line.append(String.format("  %12.4g", value.mean()[k]));
                }
                out().println(line);
            }
            break;
        }
        for (NearestAlgorithm finding : nearest) {
            out().println(finding.sentence());
        }
        out().println("wrote " + written + " (open report.html)");
        out().flush();
    }
}
