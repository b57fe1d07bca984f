package org.icl4j.harness.compare;

import java.io.IOException;
import java.nio.file.Path;
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
import org.icl4j.api.Parameter;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.icl4j.formats.Limits;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.npy.EpisodesFile;
import org.icl4j.harness.Progress;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.Engines;
import org.icl4j.harness.plugin.Registry;

/**
 * A comparison whose settings are checked and whose components are created: the task, the episodes, the estimators
 * (saved models loaded), the reference and the metrics. Everything that can be refused is refused by
 * {@link #prepare}, before any output is written; {@link #run} then only computes. Closing it closes the estimators.
 */
public final class PreparedComparison implements AutoCloseable {

    private final CompareSettings settings;
    private final Task task;
    private final EpisodeBatch episodes;
    private final List<Estimator> estimators;
    private final Estimator reference;
    private final List<Comparison.NamedMetric> metrics;
    private final List<String> modelNames;

    private PreparedComparison(CompareSettings settings, Task task, EpisodeBatch episodes, List<Estimator> estimators,
                               Estimator reference, List<Comparison.NamedMetric> metrics, List<String> modelNames) {
        this.modelNames = modelNames;
        this.settings = settings;
        this.task = task;
        this.episodes = episodes;
        this.estimators = estimators;
        this.reference = reference;
        this.metrics = metrics;
    }

    /**
     * Checks the settings and creates every component.
     *
     * @param registry the registered components and engines
     * @param settings what to compare
     * @return the prepared comparison; the caller closes it
     * @throws IllegalArgumentException for a bad setting, naming it and what is allowed
     * @throws IOException when the episodes file or a model cannot be read
     */
    public static PreparedComparison prepare(Registry registry, CompareSettings settings) throws IOException {
        Components components = registry.components();
        checkSettings(settings);
        EpisodeBatch fromFile = settings.episodesFile() == null ? null : readEpisodes(settings);
        Integer explicitDimension = fromFile != null ? Integer.valueOf(fromFile.dimension()) : settings.dimension();
        Task task = createTask(components, settings, explicitDimension);
        int d = task.dimension();
        if (explicitDimension != null && d != explicitDimension) {
            throw new IllegalArgumentException("task " + task.name() + " has dimension " + d + " but "
                    + (fromFile != null ? "the episodes in " + settings.episodesFile() + " have" : "--d is") + " "
                    + explicitDimension);
        }
        int n = fromFile != null ? fromFile.length()
                : settings.length() == null ? CompareSettings.PAIRS_PER_DIMENSION * d : settings.length();
        CreationContext context = new CreationContext(task);
        List<Comparison.NamedMetric> metrics = createMetrics(components, settings, context);
        List<Estimator> estimators = new ArrayList<>();
        try {
            Estimator reference = createEstimators(components, settings, context, estimators);
            List<String> modelNames = loadModels(registry.engines(), settings, estimators);
            requireUniqueNames(estimators);
            int count = settings.episodes() == null ? CompareSettings.DEFAULT_EPISODES : settings.episodes();
            if (fromFile == null) {
                requireMemory(count, n, d, estimators.size(), settings.probes());
            }
            EpisodeBatch episodes = fromFile != null ? fromFile : task.sample(count, n, new Rng(settings.seed()));
            return new PreparedComparison(settings, task, episodes, List.copyOf(estimators), reference, List.copyOf(metrics),
                    modelNames);
        } catch (IOException | RuntimeException e) {
            for (Estimator estimator : estimators) {
                estimator.close();
            }
            throw e;
        }
    }

    /**
     * Runs every estimator and computes every metric.
     *
     * @param progress receives one step per prediction set and metric value
     * @return the result
     */
    public ComparisonResult run(Progress progress) {
        // Probe inputs come from their own stream so that they do not depend on how episodes were drawn.
        DefaultEvaluation evaluation = new DefaultEvaluation(episodes, settings.probes(),
                Rng.of(settings.seed(), 1).nextLong());
        return Comparison.run(evaluation, estimators, reference, metrics, progress);
    }

    /** @return the number of progress steps {@link #run} plans at first */
    public long plannedSteps() {
        return Comparison.plannedSteps(estimators.size(), metrics);
    }

