package org.icl4j.engine.djl.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.icl4j.algorithms.probe.ProbeScore;
import org.icl4j.algorithms.probe.SyntheticStates;
import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.TrainedProbe;
import org.icl4j.engine.djl.probe.DjlAttentionProbe.Head;
import org.junit.jupiter.api.Test;

class DjlAttentionProbeTest {

    private static final int HIDDEN = 4;
    private static final int TOKENS = 4;
    private static final int PREFIXES = 2;

    /**
     * Targets planted in the mean of the visible tokens m_k = (1/2k) Σ_{t<2k} h_t: linear, {@code (2, −1, 0, 1)·m_k
     * + 3}, or quadratic, {@code (2k·(u·m_k))²} with u = (1, 1, 0, 0)/√2 (2k·(u·m_k)² has mean 1 whatever k).
     */
    private static PrefixTargets planted(LayerStates states, boolean quadratic) {
        double[] values = new double[states.episodes() * PREFIXES];
        double[] u = quadratic ? new double[] {1 / Math.sqrt(2), 1 / Math.sqrt(2), 0, 0} : new double[] {2, -1, 0, 1};
        for (int i = 0; i < states.episodes(); i++) {
            for (int k = 1; k <= PREFIXES; k++) {
                double dot = 0;
                for (int t = 0; t < 2 * k; t++) {
                    for (int h = 0; h < HIDDEN; h++) {
                        dot += u[h] * states.values()[states.offset(i, t) + h] / (2 * k);
                    }
                }
                values[i * PREFIXES + k - 1] = quadratic ? 2 * k * dot * dot : dot + 3;
            }
        }
        return new PrefixTargets(quadratic ? "quadratic" : "linear", states.episodes(), PREFIXES, 1, values);
    }

    private static ProbeScore score(Head head, int steps, boolean quadratic) {
        LayerStates train = SyntheticStates.gaussian(2048, TOKENS, HIDDEN, 11);
        LayerStates test = SyntheticStates.gaussian(512, TOKENS, HIDDEN, 12);
        PrefixTargets trainTargets = planted(train, quadratic);
        DjlAttentionProbe probe = new DjlAttentionProbe(DjlAttentionProbe.Settings.paper(head, steps, 5), Device.cpu());
        try (TrainedProbe trained = probe.train(train, trainTargets)) {
            return ProbeScore.of(trained.predict(test), planted(test, quadratic), trainTargets);
        }
    }

    @Test
    void recoversAPlantedLinearTarget() {
        ProbeScore score = score(Head.LINEAR, 1500, false);
        for (int k = 1; k <= PREFIXES; k++) {
            // Exactly representable (uniform attention, the initial one); Adam at lr 1e-3 gets within 1e-3 of 0.
            assertThat(score.normalised(k)).isLessThan(1e-3);
        }
    }

    @Test
    void aQuadraticTargetNeedsTheMlpHead() {
        ProbeScore mlp = score(Head.MLP, 1500, true);
        ProbeScore linear = score(Head.LINEAR, 1500, true);
        for (int k = 1; k <= PREFIXES; k++) {
            assertThat(mlp.normalised(k)).isLessThan(0.1);
            // (u·m)² is even in m and m is symmetric about 0: no affine read-out of m beats the mean.
            assertThat(linear.normalised(k)).isGreaterThan(0.8);
        }
    }

    @Test
    void theProbeOfPrefixKReadsNoTokenAfterPrefixK() {
        LayerStates train = SyntheticStates.gaussian(256, TOKENS, HIDDEN, 13);
        LayerStates test = SyntheticStates.gaussian(20, TOKENS, HIDDEN, 14);
        float[] changed = test.values().clone();
        for (int i = 0; i < 20; i++) {
            // Tokens 2 and 3 belong to prefix 2 only.
            for (int at = test.offset(i, 2); at < test.offset(i, 4); at++) {
                changed[at] = changed[at] * -3 + 7;
            }
        }
        DjlAttentionProbe probe = new DjlAttentionProbe(DjlAttentionProbe.Settings.paper(Head.MLP, 50, 1), Device.cpu());
        try (TrainedProbe trained = probe.train(train, planted(train, false))) {
            double[] before = trained.predict(test);
            double[] after = trained.predict(new LayerStates(20, TOKENS, HIDDEN, changed));
            for (int i = 0; i < 20; i++) {
                assertThat(after[i * PREFIXES]).isEqualTo(before[i * PREFIXES]);
                assertThat(after[i * PREFIXES + 1]).isNotEqualTo(before[i * PREFIXES + 1]);
            }
        }
    }

    @Test
    void sameSettingsGiveTheSameProbe() {
        LayerStates train = SyntheticStates.gaussian(128, TOKENS, HIDDEN, 15);
        PrefixTargets targets = planted(train, true);
        DjlAttentionProbe probe = new DjlAttentionProbe(DjlAttentionProbe.Settings.paper(Head.MLP, 20, 2), Device.cpu());
        double[] first;
        try (TrainedProbe trained = probe.train(train, targets)) {
            first = trained.predict(train);
        }
        try (TrainedProbe trained = probe.train(train, targets)) {
            assertThat(trained.predict(train)).containsExactly(first);
        }
    }

    @Test
    void badSettingsAndMismatchedInputsAreRefused() {
        assertThatThrownBy(() -> new DjlAttentionProbe.Settings(Head.MLP, 0, 64, 1e-3, 512, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("probe steps must be >= 1, found 0");
        LayerStates states = SyntheticStates.gaussian(10, TOKENS, HIDDEN, 16);
        PrefixTargets tooLong = new PrefixTargets("t", 10, 3, 1, new double[30]);
        DjlAttentionProbe probe = new DjlAttentionProbe(DjlAttentionProbe.Settings.paper(Head.LINEAR, 1, 0), Device.cpu());
        assertThatThrownBy(() -> probe.train(states, tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs tokens 0 … 5");
    }
}
