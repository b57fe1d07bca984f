package org.icl4j.algorithms.probe;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;
import org.icl4j.api.TrainedProbe;

/**
 * Probing a model layer by layer (the paper's Fig. 4 and 5): hidden states of training and held-out episodes are
 * streamed from the model ({@link HiddenStateStream}), every target is computed for prefixes k = 1 … K, and for
 * every target and layer a probe is trained on the training episodes and scored on the held-out ones
 * ({@link ProbeScore}).
 *
 * <p>Memory: the probes need the tokens 0 … 2K − 1 of every layer and episode at once, 4·(L+1)·N·2K·H bytes for
 * N = training + held-out episodes; the sizes are checked against the JVM's heap before anything of that size is
 * allocated. The model runs on one batch at a time.
 */
public final class Probing {

    /**
     * Sizes and seed of a probing run.
     *
     * @param trainEpisodes episodes the probes are trained on, at least 1
     * @param testEpisodes held-out episodes they are scored on, at least 1
     * @param length pairs per episode n, at least 2
     * @param prefixes K: prefixes k = 1 … K are probed, 1 ≤ K ≤ n − 1 (the model reads tokens 0 … 2n − 2, so the
     *     last pair's label token, which prefix n would need, is never fed)
     * @param batchSize episodes per model pass, at least 1
     * @param seed seed of the episodes: training batch c is drawn from {@code Rng.of(Rng.of(seed, 0).nextLong(),
     *     c)}, held-out batch c from {@code Rng.of(Rng.of(seed, 1).nextLong(), c)}
     */
    public record Settings(int trainEpisodes, int testEpisodes, int length, int prefixes, int batchSize, long seed) {

        /** Validates the ranges. */
        public Settings {
            atLeast("train episodes", trainEpisodes, 1);
            atLeast("held-out episodes", testEpisodes, 1);
            atLeast("length (pairs per episode)", length, 2);
            atLeast("batch size", batchSize, 1);
            if (prefixes < 1 || prefixes > length - 1) {
                throw new IllegalArgumentException("k (prefixes probed) must be in 1 … " + (length - 1) + " for episodes of "
                        + length + " pairs (prefix k reads tokens 0 … 2k − 1 and the model reads 2n − 1 tokens), found "
                        + prefixes);
            }
        }

