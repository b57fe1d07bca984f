package org.icl4j.algorithms;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/**
 * The factory of a component that takes no parameters (e.g. {@code ols}, {@code zero}, {@code spd}): it rejects
 * any key in the spec and hands the spec to a constructor, so estimators can take the spec string as their name.
 *
 * @param <T> the component type
 */
public final class ParameterlessFactory<T> implements ComponentFactory<T> {

    private final String name;
    private final String description;
    private final Function<Spec, ? extends T> constructor;

    /**
     * @param name the spec name
     * @param description one line saying what the component is
     * @param constructor creates the component from its (parameterless) spec
     */
    public ParameterlessFactory(String name, String description, Function<Spec, ? extends T> constructor) {
        this.name = requireNonNull(name, "name is null");
        this.description = requireNonNull(description, "description is null");
        this.constructor = requireNonNull(constructor, "constructor is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public T create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, List.of());
        return constructor.apply(spec);
    }
}
