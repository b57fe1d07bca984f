package org.icl4j.engine.djl;

/**
 * Linear warm-up then half-cosine decay to zero (docs/PAPER.md, "Model"; the authors' cosine scheduler): for update
 * {@code u = 1 … total} with {@code W} warm-up updates, the rate is {@code base·u/W} while {@code u ≤ W} and
 * {@code base·½(1 + cos(π(u − W)/(total − W)))} after, reaching 0 at the last update.
 *
 * @param base the peak learning rate, positive
 * @param warmupSteps W, 0 … total
 * @param totalSteps the number of updates, at least 1
 */
public record LearningRateSchedule(double base, long warmupSteps, long totalSteps) {

    /** Validates the ranges. */
    public LearningRateSchedule {
        if (!(base > 0 && Double.isFinite(base))) {
            throw new IllegalArgumentException("learning rate must be > 0 and finite, found " + base);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, found " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warm-up steps must be in 0 … " + totalSteps + ", found " + warmupSteps);
        }
    }

    /**
     * @param update the update number, 1 … total
     * @return its learning rate
     */
    public double rate(long update) {
        if (update < 1 || update > totalSteps) {
            throw new IllegalArgumentException("update must be in 1 … " + totalSteps + ", found " + update);
        }
        if (update <= warmupSteps) {
            return base * update / warmupSteps;
        }
        double progress = (double) (update - warmupSteps) / (totalSteps - warmupSteps);
        return base * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
