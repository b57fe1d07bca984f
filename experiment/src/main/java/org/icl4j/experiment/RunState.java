package org.icl4j.experiment;

/** Where a run stands, read from its folder alone. */
public enum RunState {
    /** No folder yet. */
    PENDING,
    /** Started ({@code run.json} written) and neither finished nor failed: running now, or interrupted. */
    STARTED,
    /** The last attempt failed ({@code error.txt}); running it again resumes it. */
    FAILED,
    /** Finished: {@code done.json} exists, written last. */
    DONE
}
