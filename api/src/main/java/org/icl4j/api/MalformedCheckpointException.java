package org.icl4j.api;

import java.io.IOException;

/** A checkpoint or model file that is truncated, inconsistent or of an unknown format. */
public class MalformedCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was expected, what was found, and what to do
     */
    public MalformedCheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what was expected, what was found, and what to do
     * @param cause the underlying failure
     */
    public MalformedCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
