package org.icl4j.harness.compare;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to compare: the task and its episodes, the estimators and saved models, the reference and the metrics.
 * Every setting has the default of {@code icl4j compare}, which reproduces the setting of the paper's Fig. 1 (d = 8,
 * n = 40, noiseless, the paper's algorithms, least squares as reference; on a noisy task the reference defaults to
 * the Bayes predictor, {@link DefaultReference}); the setters return this object. The
 * settings' names are those of the command line's flags, and so are the names in error messages.
 */
public final class CompareSettings {

    /** The paper's Fig. 1 algorithms. */
    public static final String DEFAULT_ESTIMATORS = "ols,ridge:lambda=0.1,gd:lr=0.01,gd:lr=0.02,sgd:lr=0.01,sgd:lr=0.03,"
            + "knn:k=3,weights=uniform,knn:k=3,weights=inverse-square,averaging";
    /** Every metric of the paper. */
    public static final String DEFAULT_METRICS = "squared-error,spd,ilwd,r2,mspd";
    /** The paper's main input dimension, used when neither d, the task spec nor an episodes file sets one. */
    public static final int DEFAULT_DIMENSION = 8;
    /** Pairs per episode per input dimension when n is not set: 5 d, the paper's n = 40 at d = 8. */
    public static final int PAIRS_PER_DIMENSION = 5;
    /** Episodes sampled when neither a count nor an episodes file is given. */
    public static final int DEFAULT_EPISODES = 1280;

    private String task = "linear";
    private Integer dimension;
    private Integer length;
    private Double noise;
    private Double tau;
    private Integer episodes;
    private Path episodesFile;
    private String estimators;
    private String reference;
    private String metrics = DEFAULT_METRICS;
    private int probes = 64;
    private long seed;
    private final List<Model> models = new ArrayList<>();
    private String engine;

    /**
     * A saved model to compare, with the name it is shown under.
     *
     * @param name the estimator name, or null for the engine's (made unique by the model's path when two models would
     *     share it)
     * @param path a checkpoint folder, a run folder, a {@code construct} output folder, or a model file such as .onnx
     */
    public record Model(String name, Path path) {
        /** Validates the path and the name (non-blank when given). */
        public Model {
            requireNonNull(path, "path is null");
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("a model's name must not be blank; write NAME=PATH or just PATH");
            }
        }

