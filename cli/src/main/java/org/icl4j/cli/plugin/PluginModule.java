package org.icl4j.cli.plugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.Task;

/**
 * Registers every plugin's contributions in Guice {@link MapBinder}s keyed by name, one map per kind. Each binding
 * carries its plugin as the binding source, so two plugins that contribute the same name make injector creation
 * fail with both plugins named (see {@link Bootstrap}). This module only binds.
 */
public final class PluginModule extends AbstractModule {

    /** The map key type of every registry: the component's name. */
    static final TypeLiteral<String> NAME = new TypeLiteral<>() {
    };
    /** Task factories by name. */
    static final TypeLiteral<Registered<ComponentFactory<Task>>> TASK = new TypeLiteral<>() {
    };
    /** Estimator factories by name. */
    static final TypeLiteral<Registered<ComponentFactory<Estimator>>> ESTIMATOR = new TypeLiteral<>() {
    };
    /** Metric factories by name. */
    static final TypeLiteral<Registered<ComponentFactory<Metric>>> METRIC = new TypeLiteral<>() {
    };
    /** Engine providers by name. */
    static final TypeLiteral<Registered<EngineProvider>> ENGINE = new TypeLiteral<>() {
    };
    /** The plugins in discovery order. */
    static final TypeLiteral<List<LoadedPlugin>> PLUGINS = new TypeLiteral<>() {
    };

    private final List<LoadedPlugin> plugins;

    /**
     * @param plugins the plugins to register
     */
    public PluginModule(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(PLUGINS).toInstance(plugins);
        MapBinder.newMapBinder(binder(), NAME, TASK);
        MapBinder.newMapBinder(binder(), NAME, ESTIMATOR);
        MapBinder.newMapBinder(binder(), NAME, METRIC);
        MapBinder.newMapBinder(binder(), NAME, ENGINE);
        for (LoadedPlugin plugin : plugins) {
            // The source names the plugin and its jar in Guice's duplicate-key error.
            Binder source = binder().withSource(plugin);
            MapBinder<String, Registered<ComponentFactory<Task>>> tasks = MapBinder.newMapBinder(source, NAME, TASK);
            for (ComponentFactory<Task> factory : plugin.plugin().tasks()) {
                tasks.addBinding(factory.name()).toInstance(new Registered<>(factory, plugin));
            }
            MapBinder<String, Registered<ComponentFactory<Estimator>>> estimators =
                    MapBinder.newMapBinder(source, NAME, ESTIMATOR);
            for (ComponentFactory<Estimator> factory : plugin.plugin().estimators()) {
                estimators.addBinding(factory.name()).toInstance(new Registered<>(factory, plugin));
            }
            MapBinder<String, Registered<ComponentFactory<Metric>>> metrics =
                    MapBinder.newMapBinder(source, NAME, METRIC);
            for (ComponentFactory<Metric> factory : plugin.plugin().metrics()) {
                metrics.addBinding(factory.name()).toInstance(new Registered<>(factory, plugin));
            }
            MapBinder<String, Registered<EngineProvider>> engines = MapBinder.newMapBinder(source, NAME, ENGINE);
            for (EngineProvider provider : plugin.plugin().engines()) {
                engines.addBinding(provider.getEngineName()).toInstance(new Registered<>(provider, plugin));
            }
        }
        bind(Components.class);
        bind(Engines.class);
        bind(Plugins.class);
    }
}
