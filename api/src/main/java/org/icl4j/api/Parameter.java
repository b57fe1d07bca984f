package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * One parameter a component accepts, for listings and validation.
 *
 * @param name the key in the spec string
 * @param defaultValue the value used when absent, as written in a spec
 * @param description what it controls and which values are allowed
 */
public record Parameter(String name, String defaultValue, String description) {

    /**
     * Validates non-null fields.
     *
     * @param name the key in the spec string
     * @param defaultValue the value used when absent, as written in a spec
     * @param description what it controls and which values are allowed
     */
    public Parameter {
        requireNonNull(name, "name is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(description, "description is null");
    }
}
