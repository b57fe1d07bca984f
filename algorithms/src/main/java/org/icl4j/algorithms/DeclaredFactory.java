package org.icl4j.algorithms;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/**
 * A factory whose name, description and parameters are fixed values: it answers the listing methods from them and
 * rejects spec keys that are not among the parameters before {@link #build} sees the spec.
 *
 * @param <T> the component type
 */
public abstract class DeclaredFactory<T> implements ComponentFactory<T> {

    private final String name;
    private final String description;
    private final List<Parameter> parameters;

    /**
     * @param name the spec name
     * @param description one line saying what the component is
     * @param parameters the parameters a spec may set, with defaults
     */
    protected DeclaredFactory(String name, String description, List<Parameter> parameters) {
        this.name = requireNonNull(name, "name is null");
        this.description = requireNonNull(description, "description is null");
        this.parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final T create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, parameters);
        return build(spec, context);
    }

    /**
     * Creates the component from a spec whose keys are all declared parameters.
     *
     * @param spec the spec
     * @param context the task under study, if any
     * @return the component
     * @throws IllegalArgumentException naming a bad value and what is allowed
     */
    protected abstract T build(Spec spec, CreationContext context);
}
