package org.icl4j.formats.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void exactGeluIsTheInputTimesTheStandardNormalCdf() {
        // Φ(1) = 0.8413447460685429, Φ(2) = 0.9772498680518208, Φ(−1) = 1 − Φ(1): standard normal tables.
        assertThat(Activation.GELU.apply(1.0)).isCloseTo(0.8413447460685429, within(1e-12));
        assertThat(Activation.GELU.apply(2.0)).isCloseTo(2 * 0.9772498680518208, within(1e-12));
        assertThat(Activation.GELU.apply(-1.0)).isCloseTo(-(1 - 0.8413447460685429), within(1e-12));
        assertThat(Activation.GELU.apply(0.0)).isZero();
    }

    @Test
    void theTanhFormStaysWithinHalfAThousandthOfTheExactOne() {
        double largest = 0;
        for (double z = -8; z <= 8; z += 1e-3) {
            largest = Math.max(largest, Math.abs(Activation.GELU.apply(z) - Activation.GELU_TANH.apply(z)));
        }
        assertThat(largest).isLessThan(5e-4).isGreaterThan(1e-4);
    }

    @Test
    void namesRoundTrip() {
        for (Activation activation : Activation.values()) {
            assertThat(Activation.fromId(activation.id())).isEqualTo(activation);
        }
        assertThat(Activation.fromId("gelu")).isEqualTo(Activation.GELU);
    }
}
