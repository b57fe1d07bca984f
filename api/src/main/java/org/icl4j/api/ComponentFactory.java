package org.icl4j.api;

import java.util.List;

/**
 * Creates one kind of named component (a task, an estimator, a metric) from a {@link Spec}. Plugins contribute
 * factories; the host registers them by {@link #name()}.
 *
 * @param <T> the component type
 */
public interface ComponentFactory<T> {

    /** @return the unique name used in spec strings, e.g. {@code ridge} */
    String name();

    /** @return one line saying what the component is */
    String description();

    /** @return the parameters the spec may set, with defaults */
    List<Parameter> parameters();

    /**
     * Creates the component. The host has already checked that every parameter key is one of
     * {@link #parameters()}; the factory validates values.
     *
     * @param spec the spec, whose name equals {@link #name()}
     * @param context the task under study, if any
     * @return the component
     * @throws IllegalArgumentException naming a bad value and what is allowed
     */
    T create(Spec spec, CreationContext context);
}
