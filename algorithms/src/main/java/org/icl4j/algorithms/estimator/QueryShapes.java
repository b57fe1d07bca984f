package org.icl4j.algorithms.estimator;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.EpisodeBatch;

/** The argument checks of {@link org.icl4j.api.Estimator#predictQueries}, shared by the overriding estimators. */
final class QueryShapes {

    private QueryShapes() {
    }

    static void check(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        requireNonNull(episodes, "episodes is null");
        requireNonNull(queries, "queries is null");
        int batch = episodes.batch();
        int d = episodes.dimension();
        if (contextPairs < 0 || contextPairs > episodes.length()) {
            throw new IllegalArgumentException(
                    "contextPairs must be in 0 … " + episodes.length() + ", found " + contextPairs);
        }
        long expected = (long) batch * queriesPerEpisode * d;
        if (queriesPerEpisode < 1 || queries.length != expected) {
            throw new IllegalArgumentException("queries must have shape [" + batch + ", " + queriesPerEpisode + ", " + d
                    + "] (" + expected + " values) with at least 1 query per episode, found " + queries.length
                    + " values");
        }
    }
}
