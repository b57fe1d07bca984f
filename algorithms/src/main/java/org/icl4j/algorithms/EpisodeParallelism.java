package org.icl4j.algorithms;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs per-episode work in parallel over chunks of a batch. Episodes of an {@link org.icl4j.api.EpisodeBatch}
 * are independent, so reference algorithms split a large batch into contiguous chunks and fit each chunk on
 * its own thread; small batches run on the calling thread, where thread hand-off would cost more than it saves.
 *
 * <p>The number of threads is read once from the system property {@value #PROPERTY} (an integer ≥ 1; default:
 * the number of available processors). With {@code -Dicl4j.parallelism=1} everything runs on the calling
 * thread, which is how single-thread benchmarks are measured. The pool's threads are daemons, so they never
 * keep a JVM alive.
 */
public final class EpisodeParallelism {

    /** The system property that sets the number of threads. */
    public static final String PROPERTY = "icl4j.parallelism";

    /** Below this much work (roughly floating-point operations) a batch runs on the calling thread. */
    private static final long SEQUENTIAL_WORK = 1L << 16;

    private static final int PARALLELISM = readParallelism();

    private static volatile ForkJoinPool pool;

    private EpisodeParallelism() {
    }

    /** Work on a contiguous range of episodes. */
    @FunctionalInterface
    public interface EpisodeRange {
        /**
         * Processes episodes {@code from … to-1}.
         *
         * @param from first episode, inclusive
         * @param to last episode, exclusive
         */
        void run(int from, int to);
    }

    /** @return the number of threads batches are split over */
    public static int parallelism() {
        return PARALLELISM;
    }

    /**
     * Runs {@code body} over episodes {@code 0 … batch-1}, split into contiguous chunks that run in parallel when
     * the batch is large enough. Every episode is processed exactly once; chunks do not overlap, so a body that
     * writes only its own episodes' slots of shared output arrays needs no locking.
     *
     * @param batch number of episodes
     * @param workPerEpisode rough cost of one episode (floating-point operations), to decide whether to split
     * @param body the work
     */
    public static void forEachChunk(int batch, long workPerEpisode, EpisodeRange body) {
        forEachChunk(batch, workPerEpisode, 1, body);
    }

    /**
     * Like {@link #forEachChunk(int, long, EpisodeRange)}, with every chunk boundary at a multiple of
     * {@code granularity} episodes (except the batch's end), for bodies that process episodes in blocks of that
     * size.
     *
     * @param batch number of episodes
     * @param workPerEpisode rough cost of one episode (floating-point operations), to decide whether to split
     * @param granularity chunk sizes are multiples of this, at least 1
     * @param body the work
     */
    public static void forEachChunk(int batch, long workPerEpisode, int granularity, EpisodeRange body) {
        if (granularity < 1) {
            throw new IllegalArgumentException("granularity must be >= 1, found " + granularity);
        }
        if (batch <= 0) {
            return;
        }
        int units = (batch + granularity - 1) / granularity;
        int chunks = (int) Math.min(units, 4L * PARALLELISM);
        if (PARALLELISM == 1 || chunks == 1 || workPerEpisode * batch < SEQUENTIAL_WORK) {
            body.run(0, batch);
            return;
        }
        pool().invoke(new ChunkAction(batch, units, granularity, chunks, 0, chunks, body));
    }

    private static ForkJoinPool pool() {
        ForkJoinPool current = pool;
        if (current == null) {
            synchronized (EpisodeParallelism.class) {
                current = pool;
                if (current == null) {
                    current = new ForkJoinPool(PARALLELISM, forkJoinPool -> {
                        var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
                        thread.setDaemon(true);
                        thread.setName("icl4j-episodes-" + thread.getPoolIndex());
                        return thread;
                    }, null, false);
                    pool = current;
                }
            }
        }
        return current;
    }

    private static int readParallelism() {
        String raw = System.getProperty(PROPERTY);
        if (raw == null || raw.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be an integer >= 1, found '"
                    + raw + "'");
        }
        if (value < 1) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be >= 1, found " + value);
        }
        return value;
    }

    /**
     * Splits chunk indices in halves until one chunk is left, then runs it. Chunk c covers units
     * {@code ⌊units·c/chunks⌋ …} of {@code granularity} episodes each.
     */
    private static final class ChunkAction extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        private final int batch;
        private final int units;
        private final int granularity;
        private final int chunks;
        private final int firstChunk;
        private final int endChunk;
        private final transient EpisodeRange body;

        ChunkAction(int batch, int units, int granularity, int chunks, int firstChunk, int endChunk,
                EpisodeRange body) {
            this.batch = batch;
            this.units = units;
            this.granularity = granularity;
            this.chunks = chunks;
            this.firstChunk = firstChunk;
            this.endChunk = endChunk;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (endChunk - firstChunk == 1) {
                int from = boundary(firstChunk);
                int to = boundary(endChunk);
                if (from < to) {
                    body.run(from, to);
                }
                return;
            }
            int middle = (firstChunk + endChunk) >>> 1;
            invokeAll(new ChunkAction(batch, units, granularity, chunks, firstChunk, middle, body),
                    new ChunkAction(batch, units, granularity, chunks, middle, endChunk, body));
        }

        private int boundary(int chunk) {
            long unit = (long) units * chunk / chunks;
            return (int) Math.min(batch, unit * granularity);
        }
    }
}