    /** @return the settings as recorded in results.json: task, d, n, episodes and their source, estimators, … */
    public Map<String, Object> describe() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("task", task.name());
        shown.put("d", episodes.dimension());
        shown.put("n", episodes.length());
        shown.put("episodes", episodes.batch());
        shown.put("episodesSource", settings.episodesFile() == null ? "sampled from the task with seed " + settings.seed()
                : settings.episodesFile().toAbsolutePath().normalize().toString());
        shown.put("estimators", estimators.stream().map(Estimator::name).toList());
        shown.put("reference", reference.name());
        shown.put("metrics", metrics.stream().map(Comparison.NamedMetric::spec).toList());
        shown.put("probes", settings.probes());
        shown.put("seed", settings.seed());
        Map<String, String> models = new LinkedHashMap<>();
        for (int i = 0; i < modelNames.size(); i++) {
            models.put(modelNames.get(i), settings.models().get(i).path().toAbsolutePath().normalize().toString());
        }
        shown.put("models", models);
        if (settings.engine() != null) {
            shown.put("engine", settings.engine());
        }
        return shown;
    }

    /** @return the names of the estimators loaded from saved models, in the order given */
    public List<String> modelNames() {
        return modelNames;
    }

    /**
     * Which reference algorithm each saved model is nearest ({@link NearestAlgorithm}), among the estimators that
     * are not saved models.
     *
     * @param result this comparison's result
     * @return one finding per model, in order; empty without models or without an algorithm to compare with
     */
    public List<NearestAlgorithm> nearestAlgorithms(ComparisonResult result) {
        List<String> algorithms = result.estimators().stream().filter(name -> !modelNames.contains(name)).toList();
        if (algorithms.isEmpty()) {
            return List.of();
        }
        return modelNames.stream().map(model -> NearestAlgorithm.find(result, model, algorithms)).toList();
    }

    /** @return the task */
    public Task task() {
        return task;
    }

    /** @return the episodes every estimator sees */
    public EpisodeBatch episodes() {
        return episodes;
    }

    /** @return the estimators, reference included */
    public List<Estimator> estimators() {
        return estimators;
    }

    /** Closes every estimator (loaded models hold native memory). */
    @Override
    public void close() {
        for (Estimator estimator : estimators) {
            estimator.close();
        }
    }

    /**
     * Refuses a comparison whose arrays would not fit in memory, before the episodes are sampled: the episodes
     * (x, y and w as floats), every estimator's predictions (one float per pair) and the probe inputs of the
     * implicit-weight fits.
     */
    private static void requireMemory(int episodes, int n, int d, int estimators, int probes) {
        Limits.requireAtMost("episodes × n × d (" + episodes + " × " + n + " × " + d + ", the values of one array)",
                Limits.saturatedProduct(episodes, n, d), Limits.MAX_ARRAY_VALUES);
        long values = Limits.saturatedSum(Limits.saturatedProduct(episodes, n, d + 1), (long) episodes * d,
                Limits.saturatedProduct(episodes, n, estimators + 1), Limits.saturatedProduct(episodes, probes, d));
        Limits.requireMemory("comparing " + estimators + " estimators on " + episodes + " episodes of n = " + n
                + ", d = " + d, Limits.saturatedProduct(values, Float.BYTES));
    }

    private static void checkSettings(CompareSettings settings) {
        requireAtLeast("--d", settings.dimension(), 1);
        requireAtLeast("--n", settings.length(), 1);
        requireAtLeast("--episodes", settings.episodes(), 1);
        requireAtLeast("--probes", settings.probes(), 1);
        requireAtMost("--d", settings.dimension(), Limits.MAX_DIMENSION);
        requireAtMost("--n", settings.length(), Limits.MAX_PAIRS);
        requireAtMost("--episodes", settings.episodes(), Limits.MAX_EPISODES);
        requireAtMost("--probes", settings.probes(), Limits.MAX_PAIRS);
        Double noise = settings.noise();
        Double tau = settings.tau();
        if (noise != null && !(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("--noise must be >= 0 and finite, found " + noise);
        }
        if (tau != null && !(tau > 0 && Double.isFinite(tau))) {
            throw new IllegalArgumentException("--tau must be > 0 and finite, found " + tau);
        }
        if (settings.episodesFile() != null && settings.episodes() != null) {
            throw new IllegalArgumentException("--episodes and --episodes-file exclude each other: the file fixes the episodes");
        }
        if (settings.engine() != null && settings.models().isEmpty()) {
            throw new IllegalArgumentException("--engine chooses the engine that loads --model files; give a --model too");
        }
    }

    private static void requireAtMost(String flag, Integer value, int maximum) {
        if (value != null) {
            Limits.requireAtMost(flag, value, maximum);
        }
    }

    private static void requireAtLeast(String flag, Integer value, int minimum) {
        if (value != null && value < minimum) {
            throw new IllegalArgumentException(flag + " must be >= " + minimum + ", found " + value);
        }
    }

    private static EpisodeBatch readEpisodes(CompareSettings settings) throws IOException {
        Path file = settings.episodesFile();
        EpisodeBatch episodes = EpisodesFile.read(file);
        if (settings.dimension() != null && settings.dimension() != episodes.dimension()) {
            throw new IllegalArgumentException("--d " + settings.dimension() + " disagrees with " + file
                    + ", whose episodes have d = " + episodes.dimension() + "; drop --d");
        }
        if (settings.length() != null && settings.length() != episodes.length()) {
            throw new IllegalArgumentException("--n " + settings.length() + " disagrees with " + file
                    + ", whose episodes have n = " + episodes.length() + "; drop --n");
        }
        return episodes;
    }

    /**
     * The task spec with d (or the episodes file's d), noise and tau filled in where the task takes them; without
     * either, d is the spec's own or {@value CompareSettings#DEFAULT_DIMENSION}.
     */
    private static Task createTask(Components components, CompareSettings settings, Integer explicitDimension) {
        Spec spec = Spec.parse(settings.task());
        ComponentFactory<Task> factory = components.tasks().factory(spec.name());
        List<String> parameters = factory.parameters().stream().map(Parameter::name).toList();
        String flag = settings.episodesFile() != null ? "the episodes file's d =" : "--d";
        spec = fill(spec, parameters, "d", flag, explicitDimension == null ? null : explicitDimension.toString(),
                Integer.toString(CompareSettings.DEFAULT_DIMENSION));
        spec = fill(spec, parameters, "noise", "--noise", settings.noise() == null ? null : Double.toString(settings.noise()), null);
        spec = fill(spec, parameters, "tau", "--tau", settings.tau() == null ? null : Double.toString(settings.tau()), null);
        Limits.requireTaskDimension(spec.toString(), spec.get("d"));
        return components.tasks().create(spec, CreationContext.NONE);
    }

    /**
     * Fills {@code key} of a task spec from a flag, refusing a flag the task does not take or one that disagrees
     * with the spec; without the flag, {@code fallback} fills a parameter the spec leaves out.
     *
     * @param spec the task spec
     * @param parameters the task's parameter names
     * @param key the parameter
     * @param flag the flag's name, for messages
     * @param explicit the flag's value, or null
     * @param fallback the default, or null for none
     * @return the filled spec
     */
    public static Spec fill(Spec spec, List<String> parameters, String key, String flag, String explicit, String fallback) {
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

    private static List<Comparison.NamedMetric> createMetrics(Components components, CompareSettings settings,
                                                             CreationContext context) {
        List<Comparison.NamedMetric> metrics = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Spec spec : Spec.parseList(settings.metrics())) {
            ComponentFactory<Metric> factory = components.metrics().factory(spec.name());
            boolean takesProbes = factory.parameters().stream().anyMatch(p -> p.name().equals("probes"));
            Spec filled = takesProbes && spec.get("probes").isEmpty()
                    ? spec.with("probes", Integer.toString(settings.probes())) : spec;
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
    private static Estimator createEstimators(Components components, CompareSettings settings, CreationContext context,
                                              List<Estimator> estimators) {
        Spec referenceParsed = Spec.parse(settings.reference() != null ? settings.reference()
                : DefaultReference.of(context.optionalTask().orElseThrow()));
        Estimator reference = null;
        for (Spec spec : Spec.parseList(settings.estimators())) {
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

    /**
     * Loads every model into {@code estimators} and returns their names: the given name, else the engine's; two
     * unnamed models whose engine names coincide (folders of the same name) are told apart by the shortest ending
     * of their paths that differs, e.g. {@code djl-transformer:a/L8} and {@code djl-transformer:b/L8}.
     */
    private static List<String> loadModels(Engines engines, CompareSettings settings, List<Estimator> estimators)
            throws IOException {
        List<Estimator> loaded = new ArrayList<>();
        for (CompareSettings.Model model : settings.models()) {
            Estimator estimator = engines.load(RunLayout.resolveModel(model.path()), Optional.ofNullable(settings.engine()));
            estimators.add(estimator);
            loaded.add(estimator);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            CompareSettings.Model model = settings.models().get(i);
            String name = model.name() != null ? model.name() : loaded.get(i).name();
            if (model.name() == null) {
                List<Path> clashing = new ArrayList<>();
                for (int j = 0; j < loaded.size(); j++) {
                    if (settings.models().get(j).name() == null && loaded.get(j).name().equals(name)) {
                        clashing.add(settings.models().get(j).path());
                    }
                }
                Path own = model.path().toAbsolutePath().normalize();
                boolean listedTwice = clashing.stream().filter(path -> path.toAbsolutePath().normalize().equals(own))
                        .count() > 1;
                if (clashing.size() > 1 && !listedTwice) {
                    int colon = name.indexOf(':');
                    name = (colon >= 0 ? name.substring(0, colon + 1) : name + ":")
                            + distinguishingEnding(model.path(), clashing);
                }
            }
            names.add(name);
        }
        for (int i = 0; i < loaded.size(); i++) {
            if (!names.get(i).equals(loaded.get(i).name())) {
                Estimator renamed = new NamedEstimator(names.get(i), loaded.get(i));
                estimators.set(estimators.indexOf(loaded.get(i)), renamed);
            }
        }
        return List.copyOf(names);
    }

    /** The shortest ending of {@code path} (absolute, normalised) that no other path in {@code paths} shares. */
    private static String distinguishingEnding(Path path, List<Path> paths) {
        Path own = path.toAbsolutePath().normalize();
        for (int parts = 1; parts <= own.getNameCount(); parts++) {
            Path ending = own.subpath(own.getNameCount() - parts, own.getNameCount());
            boolean shared = false;
            for (Path other : paths) {
                Path normal = other.toAbsolutePath().normalize();
                if (!normal.equals(own) && normal.endsWith(ending)) {
                    shared = true;
                }
            }
            if (!shared) {
                return ending.toString().replace('\\', '/');
            }
        }
        return own.toString();
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
}
