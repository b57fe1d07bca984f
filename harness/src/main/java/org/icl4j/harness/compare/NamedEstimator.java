package org.icl4j.harness.compare;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;

/** A loaded model shown under another name ({@code --model NAME=PATH}, or two models whose engine names clash). */
final class NamedEstimator implements Estimator {

    private final String name;
    private final Estimator model;

    NamedEstimator(String name, Estimator model) {
        this.name = requireNonNull(name, "name is null");
        this.model = requireNonNull(model, "model is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        return model.predictPrefixes(episodes);
    }

    @Override
    public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int queriesPerEpisode) {
        return model.predictQueries(episodes, contextPairs, queries, queriesPerEpisode);
    }

    @Override
    public void close() {
        model.close();
    }
}
