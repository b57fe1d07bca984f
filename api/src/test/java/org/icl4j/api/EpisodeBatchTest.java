package org.icl4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeBatchTest {

    /** Two episodes, three pairs, d = 2: x[b,k] = (10b + k, -(10b + k)), y[b,k] = 100b + k. */
    private static EpisodeBatch sample() {
        float[] xs = new float[2 * 3 * 2];
        float[] ys = new float[2 * 3];
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 3; k++) {
                xs[(b * 3 + k) * 2] = 10 * b + k;
                xs[(b * 3 + k) * 2 + 1] = -(10 * b + k);
                ys[b * 3 + k] = 100 * b + k;
            }
        }
        return new EpisodeBatch(2, 3, 2, xs, ys, new float[] {1, 2, 3, 4}, 0.5);
    }

    @Test
    void indexesRowMajor() {
        EpisodeBatch batch = sample();
        assertThat(batch.x(1, 2, 0)).isEqualTo(12f);
        assertThat(batch.x(1, 2, 1)).isEqualTo(-12f);
        assertThat(batch.y(1, 1)).isEqualTo(101f);
        assertThat(batch.hasWeights()).isTrue();
    }

    @Test
    void sliceAndTruncateKeepTheRightValues() {
        EpisodeBatch second = sample().slice(1, 2);
        assertThat(second.batch()).isEqualTo(1);
        assertThat(second.x(0, 0, 0)).isEqualTo(10f);
        assertThat(second.ws()).containsExactly(3f, 4f);
        EpisodeBatch firstTwo = sample().truncate(2);
        assertThat(firstTwo.length()).isEqualTo(2);
        assertThat(firstTwo.ys()).containsExactly(0f, 1f, 100f, 101f);
        assertThat(firstTwo.x(1, 1, 1)).isEqualTo(-11f);
    }

    @Test
    void rejectsWrongShapesAndNonFiniteValues() {
        assertThatThrownBy(() -> EpisodeBatch.of(2, 3, 2, new float[11], new float[6]))
                .hasMessage("xs must have 12 values for shape [2, 3, 2], found 11");
        assertThatThrownBy(() -> EpisodeBatch.of(2, 3, 2, new float[12], new float[5]))
                .hasMessage("ys must have 6 values for shape [2, 3], found 5");
        float[] ys = new float[6];
        ys[4] = Float.NaN;
        assertThatThrownBy(() -> EpisodeBatch.of(2, 3, 2, new float[12], ys))
                .hasMessage("ys must be finite, found NaN at flat index 4");
        assertThatThrownBy(() -> EpisodeBatch.of(0, 3, 2, new float[0], new float[0]))
                .hasMessage("batch must be >= 1, found 0");
        assertThatThrownBy(() -> new EpisodeBatch(1, 1, 1, new float[1], new float[1], null, -1))
                .hasMessageContaining("noise must be >= 0");
        assertThatThrownBy(() -> sample().truncate(4)).hasMessage("pairs must be in 1 … 3, found 4");
    }
}
