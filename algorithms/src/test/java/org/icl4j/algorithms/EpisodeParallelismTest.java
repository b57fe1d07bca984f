package org.icl4j.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class EpisodeParallelismTest {

    @Test
    void visitsEveryEpisodeExactlyOnce() {
        for (int batch : new int[] {1, 2, 7, 64, 1000, 1281}) {
            for (long work : new long[] {1, 1_000_000}) {
                AtomicIntegerArray visits = new AtomicIntegerArray(batch);
                EpisodeParallelism.forEachChunk(batch, work, (from, to) -> {
                    assertThat(from).isLessThan(to);
                    for (int b = from; b < to; b++) {
                        visits.incrementAndGet(b);
                    }
                });
                for (int b = 0; b < batch; b++) {
                    assertThat(visits.get(b)).as("episode %d of %d (work %d)", b, batch, work).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void chunksStartAtMultiplesOfTheGranularity() {
        AtomicIntegerArray visits = new AtomicIntegerArray(1281);
        EpisodeParallelism.forEachChunk(1281, 1_000_000, 64, (from, to) -> {
            assertThat(from % 64).as("chunk start %d", from).isZero();
            for (int b = from; b < to; b++) {
                visits.incrementAndGet(b);
            }
        });
        for (int b = 0; b < 1281; b++) {
            assertThat(visits.get(b)).as("episode %d", b).isEqualTo(1);
        }
    }

    @Test
    void emptyBatchRunsNothing() {
        EpisodeParallelism.forEachChunk(0, 1_000_000, (from, to) -> {
            throw new AssertionError("called for an empty batch");
        });
    }

    @Test
    void parallelismDefaultsToTheProcessors() {
        String configured = System.getProperty(EpisodeParallelism.PROPERTY);
        int expected = configured == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(configured);
        assertThat(EpisodeParallelism.parallelism()).isEqualTo(expected);
    }
}
