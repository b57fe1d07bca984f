package org.icl4j.formats.npy;

import java.io.IOException;

/** A {@code .npy} or {@code .npz} file that is malformed, of an unsupported kind, or not the expected arrays. */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was expected, what was found, and what to do
     */
    public NpyFormatException(String message) {
        super(message);
    }

    /**
     * @param message what was expected, what was found, and what to do
     * @param cause the underlying failure
     */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
