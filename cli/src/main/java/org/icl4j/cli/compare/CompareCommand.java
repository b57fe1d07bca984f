package org.icl4j.cli.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icl4j.algorithms.metric.DefaultEvaluation;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.api.Parameter;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.cli.Progress;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.RunFolder;
import org.icl4j.formats.npy.EpisodesFile;
import org.icl4j.cli.plugin.Components;
import org.icl4j.cli.plugin.Engines;
import org.icl4j.cli.report.Charts;
import org.icl4j.cli.report.HtmlReport;
import org.icl4j.cli.report.MetricTables;
import org.icl4j.cli.report.PredictionFiles;
import org.icl4j.cli.report.ResultsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j compare}: runs in-context learning algorithms (and saved models) on the same episodes and writes a
 * run folder comparing them on the paper's metrics. Every flag has a default that reproduces the setting of the
 * paper's Fig. 1 (d = 8, n = 40, noiseless, the paper's algorithms, least squares as reference).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare in-context learners on the same episodes; write results.json, CSV tables, PNG plots "
                + "and report.html to a run folder.")
public final class CompareCommand extends Icl4jCommand {

    /** The paper's Fig. 1 algorithms (PAPER.md, Reference algorithms). */
    public static final String DEFAULT_ESTIMATORS = "ols,ridge:lambda=0.1,gd:lr=0.01,gd:lr=0.02,sgd:lr=0.01,sgd:lr=0.03,"
            + "knn:k=3,weights=uniform,knn:k=3,weights=inverse-square,averaging";
    /** Every metric of the paper. */
    public static final String DEFAULT_METRICS = "squared-error,spd,ilwd,r2,mspd";
    /** The paper's main input dimension, used when neither --d, the task spec nor an episodes file sets one. */
    public static final int DEFAULT_DIMENSION = 8;
    /** Pairs per episode per input dimension when --n is omitted: 5 d, the paper's n = 40 at d = 8. */
    public static final int PAIRS_PER_DIMENSION = 5;

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

    @Option(names = "--reference", paramLabel = "SPEC", defaultValue = "ols",
            description = "Estimator that pairwise metrics compare against (default ${DEFAULT-VALUE}); added if not listed.")
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