        /**
         * Reads a {@code --model} value: a path when the whole text names an existing file or folder, else
         * {@code NAME=PATH} when the text before the first {@code =} is non-empty and holds no path separator, else a
         * path (whose engine gives the name).
         *
         * @param text the flag's value
         * @return the model
         */
        public static Model parse(String text) {
            requireNonNull(text, "text is null");
            int equals = text.indexOf('=');
            if (equals > 0 && java.nio.file.Files.exists(Path.of(text))) {
                // A folder such as runs/lr=0.1 is a path, not a name.
                return new Model(null, Path.of(text));
            }
            if (equals > 0 && equals < text.length() - 1) {
                String name = text.substring(0, equals).strip();
                if (!name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0) {
                    return new Model(name, Path.of(text.substring(equals + 1).strip()));
                }
            }
            if (equals == text.length() - 1) {
                throw new IllegalArgumentException("--model " + text + " names a model but gives no path; write NAME=PATH");
            }
            return new Model(null, Path.of(text));
        }
    }

    /** @return settings with every default */
    public static CompareSettings defaults() {
        return new CompareSettings();
    }

    /**
     * @param spec the task spec, default {@code linear}; d, noise and tau fill in its parameters of those names
     * @return this
     */
    public CompareSettings task(String spec) {
        this.task = requireNonNull(spec, "task is null");
        return this;
    }

    /**
     * @param d the input dimension, or null for the task spec's, else {@value #DEFAULT_DIMENSION}
     * @return this
     */
    public CompareSettings dimension(Integer d) {
        this.dimension = d;
        return this;
    }

    /**
     * @param n pairs per episode, or null for 5·d
     * @return this
     */
    public CompareSettings length(Integer n) {
        this.length = n;
        return this;
    }

    /**
     * @param sigma the task's label noise σ, or null for the task's default
     * @return this
     */
    public CompareSettings noise(Double sigma) {
        this.noise = sigma;
        return this;
    }

    /**
     * @param scale the task's weight prior scale τ, or null for the task's default
     * @return this
     */
    public CompareSettings tau(Double scale) {
        this.tau = scale;
        return this;
    }

    /**
     * @param count episodes to sample, or null for {@value #DEFAULT_EPISODES}
     * @return this
     */
    public CompareSettings episodes(Integer count) {
        this.episodes = count;
        return this;
    }

    /**
     * @param file an .npz episodes file (xs [B,n,d], ys [B,n], optional ws [B,d]) read instead of sampling, or null
     * @return this
     */
    public CompareSettings episodesFile(Path file) {
        this.episodesFile = file;
        return this;
    }

    /**
     * @param specs estimator specs separated by commas, or null for {@link #DEFAULT_ESTIMATORS}
     * @return this
     */
    public CompareSettings estimators(String specs) {
        this.estimators = specs;
        return this;
    }

    /**
     * @param spec the estimator that pairwise metrics compare against, added if not listed; null for the default,
     *     {@link DefaultReference#of the task's}: least squares on a noiseless task, the Bayes predictor on a noisy one
     * @return this
     */
    public CompareSettings reference(String spec) {
        this.reference = spec;
        return this;
    }

    /**
     * @param specs metric specs separated by commas (default {@link #DEFAULT_METRICS})
     * @return this
     */
    public CompareSettings metrics(String specs) {
        this.metrics = requireNonNull(specs, "metrics is null");
        return this;
    }

    /**
     * @param count probe inputs per context for implicit-weight fits (ILWD, R²), default 64
     * @return this
     */
    public CompareSettings probes(int count) {
        this.probes = count;
        return this;
    }

    /**
     * @param value seed of the episodes and probe inputs, default 0
     * @return this
     */
    public CompareSettings seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * @param model a saved model to add as an estimator: a checkpoint or run folder, or a model file such as .onnx
     * @return this
     */
    public CompareSettings model(Path model) {
        this.models.add(new Model(null, requireNonNull(model, "model is null")));
        return this;
    }

    /**
     * @param model a saved model to add as an estimator, under its own name when it has one
     * @return this
     */
    public CompareSettings model(Model model) {
        this.models.add(requireNonNull(model, "model is null"));
        return this;
    }

    /**
     * @param name the engine that loads every model, or null to choose by the model's kind
     * @return this
     */
    public CompareSettings engine(String name) {
        this.engine = name;
        return this;
    }

    /** @return the task spec */
    public String task() {
        return task;
    }

    /** @return the input dimension, or null when not set */
    public Integer dimension() {
        return dimension;
    }

    /** @return pairs per episode, or null when not set */
    public Integer length() {
        return length;
    }

    /** @return the label noise, or null when not set */
    public Double noise() {
        return noise;
    }

    /** @return the weight prior scale, or null when not set */
    public Double tau() {
        return tau;
    }

    /** @return the episode count, or null when not set */
    public Integer episodes() {
        return episodes;
    }

    /** @return the episodes file, or null */
    public Path episodesFile() {
        return episodesFile;
    }

    /** @return the estimator specs (the defaults when not set) */
    public String estimators() {
        return estimators == null ? DEFAULT_ESTIMATORS : estimators;
    }

    /** @return the reference spec, or null for the task's default */
    public String reference() {
        return reference;
    }

    /** @return the metric specs */
    public String metrics() {
        return metrics;
    }

    /** @return probe inputs per context */
    public int probes() {
        return probes;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the saved models, in the order added */
    public List<Model> models() {
        return List.copyOf(models);
    }

    /** @return the engine for the models, or null */
    public String engine() {
        return engine;
    }
}
