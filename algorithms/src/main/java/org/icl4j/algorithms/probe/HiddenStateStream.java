package org.icl4j.algorithms.probe;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;

/**
 * Walks a set of episodes in batches and yields each batch with its per-layer hidden states, for any
 * {@link HiddenStateEstimator}. Only one batch's episodes and states are alive at a time (unless the caller keeps
 * them), so memory is bounded by the batch size, not by the number of episodes. Each iteration runs the model
 * again.
 */
public final class HiddenStateStream implements Iterable<HiddenStateStream.Chunk> {

    /**
     * One batch of the stream.
     *
     * @param first index of the batch's first episode in the whole set
     * @param episodes the batch's episodes
     * @param states their hidden states, [layers, batch, tokens, hidden]
     */
    public record Chunk(int first, EpisodeBatch episodes, HiddenStates states) {
    }

    /** Supplies episodes {@code first … first+count−1} of a set on demand. */
    @FunctionalInterface
    public interface EpisodeSource {
        /**
         * @param chunk the batch's number, from 0
         * @param first the first episode's index
         * @param count the number of episodes, at least 1
         * @return those episodes
         */
        EpisodeBatch episodes(int chunk, int first, int count);
    }

    private final HiddenStateEstimator model;
    private final EpisodeSource source;
    private final int episodes;
    private final int batchSize;

    private HiddenStateStream(HiddenStateEstimator model, EpisodeSource source, int episodes, int batchSize) {
        this.model = requireNonNull(model, "model is null");
        this.source = requireNonNull(source, "source is null");
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, found " + episodes);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
        }
        this.episodes = episodes;
        this.batchSize = batchSize;
    }

    /**
     * Streams episodes already in memory.
     *
     * @param model the model
     * @param episodes the episodes
     * @param batchSize episodes per batch, at least 1
     * @return the stream
     */
    public static HiddenStateStream of(HiddenStateEstimator model, EpisodeBatch episodes, int batchSize) {
        requireNonNull(episodes, "episodes is null");
        return new HiddenStateStream(model, (chunk, first, count) -> episodes.slice(first, first + count),
                episodes.batch(), batchSize);
    }

    /**
     * Streams episodes sampled from a task batch by batch: batch c is {@code task.sample(size, length,
     * Rng.of(seed, c))}, so the episodes depend on the seed and the batch size only.
     *
     * @param model the model
     * @param task the task
     * @param episodes the number of episodes, at least 1
     * @param length pairs per episode, at least 1
     * @param batchSize episodes per batch, at least 1
     * @param seed the seed
     * @return the stream
     */
    public static HiddenStateStream sampled(HiddenStateEstimator model, Task task, int episodes, int length,
            int batchSize, long seed) {
        requireNonNull(task, "task is null");
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, found " + length);
        }
        return new HiddenStateStream(model, (chunk, first, count) -> task.sample(count, length, Rng.of(seed, chunk)),
                episodes, batchSize);
    }

    /** @return the number of episodes */
    public int episodes() {
        return episodes;
    }

    /** @return the number of batches */
    public int chunks() {
        return (episodes + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Chunk> iterator() {
        return new Iterator<>() {
            private int chunk;

            @Override
            public boolean hasNext() {
                return chunk < chunks();
            }

            @Override
            public Chunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the stream has " + chunks() + " batches");
                }
                int first = chunk * batchSize;
                int count = Math.min(batchSize, episodes - first);
                EpisodeBatch batch = source.episodes(chunk, first, count);
                if (batch.batch() != count) {
                    throw new IllegalStateException("the episode source gave " + batch.batch() + " episodes for a batch of "
                            + count);
                }
                HiddenStates states = model.hiddenStates(batch);
                if (states.batch() != count) {
                    throw new IllegalStateException(model.name() + " returned hidden states of " + states.batch()
                            + " episodes for a batch of " + count);
                }
                chunk++;
                return new Chunk(first, batch, states);
            }
        };
    }
}