    @Option(names = "--model", paramLabel = "PATH",
            description = "Saved model to add as an estimator (repeatable): a checkpoint folder (engine djl) or an "
                    + ".onnx file (engine onnx), unless --engine says otherwise.")
    private List<Path> models = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "NAME", description = "Engine that loads every --model.")
    private String engineName;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/compare-<timestamp>).")
    private Path out;

    @Option(names = "--overwrite", description = "Replace an existing non-empty --out folder.")
    private boolean overwrite;

    @Option(names = "--predictions-npz",
            description = "Also write predictions.npz and episodes.npz (predictions.csv is always written).")
    private boolean predictionsNpz;

    @Override
    protected int run() throws Exception {
        Components components = components();
        checkFlags();
        EpisodeBatch fromFile = episodesFile == null ? null : readEpisodes();
        Integer explicitDimension = fromFile != null ? Integer.valueOf(fromFile.dimension()) : dimension;
        Task task = createTask(components, explicitDimension);
        int d = task.dimension();
        if (explicitDimension != null && d != explicitDimension) {
            throw new IllegalArgumentException("task " + task.name() + " has dimension " + d + " but "
                    + (fromFile != null ? "the episodes in " + episodesFile + " have" : "--d is") + " " + explicitDimension);
        }
        int n = fromFile != null ? fromFile.length() : length == null ? PAIRS_PER_DIMENSION * d : length;
        CreationContext context = new CreationContext(task);
        List<Comparison.NamedMetric> metrics = createMetrics(components, context);

        List<Estimator> estimators = new ArrayList<>();
        try {
            Estimator reference = createEstimators(components, context, estimators);
            loadModels(engines(), estimators);
            requireUniqueNames(estimators);

            Path target = out != null ? out : Path.of("runs", "compare-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            try (RunFolder folder = RunFolder.create(target, overwrite)) {
                EpisodeBatch episodes = fromFile != null ? fromFile : task.sample(episodeCount(), n, new Rng(seed));
                // Probe inputs come from their own stream so that they do not depend on how episodes were drawn.
                DefaultEvaluation evaluation = new DefaultEvaluation(episodes, probes, Rng.of(seed, 1).nextLong());
                ComparisonResult result;
                try (Progress progress = Progress.forTerminal("compare", Comparison.plannedSteps(estimators.size(), metrics))) {
                    result = Comparison.run(evaluation, estimators, reference, metrics, progress);
                }
                Map<String, Object> settings = settings(task, episodes, estimators, reference, metrics, target);
                writeRun(folder.path(), result, settings, Provenance.current(seed));
                Path written = folder.commit();
                printSummary(result, written);
            }
        } finally {
            for (Estimator estimator : estimators) {
                estimator.close();
            }
        }
        return Icl4j.OK;
    }

    private void checkFlags() {
        requireAtLeast("--d", dimension, 1);
        requireAtLeast("--n", length, 1);
        requireAtLeast("--episodes", episodeCount, 1);
        requireAtLeast("--probes", probes, 1);
        if (noise != null && !(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("--noise must be >= 0 and finite, found " + noise);
        }
        if (tau != null && !(tau > 0 && Double.isFinite(tau))) {
            throw new IllegalArgumentException("--tau must be > 0 and finite, found " + tau);
        }
        if (episodesFile != null && episodeCount != null) {
            throw new IllegalArgumentException("--episodes and --episodes-file exclude each other: the file fixes the episodes");
        }
        if (engineName != null && models.isEmpty()) {
            throw new IllegalArgumentException("--engine chooses the engine that loads --model files; give a --model too");
        }
    }

    private static void requireAtLeast(String flag, Integer value, int minimum) {
        if (value != null && value < minimum) {
            throw new IllegalArgumentException(flag + " must be >= " + minimum + ", found " + value);
        }
    }

    private int episodeCount() {
        return episodeCount == null ? 1280 : episodeCount;
    }

    private EpisodeBatch readEpisodes() throws IOException {
        EpisodeBatch episodes = EpisodesFile.read(episodesFile);
        if (dimension != null && dimension != episodes.dimension()) {
            throw new IllegalArgumentException("--d " + dimension + " disagrees with " + episodesFile + ", whose episodes have d = "
                    + episodes.dimension() + "; drop --d");
        }
        if (length != null && length != episodes.length()) {
            throw new IllegalArgumentException("--n " + length + " disagrees with " + episodesFile + ", whose episodes have n = "
                    + episodes.length() + "; drop --n");
        }
        return episodes;
    }

    /**
     * The task spec with --d (or the episodes file's d), --noise and --tau filled in where the task takes them; without
     * either, d is the spec's own or {@value #DEFAULT_DIMENSION}.
     */
    private Task createTask(Components components, Integer explicitDimension) {
        Spec spec = Spec.parse(taskSpec);
        ComponentFactory<Task> factory = components.tasks().factory(spec.name());
        List<String> parameters = factory.parameters().stream().map(Parameter::name).toList();
        String flag = episodesFile != null ? "the episodes file's d =" : "--d";
        spec = fill(spec, parameters, "d", flag, explicitDimension == null ? null : explicitDimension.toString(),
                Integer.toString(DEFAULT_DIMENSION));
        spec = fill(spec, parameters, "noise", "--noise", noise == null ? null : Double.toString(noise), null);
        spec = fill(spec, parameters, "tau", "--tau", tau == null ? null : Double.toString(tau), null);
        return components.tasks().create(spec, CreationContext.NONE);
    }

    private static Spec fill(Spec spec, List<String> parameters, String key, String flag, String explicit, String fallback) {
        Optional<String> inSpec = spec.get(key);
        if (explicit != null) {
            if (!parameters.contains(key)) {
                throw new IllegalArgumentException("task '" + spec.name() + "' has no parameter '" + key + "', so " + flag
                        + " does not apply; its parameters: " + String.join(", ", parameters));
            }
            if (inSpec.isPresent() && !sameValue(inSpec.get(), explicit)) {
                throw new IllegalArgumentException(flag + " " + explicit + " disagrees with " + key + "=" + inSpec.get()
                        + " in --task " + spec + "; give it once");
            }
            return spec.with(key, inSpec.orElse(explicit));
        }
        if (fallback != null && inSpec.isEmpty() && parameters.contains(key)) {
            return spec.with(key, fallback);
        }
        return spec;
    }

    private static boolean sameValue(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }

    private List<Comparison.NamedMetric> createMetrics(Components components, CreationContext context) {
        List<Comparison.NamedMetric> metrics = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Spec spec : Spec.parseList(metricSpecs)) {
            ComponentFactory<Metric> factory = components.metrics().factory(spec.name());
            boolean takesProbes = factory.parameters().stream().anyMatch(p -> p.name().equals("probes"));
            Spec filled = takesProbes && spec.get("probes").isEmpty() ? spec.with("probes", Integer.toString(probes)) : spec;
            if (seen.contains(spec.toString())) {
                throw new IllegalArgumentException("metric '" + spec + "' is listed twice in --metrics");
            }
            seen.add(spec.toString());
            metrics.add(new Comparison.NamedMetric(spec.toString(), factory.description(),
                    components.metrics().create(filled, context)));
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("--metrics lists no metric; known metrics: "
                    + String.join(", ", components.metrics().names()));
        }
        return metrics;
    }

    /** Creates the listed estimators into {@code estimators} and returns the reference among them. */
    private Estimator createEstimators(Components components, CreationContext context, List<Estimator> estimators) {
        Spec referenceParsed = Spec.parse(referenceSpec);
        Estimator reference = null;
        for (Spec spec : Spec.parseList(estimatorSpecs == null ? DEFAULT_ESTIMATORS : estimatorSpecs)) {
            Estimator estimator = components.estimators().create(spec, context);
            estimators.add(estimator);
            if (reference == null && spec.toString().equals(referenceParsed.toString())) {
                reference = estimator;
            }
        }
        if (reference == null) {
            reference = components.estimators().create(referenceParsed, context);
            estimators.add(0, reference);
        }
        return reference;
    }

    private void loadModels(Engines engines, List<Estimator> estimators) throws IOException {
        for (Path model : models) {
            estimators.add(engines.load(model, Optional.ofNullable(engineName)));
        }
    }

    private static void requireUniqueNames(List<Estimator> estimators) {
        List<String> names = new ArrayList<>();
        for (Estimator estimator : estimators) {
            if (names.contains(estimator.name())) {
                throw new IllegalArgumentException("two estimators are named '" + estimator.name()
                        + "'; list each estimator (and model) once");
            }
            names.add(estimator.name());
        }
    }

    private Map<String, Object> settings(Task task, EpisodeBatch episodes, List<Estimator> estimators, Estimator reference,
                                         List<Comparison.NamedMetric> metrics, Path target) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("task", task.name());
        settings.put("d", episodes.dimension());
        settings.put("n", episodes.length());
        settings.put("episodes", episodes.batch());
        settings.put("episodesSource", episodesFile == null ? "sampled from the task with seed " + seed
                : episodesFile.toAbsolutePath().normalize().toString());
        settings.put("estimators", estimators.stream().map(Estimator::name).toList());
        settings.put("reference", reference.name());
        settings.put("metrics", metrics.stream().map(Comparison.NamedMetric::spec).toList());
        settings.put("probes", probes);
        settings.put("seed", seed);
        settings.put("models", models.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        if (engineName != null) {
            settings.put("engine", engineName);
        }
        settings.put("out", target.toAbsolutePath().normalize().toString());
        return settings;
    }

    private void writeRun(Path folder, ComparisonResult result, Map<String, Object> settings, Provenance provenance)
            throws IOException {
        String command = commandLineText();
        ResultsJson.write(folder.resolve("results.json"), command, settings, provenance, result);
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
        HtmlReport.write(folder.resolve("report.html"), "icl4j compare", command, settings, provenance.asMap(), figures, files);
    }

    /** Prints the run folder and, per estimator, the first single-estimator per-k metric at k = 0, d and n − 1. */
    private void printSummary(ComparisonResult result, Path written) {
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
        out().println("wrote " + written + " (open report.html)");
        out().flush();
    }
}
