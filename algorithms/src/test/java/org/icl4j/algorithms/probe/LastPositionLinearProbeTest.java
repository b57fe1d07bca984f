package org.icl4j.algorithms.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.TrainedProbe;
import org.junit.jupiter.api.Test;

class LastPositionLinearProbeTest {

    @Test
    void recoversAPlantedAffineMapOfTheLastToken() {
        LayerStates train = SyntheticStates.gaussian(200, 6, 5, 1);
        LayerStates test = SyntheticStates.gaussian(100, 6, 5, 2);
        PrefixTargets trainTargets = SyntheticStates.linearOfLastToken(train, 3, 2);
        PrefixTargets testTargets = SyntheticStates.linearOfLastToken(test, 3, 2);
        try (TrainedProbe probe = new LastPositionLinearProbe().train(train, trainTargets)) {
            ProbeScore score = ProbeScore.of(probe.predict(test), testTargets, trainTargets);
            for (int k = 1; k <= 3; k++) {
                // Exact in exact arithmetic; float states and a 1e-8 relative ridge leave errors far below 1e-6.
                assertThat(score.normalised(k)).isLessThan(1e-6);
            }
        }
    }

    @Test
    void aTargetIndependentOfTheStatesScoresAboutOne() {
        LayerStates train = SyntheticStates.gaussian(400, 4, 3, 3);
        LayerStates test = SyntheticStates.gaussian(400, 4, 3, 4);
        // The target is the last token of *other* states: independent of these, so nothing beyond the mean is
        // learnable; overfitting 3 features + 1 bias on 400 episodes costs about (3 + 1)/400 on held-out data.
        PrefixTargets trainTargets = SyntheticStates.linearOfLastToken(SyntheticStates.gaussian(400, 4, 3, 5), 2, 1);
        PrefixTargets testTargets = SyntheticStates.linearOfLastToken(SyntheticStates.gaussian(400, 4, 3, 6), 2, 1);
        try (TrainedProbe probe = new LastPositionLinearProbe().train(train, trainTargets)) {
            ProbeScore score = ProbeScore.of(probe.predict(test), testTargets, trainTargets);
            assertThat(score.normalised(1)).isBetween(0.9, 1.15);
            assertThat(score.normalised(2)).isBetween(0.9, 1.15);
        }
    }

    @Test
    void thePrefixKProbeReadsNoTokenAfterPrefixK() {
        LayerStates train = SyntheticStates.gaussian(50, 6, 4, 7);
        PrefixTargets targets = SyntheticStates.linearOfLastToken(train, 3, 1);
        LayerStates test = SyntheticStates.gaussian(10, 6, 4, 8);
        float[] changed = test.values().clone();
        // Change every token from 2·1 on: the probe of k = 1 reads tokens 0 and 1 only.
        for (int i = 0; i < 10; i++) {
            for (int at = test.offset(i, 2); at < test.offset(i, 6) ; at++) {
                changed[at] += 100;
            }
        }
        try (TrainedProbe probe = new LastPositionLinearProbe().train(train, targets)) {
            double[] before = probe.predict(test);
            double[] after = probe.predict(new LayerStates(10, 6, 4, changed));
            for (int i = 0; i < 10; i++) {
                assertThat(after[i * 3]).isEqualTo(before[i * 3]);
                assertThat(after[i * 3 + 1]).isNotEqualTo(before[i * 3 + 1]);
            }
        }
    }

    @Test
    void statesMustHoldTheTargetsPrefixes() {
        LayerStates states = SyntheticStates.gaussian(10, 4, 2, 9);
        PrefixTargets targets = new PrefixTargets("t", 10, 3, 1, new double[30]);
        assertThatThrownBy(() -> new LastPositionLinearProbe().train(states, targets))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix k = 3 needs tokens 0 … 5 but the hidden states hold 4 tokens per episode");
    }
}
