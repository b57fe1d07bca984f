package org.icl4j.experiment;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * An experiment spec that is not valid: unreadable YAML, an unknown key, a value of the wrong type, a missing
 * field, an unknown variable. The message names the file, the line and column, the key (as a path such as
 * {@code stages[0].combine}) and what is allowed.
 */
public final class MalformedSpecException extends Exception {
    private final Path file;
    private final int line;
    private final String key;

    /**
     * @param file the spec file
     * @param line 1-based line of the offending key or value, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param key the key path, empty for the whole document
     * @param problem what was wrong and what is allowed
     */
    public MalformedSpecException(Path file, int line, int column, String key, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": "
                + (key.isEmpty() ? "" : key + ": ") + problem);
        this.file = requireNonNull(file, "file is null");
        this.line = line;
        this.key = requireNonNull(key, "key is null");
    }

    /** @return the spec file */
    public Path file() {
        return file;
    }

    /** @return the 1-based line of the problem, 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the key path of the problem, such as {@code stages[0].combine} */
    public String key() {
        return key;
    }
}
