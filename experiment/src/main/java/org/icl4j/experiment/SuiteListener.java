package org.icl4j.experiment;

/**
 * Hears an executor's progress. Executors call it from one thread, in order, so an implementation needs no locking.
 */
public interface SuiteListener {
    /** A listener that ignores everything. */
    SuiteListener NONE = new SuiteListener() {
    };

    /** @param run a run that starts (or resumes) now */
    default void started(PlannedRun run) {
    }

    /**
     * @param run a run that ended, or that will not start
     * @param outcome what came of it
     */
    default void finished(PlannedRun run, RunOutcome outcome) {
    }
}
