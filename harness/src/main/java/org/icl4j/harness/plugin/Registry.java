package org.icl4j.harness.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.ModelExporter;
import org.icl4j.api.Plugin;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Task;

/**
 * Every contribution of the discovered plugins, by kind and name: tasks, estimators, metrics, probe targets and
 * probe trainers ({@link Components}), engines ({@link Engines}), exporters ({@link Exporters}) and the plugins
 * themselves. A name contributed twice (by two plugins, or twice by one) fails naming both sources; so does a plugin name
 * found twice, as when a second copy of a plugin jar is in the plugins folder.
 *
 * @param components the task, estimator, metric, probe target and probe trainer registries
 * @param engines the engine registry
 * @param exporters the exporter registry
 * @param plugins the plugins in discovery order
 */
public record Registry(Components components, Engines engines, Exporters exporters, Plugins plugins) {

    /**
     * Registers every contribution of {@code plugins}.
     *
     * @param plugins the discovered plugins
     * @return the registry
     * @throws DuplicateNameException when one name of one kind is contributed twice, naming every duplicate and
     *     the plugins (with their jars) that contributed it
     */
    public static Registry of(List<LoadedPlugin> plugins) {
        List<String> duplicates = new ArrayList<>();
        collect("plugin", plugins, plugin -> List.of(plugin), Plugin::name, duplicates);
        Map<String, Registered<ComponentFactory<Task>>> tasks =
                collect("task", plugins, Plugin::tasks, ComponentFactory::name, duplicates);
        Map<String, Registered<ComponentFactory<Estimator>>> estimators =
                collect("estimator", plugins, Plugin::estimators, ComponentFactory::name, duplicates);
        Map<String, Registered<ComponentFactory<Metric>>> metrics =
                collect("metric", plugins, Plugin::metrics, ComponentFactory::name, duplicates);
        Map<String, Registered<ComponentFactory<ProbeTarget>>> probeTargets =
                collect("probe target", plugins, Plugin::probeTargets, ComponentFactory::name, duplicates);
        Map<String, Registered<ComponentFactory<ProbeTrainer>>> probeTrainers =
                collect("probe", plugins, Plugin::probeTrainers, ComponentFactory::name, duplicates);
        Map<String, Registered<EngineProvider>> engines =
                collect("engine", plugins, Plugin::engines, EngineProvider::getEngineName, duplicates);
        Map<String, Registered<ModelExporter>> exporters =
                collect("exporter", plugins, Plugin::exporters, ModelExporter::format, duplicates);
        if (!duplicates.isEmpty()) {
            throw new DuplicateNameException(String.join("; ", duplicates)
                    + "; names must be unique across plugins: remove one of the plugin jars or rename the component");
        }
        Exporters registeredExporters = new Exporters(exporters);
        return new Registry(new Components(tasks, estimators, metrics, probeTargets, probeTrainers),
                new Engines(engines, registeredExporters), registeredExporters, new Plugins(plugins));
    }

    private static <T> Map<String, Registered<T>> collect(String kind, List<LoadedPlugin> plugins,
            Function<Plugin, java.util.Collection<? extends T>> contributions, Function<T, String> name,
            List<String> duplicates) {
        Map<String, Registered<T>> byName = new LinkedHashMap<>();
        Map<String, List<LoadedPlugin>> sources = new LinkedHashMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (T contribution : contributed(kind, plugin, contributions)) {
                String key = name.apply(contribution);
                sources.computeIfAbsent(key, k -> new ArrayList<>()).add(plugin);
                byName.putIfAbsent(key, new Registered<>(contribution, plugin));
            }
        }
        sources.forEach((key, from) -> {
            if (from.size() > 1) {
                List<String> shown = from.stream().map(LoadedPlugin::toString).toList();
                duplicates.add("duplicate " + kind + " name '" + key + "' contributed by " + String.join(" and by ", shown));
            }
        });
        return byName;
    }

    /** A plugin's contributions of one kind; a plugin that fails to list them is named with its jar. */
    private static <T> java.util.Collection<? extends T> contributed(String kind, LoadedPlugin plugin,
            Function<Plugin, java.util.Collection<? extends T>> contributions) {
        try {
            return List.copyOf(contributions.apply(plugin.plugin()));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException(plugin + " failed to list its " + kind + "s: " + e
                    + (e instanceof LinkageError ? "; a plugin sees only the JDK, org.icl4j.api and its own jars" : ""), e);
        }
    }
}
