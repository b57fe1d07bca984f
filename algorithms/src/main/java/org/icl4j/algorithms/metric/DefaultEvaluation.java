package org.icl4j.algorithms.metric;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.ImplicitWeights;
import org.icl4j.api.LinearEstimator;

/**
 * An {@link Evaluation} that computes each estimator's predictions and implicit weights once and caches them,
 * keyed by estimator identity. Implicit weights are exact for a {@link LinearEstimator} and otherwise fit on
 * probe inputs drawn from N(0, I) ({@link ImplicitWeightsFit#byProbes}); all estimators share one probe seed,
 * so they are probed on the same inputs. Thread-safe; the returned arrays are shared and must not be modified.
 */
public final class DefaultEvaluation implements Evaluation {

    /** The authors' number of probe inputs per context (docs/PAPER.md, Metrics: ILWD). */
    public static final int DEFAULT_PROBES = 64;

    private final EpisodeBatch episodes;
    private final int probes;
    private final long seed;
    private final Map<Estimator, float[]> predictions = new IdentityHashMap<>();
    private final Map<Estimator, Map<Integer, ImplicitWeights>> implicitWeights = new IdentityHashMap<>();

    /**
     * @param episodes the evaluation episodes
     * @param probes probe inputs per context for implicit weights of non-linear estimators, at least 1 (and at
     *     least d when a fit is needed)
     * @param seed the seed of the probe inputs
     */
    public DefaultEvaluation(EpisodeBatch episodes, int probes, long seed) {
        this.episodes = requireNonNull(episodes, "episodes is null");
        this.probes = ParameterChecks.atLeast("probes", probes, 1);
        this.seed = seed;
    }

    @Override
    public EpisodeBatch episodes() {
        return episodes;
    }

    /** @return the default number of probe inputs per context */
    public int probes() {
        return probes;
    }

    /** @return the probe seed */
    public long seed() {
        return seed;
    }

    @Override
    public synchronized float[] predictions(Estimator estimator) {
        requireNonNull(estimator, "estimator is null");
        float[] cached = predictions.get(estimator);
        if (cached == null) {
            cached = estimator.predictPrefixes(episodes);
            int expected = episodes.batch() * episodes.length();
            if (cached.length != expected) {
                throw new IllegalStateException("estimator '" + estimator.name() + "' returned " + cached.length
                        + " predictions, expected " + expected + " (shape [" + episodes.batch() + ", "
                        + episodes.length() + "])");
            }
            predictions.put(estimator, cached);
        }
        return cached;
    }

    /** Implicit weights fit with {@link #probes()} probe inputs per context. */
    @Override
    public ImplicitWeights implicitWeights(Estimator estimator) {
        return implicitWeights(estimator, probes);
    }

    /**
     * @param estimator an estimator
     * @param probeCount probe inputs per context for a non-linear estimator, at least d
     * @return its implicit weights after every prefix (cached per probe count)
     */
    public synchronized ImplicitWeights implicitWeights(Estimator estimator, int probeCount) {
        requireNonNull(estimator, "estimator is null");
        Map<Integer, ImplicitWeights> byProbes = implicitWeights.computeIfAbsent(estimator, e -> new HashMap<>());
        int key = estimator instanceof LinearEstimator ? 0 : probeCount;
        ImplicitWeights cached = byProbes.get(key);
        if (cached == null) {
            cached = estimator instanceof LinearEstimator linear
                    ? ImplicitWeightsFit.exact(linear, episodes)
                    : ImplicitWeightsFit.byProbes(estimator, episodes, probeCount, seed);
            byProbes.put(key, cached);
        }
        return cached;
    }
}
