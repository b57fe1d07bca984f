package org.icl4j.algorithms.estimator;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

import org.icl4j.algorithms.EpisodeParallelism;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.Estimator;
import org.icl4j.api.EpisodeBatch;

/**
 * k-nearest-neighbour regression over the context (docs/PAPER.md, Reference algorithms: k-NN with k = 3): the
 * prediction for a query is a weighted mean of the labels of the K context inputs nearest to it in Euclidean
 * distance.
 *
 * <ul>
 *   <li>With fewer than K context pairs, all of them are the neighbours; with none, the prediction is 0.</li>
 *   <li>Ties in distance go to the earlier pair, so the result does not depend on sorting details.</li>
 *   <li>{@link Weights#UNIFORM}: the plain mean. {@link Weights#INVERSE_SQUARE}: weights 1/‖x − xᵢ‖². When some
 *       neighbours are at distance exactly 0 their weight is unbounded, so the prediction is the plain mean of
 *       those neighbours' labels (the limit of the weighted mean as their distance goes to 0).</li>
 * </ul>
 * Not linear in the query, so its implicit weights are fit through probe queries.
 */
public final class NearestNeighbours implements Estimator {

    /** How the neighbours' labels are combined. */
    public enum Weights {
        /** Every neighbour counts equally. */
        UNIFORM("uniform"),
        /** Neighbour i counts 1/‖x − xᵢ‖². */
        INVERSE_SQUARE("inverse-square");

        private final String specValue;

        Weights(String specValue) {
            this.specValue = specValue;
        }

        /** @return the value used in spec strings */
        public String specValue() {
            return specValue;
        }

        /**
         * @param value {@code uniform} or {@code inverse-square}
         * @return the weighting
         * @throws IllegalArgumentException for any other value
         */
        public static Weights parse(String value) {
            for (Weights weights : values()) {
                if (weights.specValue.equals(value.toLowerCase(Locale.ROOT))) {
                    return weights;
                }
            }
            throw new IllegalArgumentException("weights must be uniform or inverse-square, found '" + value + "'");
        }
    }

    private final String name;
    private final int neighbours;
    private final Weights weights;

    /**
     * @param name display name, normally the spec string
     * @param neighbours K, at least 1
     * @param weights the weighting
     */
    public NearestNeighbours(String name, int neighbours, Weights weights) {
        this.name = requireNonNull(name, "name is null");
        this.neighbours = ParameterChecks.atLeast("k", neighbours, 1);
        this.weights = requireNonNull(weights, "weights is null");
    }

    @Override
    public String name() {
        return name;
    }

    /** @return K */
    public int neighbours() {
        return neighbours;
    }

    /** @return the weighting */
    public Weights weights() {
        return weights;
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        float[] xs = episodes.xs();
        float[] ys = episodes.ys();
        float[] out = new float[batch * n];
        EpisodeParallelism.forEachChunk(batch, (long) n * n * d, (from, to) -> {
            Scratch scratch = new Scratch(neighbours);
            for (int b = from; b < to; b++) {
                for (int k = 0; k < n; k++) {
                    out[b * n + k] = (float) predict(xs, b * n * d, ys, b * n, k, xs, (b * n + k) * d, d, scratch);
                }
            }
        });
        return out;
    }

    /** Searches the context directly for every query, without copying episodes. */
    @Override
    public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        QueryShapes.check(episodes, contextPairs, queries, queriesPerEpisode);
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        int m = queriesPerEpisode;
        float[] xs = episodes.xs();
        float[] ys = episodes.ys();
        float[] out = new float[batch * m];
        EpisodeParallelism.forEachChunk(batch, (long) m * contextPairs * d, (from, to) -> {
            Scratch scratch = new Scratch(neighbours);
            for (int b = from; b < to; b++) {
                for (int q = 0; q < m; q++) {
                    out[b * m + q] = (float) predict(xs, b * n * d, ys, b * n, contextPairs, queries, (b * m + q) * d,
                            d, scratch);
                }
            }
        });
        return out;
    }

    /** The K best (distance, index) so far, sorted by distance then index. */
    private static final class Scratch {
        final double[] distances;
        final int[] indices;

        Scratch(int neighbours) {
            distances = new double[neighbours];
            indices = new int[neighbours];
        }
    }

    private double predict(float[] xs, int xOffset, float[] ys, int yOffset, int contextPairs, float[] query,
            int queryOffset, int d, Scratch scratch) {
        if (contextPairs == 0) {
            return 0.0;
        }
        int found = 0;
        double[] distances = scratch.distances;
        int[] indices = scratch.indices;
        for (int i = 0; i < contextPairs; i++) {
            double distance = 0;
            int row = xOffset + i * d;
            for (int j = 0; j < d; j++) {
                double difference = (double) xs[row + j] - query[queryOffset + j];
                distance += difference * difference;
            }
            // Insertion into the sorted list; a later pair never displaces an equally distant earlier one.
            if (found < neighbours) {
                found++;
            } else if (distance >= distances[found - 1]) {
                continue;
            }
            int position = found - 1;
            while (position > 0 && distances[position - 1] > distance) {
                distances[position] = distances[position - 1];
                indices[position] = indices[position - 1];
                position--;
            }
            distances[position] = distance;
            indices[position] = i;
        }
        if (weights == Weights.UNIFORM || distances[0] == 0) {
            double sum = 0;
            int count = 0;
            for (int t = 0; t < found; t++) {
                if (weights == Weights.UNIFORM || distances[t] == 0) {
                    sum += ys[yOffset + indices[t]];
                    count++;
                }
            }
            return sum / count;
        }
        double weighted = 0;
        double total = 0;
        for (int t = 0; t < found; t++) {
            double weight = 1.0 / distances[t];
            weighted += weight * ys[yOffset + indices[t]];
            total += weight;
        }
        return weighted / total;
    }

    @Override
    public String toString() {
        return name;
    }
}
