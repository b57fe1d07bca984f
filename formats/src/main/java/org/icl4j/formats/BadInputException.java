package org.icl4j.formats;


/**
 * Bad input found while running a job: an unreadable or malformed input file, or an output folder that cannot be
 * written. The command line exits with code 2 on it.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and what to do
     */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
