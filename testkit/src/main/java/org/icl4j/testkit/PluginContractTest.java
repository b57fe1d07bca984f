package org.icl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.ModelExporter;
import org.icl4j.api.Parameter;
import org.icl4j.api.Plugin;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Plugin} must meet. To run it, write a subclass in your test sources that creates the
 * plugin; JUnit runs every inherited test:
 *
 * <pre>{@code
 * class MyPluginContractTest extends PluginContractTest {
 *     @Override
 *     protected Plugin createPlugin() {
 *         return new MyPlugin();
 *     }
 * }
 * }</pre>
 *
 * <p>It checks that the plugin is listed in {@code META-INF/services/org.icl4j.api.Plugin} (so the host finds
 * it), that it has a name, that every contribution has a valid, unique name, a one-line description and uniquely
 * named parameters with defaults, and that every component factory creates a component from its defaults, or
 * refuses with an {@link IllegalArgumentException} that names the component. Estimators and metrics are created
 * with {@link #creationContext()}, by default a context holding the plugin's first task (or none), so that a Bayes
 * predictor that needs its task finds it. Engines are created only when {@link #createsEngines()} says so, since
 * creating one may load native libraries.
 */
public abstract class PluginContractTest {

    /** @return a fresh plugin under test */
    protected abstract Plugin createPlugin();

    /**
     * @return the context estimators and metrics are created with (default: the plugin's first task with its
     *     defaults, or {@link CreationContext#NONE} when it has none)
     */
    protected CreationContext creationContext() {
        for (ComponentFactory<Task> factory : createPlugin().tasks()) {
            return new CreationContext(factory.create(Spec.parse(factory.name()), CreationContext.NONE));
        }
        return CreationContext.NONE;
    }

    /** @return whether the tests may create the plugin's engines (default true) */
    protected boolean createsEngines() {
        return true;
    }

    @Test
    void thePluginIsListedForServiceLoader() {
        Class<? extends Plugin> type = createPlugin().getClass();
        List<Class<?>> listed = new ArrayList<>();
        ServiceLoader.load(Plugin.class, type.getClassLoader()).stream().forEach(p -> listed.add(p.type()));
        assertThat(listed).as("classes in META-INF/services/" + Plugin.class.getName()).contains(type);
    }

    @Test
    void thePluginHasAName() {
        assertThat(createPlugin().name()).isNotBlank();
    }

    @Test
    void everyComponentFactoryIsWellFormed() {
        Plugin plugin = createPlugin();
        for (Collection<? extends ComponentFactory<?>> factories : List.of(plugin.tasks(), plugin.estimators(),
                plugin.metrics(), plugin.probeTargets())) {
            assertThat(factories).doesNotContainNull();
            Set<String> names = new HashSet<>();
            for (ComponentFactory<?> factory : factories) {
                String name = factory.name();
                assertThat(Spec.parse(name).name()).as("factory name %s is a spec name", name).isEqualTo(name);
                assertThat(names.add(name)).as("factory name %s is unique", name).isTrue();
                assertThat(factory.description()).as("description of %s", name).isNotBlank().doesNotContain("\n");
                Set<String> keys = new HashSet<>();
                for (Parameter parameter : factory.parameters()) {
                    assertThat(keys.add(parameter.name())).as("parameter %s of %s is unique", parameter.name(), name)
                            .isTrue();
                    assertThat(parameter.description()).as("description of %s's %s", name, parameter.name()).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyComponentIsCreatedFromItsDefaultsOrRefusedNamingIt() {
        Plugin plugin = createPlugin();
        for (ComponentFactory<Task> factory : plugin.tasks()) {
            createOrRefuse(factory, CreationContext.NONE);
        }
        CreationContext context = creationContext();
        for (Collection<? extends ComponentFactory<?>> factories : List.of(plugin.estimators(), plugin.metrics(),
                plugin.probeTargets())) {
            for (ComponentFactory<?> factory : factories) {
                createOrRefuse(factory, context);
            }
        }
    }

    @Test
    void enginesAndExportersHaveUniqueNames() {
        Plugin plugin = createPlugin();
        Set<String> engines = new HashSet<>();
        for (EngineProvider provider : plugin.engines()) {
            assertThat(provider.getEngineName()).isNotBlank();
            assertThat(engines.add(provider.getEngineName())).as("engine %s is unique", provider.getEngineName()).isTrue();
            if (createsEngines()) {
                assertThat(provider.getEngine().name()).as("the engine's own name").isEqualTo(provider.getEngineName());
            }
        }
        Set<String> formats = new HashSet<>();
        for (ModelExporter exporter : plugin.exporters()) {
            assertThat(exporter.format()).isNotBlank();
            assertThat(formats.add(exporter.format())).as("export format %s is unique", exporter.format()).isTrue();
        }
    }

    private static void createOrRefuse(ComponentFactory<?> factory, CreationContext context) {
        Object component;
        try {
            component = factory.create(Spec.parse(factory.name()), context);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("refusal of %s's defaults names it", factory.name())
                    .contains(factory.name());
            return;
        }
        assertThat(component).as("component created by %s", factory.name()).isNotNull();
        if (component instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new AssertionError("closing " + factory.name() + " failed", e);
            }
        }
    }
}
