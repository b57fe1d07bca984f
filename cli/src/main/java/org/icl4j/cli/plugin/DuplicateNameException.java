package org.icl4j.cli.plugin;

/** Two plugins contributed the same name for one kind of component; the message names the name and both plugins. */
public final class DuplicateNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the name and both plugins
     * @param cause Guice's creation error
     */
    public DuplicateNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
