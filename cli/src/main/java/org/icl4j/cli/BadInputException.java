package org.icl4j.cli;

/**
 * Bad input found by a command: an unreadable or malformed input file, or an output folder that cannot be
 * written. Exits with {@link Icl4j#BAD_INPUT}.
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
