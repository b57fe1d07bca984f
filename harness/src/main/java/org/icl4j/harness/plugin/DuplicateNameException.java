package org.icl4j.harness.plugin;


/** Two plugins contributed the same name for one kind of component; the message names the name and both plugins. */
public final class DuplicateNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the name and both plugins
     */
    public DuplicateNameException(String message) {
        super(message);
    }
}
