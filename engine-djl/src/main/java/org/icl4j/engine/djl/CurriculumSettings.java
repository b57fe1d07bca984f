package org.icl4j.engine.djl;

/**
 * The curriculum of Garg et al.: d and n start small and grow every {@code curriculumEvery} updates, up to the
 * task's d and the model's n. Each component's name is the setting's name in specs, {@code --set}, config.json and
 * docs/TRAINING.md.
 *
 * @param curriculumEvery grow every this many updates; 0 disables the curriculum
 * @param curriculumDimStart the first d (capped at the task's d)
 * @param curriculumDimIncrement how much d grows per stage
 * @param curriculumPairsStart the first n (capped at the model's n, so {@code --pairs 4} on a preset that starts
 *     at 6 trains on n = 4 throughout)
 * @param curriculumPairsIncrement how much n grows per stage
 */
public record CurriculumSettings(long curriculumEvery, int curriculumDimStart, int curriculumDimIncrement,
                                 int curriculumPairsStart, int curriculumPairsIncrement) {

    /** Validates every value against its allowed range. */
    public CurriculumSettings {
        TrainingSettings.atLeast("curriculumEvery", curriculumEvery, 0);
        TrainingSettings.atLeast("curriculumDimStart", curriculumDimStart, 1);
        TrainingSettings.atLeast("curriculumDimIncrement", curriculumDimIncrement, 0);
        TrainingSettings.atLeast("curriculumPairsStart", curriculumPairsStart, 1);
        TrainingSettings.atLeast("curriculumPairsIncrement", curriculumPairsIncrement, 0);
    }

    /**
     * The curriculum's dimension for update index {@code step} (0-based).
     *
     * @param step updates done before this one
     * @param dimension the task's full d
     * @return d at this step
     */
    public int dimension(long step, int dimension) {
        if (curriculumEvery == 0) {
            return dimension;
        }
        // A start above the task's d (e.g. the quick preset's 2 on a d = 1 task) starts at the full d.
        long grown = curriculumDimStart + (step / curriculumEvery) * curriculumDimIncrement;
        return (int) Math.min(dimension, Math.min(grown, Integer.MAX_VALUE));
    }

    /**
     * The curriculum's pairs for update index {@code step} (0-based).
     *
     * @param step updates done before this one
     * @param pairs the model's n
     * @return n at this step
     */
    public int pairs(long step, int pairs) {
        if (curriculumEvery == 0) {
            return pairs;
        }
        long grown = curriculumPairsStart + (step / curriculumEvery) * curriculumPairsIncrement;
        return (int) Math.min(pairs, grown);
    }
}
