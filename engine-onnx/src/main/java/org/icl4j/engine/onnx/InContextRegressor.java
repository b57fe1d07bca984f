package org.icl4j.engine.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.icl4j.api.EpisodeBatch;

/**
 * An in-context regressor for other JVM applications: load an ONNX in-context learner once, then predict the
 * label of a query input from a few example pairs, with no training step. Needs only this module, the api
 * module and ONNX Runtime at run time.
 *
 * <pre>{@code
 * try (var learner = InContextRegressor.load(Path.of("model.onnx"))) {
 *     double y = learner.predict(xs, ys, query);     // xs: k examples of dimension d, ys: their labels
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe: any number of threads may predict at once; {@link #close()} waits for them.
 */
public final class InContextRegressor implements AutoCloseable {

    private final OnnxEstimator estimator;

    private InContextRegressor(OnnxEstimator estimator) {
        this.estimator = estimator;
    }

    /**
     * Loads a model on the CPU.
     *
     * @param model the {@code .onnx} file (docs/ONNX.md describes the contract it follows)
     * @return the regressor; the caller closes it
     * @throws IOException              when the file cannot be read or is not an ONNX model
     * @throws IllegalArgumentException when the model does not follow the contract
     */
    public static InContextRegressor load(Path model) throws IOException {
        return load(model, OnnxOptions.defaults());
    }

    /**
     * Loads a model.
     *
     * @param model   the {@code .onnx} file
     * @param options device, threads and batch limit
     * @return the regressor; the caller closes it
     * @throws IOException              when the file cannot be read or is not an ONNX model
     * @throws IllegalArgumentException when the model does not follow the contract
     */
    public static InContextRegressor load(Path model, OnnxOptions options) throws IOException {
        return new InContextRegressor(OnnxEstimator.load(model, options));
    }

    /** @return the input dimension d the model takes, or 0 when it takes any */
    public int dimension() {
        return estimator.signature().dimension();
    }

    /** @return the most pairs per episode (examples plus the query), or 0 when the model states no maximum */
    public int maxPairs() {
        return estimator.signature().maxPairs();
    }

    /**
     * Predicts the label of {@code query} from the examples {@code (xs[i], ys[i])}.
     *
     * @param xs    the k example inputs, each of dimension d (k may be 0)
     * @param ys    the k example labels
     * @param query the query input, dimension d
     * @return the predicted label
     * @throws IllegalArgumentException when shapes disagree, a value is not finite in float32, or k + 1 exceeds
     *                                  {@link #maxPairs()}
     */
    public double predict(double[][] xs, double[] ys, double[] query) {
        return predict(new double[][][] {xs}, new double[][] {ys}, new double[][] {query})[0];
    }

    /**
     * Predicts many queries, each with its own examples, in as few model runs as possible (episodes with the
     * same number of examples share a run).
     *
     * @param xs      per episode e, the example inputs {@code xs[e][i]}
     * @param ys      per episode e, the example labels {@code ys[e][i]}
     * @param queries per episode e, the query input
     * @return per episode, the predicted label
     * @throws IllegalArgumentException when shapes disagree, a value is not finite in float32, or an episode is
     *                                  too long
     */
    public double[] predict(double[][][] xs, double[][] ys, double[][] queries) {
        Objects.requireNonNull(xs, "xs is null");
        Objects.requireNonNull(ys, "ys is null");
        Objects.requireNonNull(queries, "queries is null");
        if (xs.length != ys.length || xs.length != queries.length) {
            throw new IllegalArgumentException("xs, ys and queries must hold one entry per episode, found "
                    + xs.length + ", " + ys.length + " and " + queries.length);
        }
        if (xs.length == 0) {
            return new double[0];
        }
        int d = checkEpisodes(xs, ys, queries);
        // Group episodes by example count: one run per group, since a run's episodes share n.
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int e = 0; e < xs.length; e++) {
            groups.computeIfAbsent(xs[e].length, k -> new ArrayList<>()).add(e);
        }
        double[] result = new double[xs.length];
        for (Map.Entry<Integer, List<Integer>> group : groups.entrySet()) {
            int k = group.getKey();
            List<Integer> members = group.getValue();
            int n = k + 1;
            float[] flatXs = new float[members.size() * n * d];
            float[] flatYs = new float[members.size() * n];
            for (int b = 0; b < members.size(); b++) {
                int e = members.get(b);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < d; j++) {
                        flatXs[(b * n + i) * d + j] = (float) xs[e][i][j];
                    }
                    flatYs[b * n + i] = (float) ys[e][i];
                }
                for (int j = 0; j < d; j++) {
                    flatXs[(b * n + k) * d + j] = (float) queries[e][j];
                }
            }
            float[] predictions = estimator.predictPrefixes(EpisodeBatch.of(members.size(), n, d, flatXs, flatYs));
            for (int b = 0; b < members.size(); b++) {
                result[members.get(b)] = predictions[b * n + k];
            }
        }
        return result;
    }

    private int checkEpisodes(double[][][] xs, double[][] ys, double[][] queries) {
        int d = dimension() > 0 ? dimension() : Objects.requireNonNull(queries[0], "queries[0] is null").length;
        int max = maxPairs();
        for (int e = 0; e < xs.length; e++) {
            String where = xs.length == 1 ? "" : " of episode " + e;
            Objects.requireNonNull(xs[e], "xs" + where + " is null");
            Objects.requireNonNull(ys[e], "ys" + where + " is null");
            Objects.requireNonNull(queries[e], "query" + where + " is null");
            if (xs[e].length != ys[e].length) {
                throw new IllegalArgumentException("xs" + where + " has " + xs[e].length + " examples but ys has "
                        + ys[e].length + " labels; give one label per example");
            }
            if (max > 0 && xs[e].length + 1 > max) {
                throw new IllegalArgumentException("the model handles at most " + (max - 1)
                        + " examples plus the query (maxPairs = " + max + "), found " + xs[e].length
                        + " examples" + where);
            }
            checkVector("query" + where, queries[e], d);
            for (int i = 0; i < xs[e].length; i++) {
                checkVector("xs[" + i + "]" + where, xs[e][i], d);
                if (!Float.isFinite((float) ys[e][i])) {
                    throw new IllegalArgumentException("ys[" + i + "]" + where + " is " + ys[e][i]
                            + "; labels must be finite in float32 (magnitude below " + Float.MAX_VALUE + ")");
                }
            }
        }
        return d;
    }

    private static void checkVector(String name, double[] vector, int d) {
        Objects.requireNonNull(vector, name + " is null");
        if (vector.length != d) {
            throw new IllegalArgumentException(name + " has " + vector.length + " values, but the model takes inputs"
                    + " of dimension d = " + d);
        }
        for (int j = 0; j < d; j++) {
            // The model runs in float32: a finite double beyond Float.MAX_VALUE would reach it as infinity.
            if (!Float.isFinite((float) vector[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] is " + vector[j]
                        + "; inputs must be finite in float32 (magnitude below " + Float.MAX_VALUE + ")");
            }
        }
    }

    /** Releases the model; waits for predictions in progress. */
    @Override
    public void close() {
        estimator.close();
    }
}
