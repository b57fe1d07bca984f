package org.icl4j.algorithms;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

import org.icl4j.api.CreationContext;
import org.icl4j.api.Spec;

/**
 * The factory of a component that takes no parameters (e.g. {@code ols}, {@code zero}, {@code spd}): it rejects
 * any key in the spec and hands the spec to a constructor, so estimators can take the spec string as their name.
 *
 * @param <T> the component type
 */
public final class ParameterlessFactory<T> extends DeclaredFactory<T> {

    private final Function<Spec, ? extends T> constructor;

    /**
     * @param name the spec name
     * @param description one line saying what the component is
     * @param constructor creates the component from its (parameterless) spec
     */
    public ParameterlessFactory(String name, String description, Function<Spec, ? extends T> constructor) {
        super(name, description, List.of());
        this.constructor = requireNonNull(constructor, "constructor is null");
    }

    @Override
    protected T build(Spec spec, CreationContext context) {
        return constructor.apply(spec);
    }
}
