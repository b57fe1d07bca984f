package org.icl4j.engine.djl;

/**
 * How many updates, and the learning rate of each ({@link LearningRateSchedule}: linear warm-up, then half-cosine
 * to 0 at update {@code steps}). Each component's name is the setting's name in specs, {@code --set}, config.json
 * and docs/TRAINING.md.
 *
 * @param steps optimiser updates; on resume a larger value extends the run (docs/TRAINING.md, "Extending a run")
 * @param lr the peak learning rate
 * @param warmup the fraction of the updates spent warming up linearly, in [0, 1]
 */
public record ScheduleSettings(long steps, double lr, double warmup) {

    /** Validates every value against its allowed range. */
    public ScheduleSettings {
        TrainingSettings.atLeast("steps", steps, 1);
        TrainingSettings.positive("lr", lr);
        if (!(warmup >= 0 && warmup <= 1)) {
            throw new IllegalArgumentException("warmup must be in [0, 1], found " + warmup);
        }
    }

    /** @return the warm-up then half-cosine schedule over {@link #steps()} updates */
    public LearningRateSchedule rates() {
        return new LearningRateSchedule(lr, Math.round(warmup * steps), steps);
    }
}
