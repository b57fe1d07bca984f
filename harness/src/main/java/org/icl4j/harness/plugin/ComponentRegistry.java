package org.icl4j.harness.plugin;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/**
 * The registered factories of one kind of component (tasks, estimators or metrics), which creates components
 * from {@link Spec}s: an unknown name fails listing the known names, an unknown parameter key fails listing the
 * factory's parameters, and the factory itself validates values.
 *
 * @param <T> the component type
 */
public final class ComponentRegistry<T> {

    private final String kind;
    private final Map<String, Registered<ComponentFactory<T>>> factories;

    /**
     * @param kind the kind in singular, for messages, e.g. {@code estimator}
     * @param factories the factories by name
     */
    public ComponentRegistry(String kind, Map<String, Registered<ComponentFactory<T>>> factories) {
        this.kind = requireNonNull(kind, "kind is null");
        this.factories = new TreeMap<>(requireNonNull(factories, "factories is null"));
    }

    /** @return the kind, e.g. {@code estimator} */
    public String kind() {
        return kind;
    }

    /** @return every registered factory, sorted by name */
    public Collection<Registered<ComponentFactory<T>>> all() {
        return List.copyOf(factories.values());
    }

    /** @return the registered names, sorted */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /**
     * @param name a component name
     * @return its factory, if registered
     */
    public Optional<Registered<ComponentFactory<T>>> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /**
     * @param name a component name
     * @return its factory
     * @throws IllegalArgumentException naming the known components when there is none
     */
    public ComponentFactory<T> factory(String name) {
        Registered<ComponentFactory<T>> registered = factories.get(name);
        if (registered == null) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; "
                    + (factories.isEmpty() ? "no " + kind + "s are registered (is a plugin missing?)"
                            : "known " + kind + "s: " + String.join(", ", factories.keySet())));
        }
        return registered.component();
    }

    /**
     * Creates a component from a spec string.
     *
     * @param spec e.g. {@code ridge:lambda=0.1}
     * @param context the task under study, if any
     * @return the component
     * @throws IllegalArgumentException for a malformed spec, an unknown name or parameter, or a bad value
     */
    public T create(String spec, CreationContext context) {
        return create(Spec.parse(spec), context);
    }

    /**
     * Creates a component from a spec.
     *
     * @param spec the spec
     * @param context the task under study, if any
     * @return the component
     * @throws IllegalArgumentException for an unknown name or parameter, or a bad value
     */
    public T create(Spec spec, CreationContext context) {
        ComponentFactory<T> factory = factory(spec.name());
        spec.requireKnownParameters(factory.parameters().stream().map(Parameter::name).toList());
        T component = factory.create(spec, context);
        if (component == null) {
            throw new IllegalStateException(kind + " factory '" + spec.name() + "' returned null for '" + spec + "'");
        }
        return component;
    }
}
