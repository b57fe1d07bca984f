package org.icl4j.api;

/**
 * A kind of probe: trains, for every prefix k = 1 … K at once, a read-out from one layer's hidden states to a
 * target. The probe for prefix k may read only tokens 0 … 2k − 1 ({@link LayerStates#tokensOfPrefix}).
 */
public interface ProbeTrainer {

    /** @return the probe's name, e.g. {@code last-linear} */
    String name();

    /**
     * Trains the probes of every prefix of {@code targets}.
     *
     * @param states training hidden states, holding at least the tokens of prefix K
     * @param targets training targets, same episodes
     * @return the trained probes; the caller closes them
     * @throws IllegalArgumentException when states and targets do not match
     */
    TrainedProbe train(LayerStates states, PrefixTargets targets);

    /**
     * Checks that states and targets describe the same episodes and that the states hold the target's prefixes.
     *
     * @param states the hidden states
     * @param targets the targets
     * @throws IllegalArgumentException naming the mismatch
     */
    static void checkMatch(LayerStates states, PrefixTargets targets) {
        if (states.episodes() != targets.episodes()) {
            throw new IllegalArgumentException("hidden states of " + states.episodes() + " episodes but targets of "
                    + targets.episodes());
        }
        if (states.prefixes() < targets.prefixes()) {
            throw new IllegalArgumentException("prefix k = " + targets.prefixes() + " needs tokens 0 … "
                    + (LayerStates.tokensOfPrefix(targets.prefixes()) - 1) + " but the hidden states hold "
                    + states.tokens() + " tokens per episode");
        }
    }
}
