package org.icl4j.experiment;

/** What one attempt to execute a run came to. */
public enum RunOutcome {
    /** It ran and finished now. */
    FINISHED,
    /** It was done before; nothing ran. */
    ALREADY_DONE,
    /** The step failed; {@code error.txt} holds why. */
    FAILED,
    /** Cancelled before or while running; its folder is resumable. */
    CANCELLED,
    /** The run it uses is not done, so it did not start. */
    BLOCKED
}