        private static void atLeast(String name, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be >= " + minimum + ", found " + value);
            }
        }
    }

    /** Progress of a run, for a host that shows it; the library itself prints nothing. */
    public interface Listener {
        /** A listener that ignores everything. */
        Listener NONE = new Listener() {
            @Override
            public void planned(long steps) {
            }

            @Override
            public void step(String message) {
            }
        };

        /**
         * The number of steps planned; called again when it becomes known more exactly.
         *
         * @param steps the total
         */
        void planned(long steps);

        /**
         * One step done.
         *
         * @param message what was done
         */
        void step(String message);
    }

    /**
     * Scores kept between runs, so that an interrupted run resumes: {@link #run} asks for each (target, layer)
     * before training its probe and stores every score it computes as soon as it has it.
     */
    public interface ScoreStore {
        /** A store that keeps nothing. */
        ScoreStore NONE = new ScoreStore() {
            @Override
            public Optional<ProbeScore> find(String target, int layer) {
                return Optional.empty();
            }

            @Override
            public void put(String target, int layer, ProbeScore score) {
            }
        };

        /**
         * @param target the target's name
         * @param layer the layer
         * @return the score computed earlier with the same settings, if any
         */
        Optional<ProbeScore> find(String target, int layer);

        /**
         * Keeps a score just computed.
         *
         * @param target the target's name
         * @param layer the layer
         * @param score the score
         */
        void put(String target, int layer, ProbeScore score);
    }

    private Probing() {
    }

    /**
     * @param estimator a loaded model
     * @return the model as a {@link HiddenStateEstimator}
     * @throws IllegalArgumentException when it provides no hidden states
     */
    public static HiddenStateEstimator requireHiddenStates(Estimator estimator) {
        requireNonNull(estimator, "estimator is null");
        if (estimator instanceof HiddenStateEstimator hidden) {
            return hidden;
        }
        throw new IllegalArgumentException("model " + estimator.name() + " provides no hidden states, so it cannot be "
                + "probed; probe a checkpoint folder (engine djl) or an ONNX model exported with the hidden_states output");
    }

    /**
     * Probes a model.
     *
     * @param model the model
     * @param task the task the episodes are drawn from
     * @param targets the targets, at least one, with distinct names
     * @param trainer the probe kind
     * @param settings sizes and seed
     * @param listener progress
     * @return the scores
     * @throws IllegalArgumentException for bad settings, duplicate targets, or data too large for the heap
     */
    public static ProbeResult run(HiddenStateEstimator model, Task task, List<ProbeTarget> targets,
            ProbeTrainer trainer, Settings settings, Listener listener) {
        return run(model, task, targets, trainer, settings, listener, ScoreStore.NONE);
    }

    /**
     * Probes a model, reusing the scores {@code store} already holds and storing each new one as it finishes.
     * The hidden states are streamed again either way (the model's passes are cheap next to training probes).
     *
     * @param model the model
     * @param task the task the episodes are drawn from
     * @param targets the targets, at least one, with distinct names
     * @param trainer the probe kind
     * @param settings sizes and seed
     * @param listener progress
     * @param store scores of an earlier run with the same model, task, targets, trainer and settings
     * @return the scores
     * @throws IllegalArgumentException for bad settings, duplicate targets, or data too large for the heap
     */
    public static ProbeResult run(HiddenStateEstimator model, Task task, List<ProbeTarget> targets,
            ProbeTrainer trainer, Settings settings, Listener listener, ScoreStore store) {
        requireNonNull(store, "store is null");
        requireNonNull(model, "model is null");
        requireNonNull(task, "task is null");
        requireNonNull(trainer, "trainer is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(listener, "listener is null");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no probe target given");
        }
        List<String> names = new ArrayList<>();
        for (ProbeTarget target : targets) {
            if (names.contains(target.name())) {
                throw new IllegalArgumentException("probe target '" + target.name() + "' is listed twice");
            }
            names.add(target.name());
        }
        HiddenStateStream train = HiddenStateStream.sampled(model, task, settings.trainEpisodes(), settings.length(),
                settings.batchSize(), Rng.of(settings.seed(), 0).nextLong());
        HiddenStateStream test = HiddenStateStream.sampled(model, task, settings.testEpisodes(), settings.length(),
                settings.batchSize(), Rng.of(settings.seed(), 1).nextLong());
        long streaming = train.chunks() + test.chunks();
        listener.planned(streaming + targets.size());
        Collected trainData = collect(train, targets, settings, settings.testEpisodes(), listener, "training");
        int layers = trainData.layers.length;
        listener.planned(streaming + (long) targets.size() * layers);
        Collected testData = collect(test, targets, settings, 0, listener, "held-out");
        List<ProbeResult.TargetScores> scores = new ArrayList<>();
        for (ProbeTarget target : targets) {
            PrefixTargets trainTargets = trainData.targets.get(target.name());
            PrefixTargets testTargets = testData.targets.get(target.name());
            List<ProbeScore> byLayer = new ArrayList<>();
            for (int layer = 0; layer < layers; layer++) {
                Optional<ProbeScore> earlier = store.find(target.name(), layer);
                if (earlier.isPresent()) {
                    if (earlier.get().prefixes() != settings.prefixes()) {
                        throw new IllegalStateException("the stored score of '" + target.name() + "' at layer " + layer
                                + " has " + earlier.get().prefixes() + " prefixes, expected " + settings.prefixes());
                    }
                    byLayer.add(earlier.get());
                    listener.step(target.name() + " layer " + layer + " (done earlier)");
                    continue;
                }
                try (TrainedProbe probe = trainer.train(trainData.layers[layer], trainTargets)) {
                    ProbeScore score = ProbeScore.of(probe.predict(testData.layers[layer]), testTargets, trainTargets);
                    store.put(target.name(), layer, score);
                    byLayer.add(score);
                }
                listener.step(target.name() + " layer " + layer);
            }
            scores.add(new ProbeResult.TargetScores(target.name(), trainTargets.dimension(), byLayer));
        }
        return new ProbeResult(model.name(), trainer.name(), layers, settings.prefixes(), scores);
    }

    /** Every layer's tokens 0 … 2K − 1 and every target's prefixes 1 … K of a streamed set. */
    private record Collected(LayerStates[] layers, Map<String, PrefixTargets> targets) {
    }

    private static Collected collect(HiddenStateStream stream, List<ProbeTarget> targets, Settings settings,
            int laterEpisodes, Listener listener, String what) {
        int prefixes = settings.prefixes();
        int tokens = LayerStates.tokensOfPrefix(prefixes);
        int episodes = stream.episodes();
        float[][] layers = null;
        int hidden = 0;
        double[][] values = new double[targets.size()][];
        int[] dimensions = new int[targets.size()];
        for (HiddenStateStream.Chunk chunk : stream) {
            HiddenStates states = chunk.states();
            EpisodeBatch batch = chunk.episodes();
            if (layers == null) {
                hidden = states.hidden();
                checkSize(states.layers(), episodes + laterEpisodes, tokens, hidden, what);
                if (states.tokens() < tokens) {
                    throw new IllegalArgumentException("prefix k = " + prefixes + " needs tokens 0 … " + (tokens - 1)
                            + " but the model returned " + states.tokens() + " tokens per episode");
                }
                layers = new float[states.layers()][episodes * tokens * hidden];
                for (int t = 0; t < targets.size(); t++) {
                    dimensions[t] = targets.get(t).dimension(batch.dimension());
                    long size = (long) episodes * prefixes * dimensions[t];
                    if (dimensions[t] < 1 || size > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("probe target '" + targets.get(t).name() + "' has dimension "
                                + dimensions[t] + ", which needs " + size + " values; at most " + Integer.MAX_VALUE
                                + " values and dimension >= 1 are allowed");
                    }
                    values[t] = new double[(int) size];
                }
            } else if (states.hidden() != hidden || states.layers() != layers.length) {
                throw new IllegalStateException("the model's hidden states changed shape between batches");
            }
            for (int layer = 0; layer < layers.length; layer++) {
                for (int b = 0; b < batch.batch(); b++) {
                    System.arraycopy(states.values(), states.offset(layer, b, 0), layers[layer],
                            (chunk.first() + b) * tokens * hidden, tokens * hidden);
                }
            }
            int n = batch.length();
            for (int t = 0; t < targets.size(); t++) {
                double[] prefixValues = targets.get(t).prefixValues(batch);
                int dimension = dimensions[t];
                if (prefixValues.length != (long) batch.batch() * n * dimension) {
                    throw new IllegalStateException("probe target '" + targets.get(t).name() + "' returned "
                            + prefixValues.length + " values for shape [" + batch.batch() + ", " + n + ", " + dimension + "]");
                }
                for (int b = 0; b < batch.batch(); b++) {
                    // Entry k of the target (pairs 0 … k-1) for k = 1 … K.
                    System.arraycopy(prefixValues, (b * n + 1) * dimension, values[t],
                            (chunk.first() + b) * prefixes * dimension, prefixes * dimension);
                }
            }
            listener.step(what + " episodes " + (chunk.first() + batch.batch()) + "/" + episodes);
        }
        LayerStates[] collected = new LayerStates[layers.length];
        for (int layer = 0; layer < layers.length; layer++) {
            collected[layer] = new LayerStates(episodes, tokens, hidden, layers[layer]);
        }
        Map<String, PrefixTargets> byName = new LinkedHashMap<>();
        for (int t = 0; t < targets.size(); t++) {
            String name = targets.get(t).name();
            byName.put(name, new PrefixTargets(name, episodes, prefixes, dimensions[t], values[t]));
        }
        return new Collected(collected, byName);
    }

    /** Fails before allocating when one layer's array or all of them cannot be held. */
    private static void checkSize(int layers, int episodes, int tokens, int hidden, String what) {
        long perLayer = (long) episodes * tokens * hidden;
        long bytes = 4L * layers * perLayer;
        long heap = Runtime.getRuntime().maxMemory();
        if (perLayer > Integer.MAX_VALUE || bytes > heap / 2) {
            throw new IllegalArgumentException("probing holds " + layers + " layers × " + episodes + " episodes × "
                    + tokens + " tokens × " + hidden + " features = " + (bytes >> 20) + " MiB of hidden states, more than "
                    + "half the heap (" + (heap >> 20) + " MiB) allows; use fewer episodes or a smaller k");
        }
    }
}
