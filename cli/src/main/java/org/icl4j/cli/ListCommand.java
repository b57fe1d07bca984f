package org.icl4j.cli;

import java.io.PrintWriter;
import java.util.Collection;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Parameter;
import org.icl4j.harness.plugin.ComponentRegistry;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.LoadedPlugin;
import org.icl4j.harness.plugin.Registered;
import picocli.CommandLine.Command;

/**
 * {@code icl4j list}: every plugin, task, estimator, metric, probe target, probe and engine, with descriptions, parameters and defaults,
 * and the plugin each came from. Engines are listed by name and rank without being created, so no native library
 * is loaded.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List plugins, tasks, estimators, metrics, probe targets, probes and engines with their "
                + "parameters.")
public final class ListCommand extends Icl4jCommand {

    @Override
    protected int run() throws Exception {
        PrintWriter out = out();
        Components components = components();
        out.println("Plugins:");
        for (LoadedPlugin plugin : plugins().all()) {
            out.println("  " + plugin.name() + "  (" + plugin.location() + ")");
        }
        printComponents(out, "Tasks", components.tasks());
        printComponents(out, "Estimators", components.estimators());
        printComponents(out, "Metrics", components.metrics());
        printComponents(out, "Probe targets", components.probeTargets());
        printComponents(out, "Probes", components.probeTrainers());
        out.println();
        out.println("Engines (highest rank is the default):");
        Collection<Registered<EngineProvider>> engines = engines().all();
        if (engines.isEmpty()) {
            out.println("  (none registered)");
        }
        for (Registered<EngineProvider> engine : engines) {
            out.println("  " + engine.component().getEngineName() + "  rank " + engine.component().getEngineRank()
                    + "  [plugin " + engine.source().name() + "]");
            // Options go in the engine spec, e.g. --engine djl:threads=2.
            for (Parameter option : engine.component().getEngineOptions()) {
                out.println("      " + option.name() + "=" + option.defaultValue() + "  " + option.description());
            }
        }
        out.flush();
        return Icl4j.OK;
    }

    private static <T> void printComponents(PrintWriter out, String title, ComponentRegistry<T> registry) {
        out.println();
        out.println(title + ":");
        if (registry.all().isEmpty()) {
            out.println("  (none registered)");
        }
        for (Registered<ComponentFactory<T>> registered : registry.all()) {
            ComponentFactory<T> factory = registered.component();
            out.println("  " + factory.name() + " - " + factory.description() + "  [plugin " + registered.source().name() + "]");
            for (Parameter parameter : factory.parameters()) {
                out.println("      " + parameter.name() + "=" + parameter.defaultValue() + "  " + parameter.description());
            }
        }
    }
}
