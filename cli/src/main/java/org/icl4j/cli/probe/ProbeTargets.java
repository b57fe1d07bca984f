package org.icl4j.cli.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.Spec;
import org.icl4j.cli.plugin.ComponentRegistry;
import org.icl4j.cli.plugin.LoadedPlugin;
import org.icl4j.cli.plugin.Registered;

/** The probe targets every plugin contributes ({@link org.icl4j.api.Plugin#probeTargets()}), by name. */
final class ProbeTargets {

    private ProbeTargets() {
    }

    /**
     * @param plugins the plugins found at start-up
     * @return their targets
     * @throws IllegalArgumentException when two plugins contribute the same name, naming both
     */
    static ComponentRegistry<ProbeTarget> registry(List<LoadedPlugin> plugins) {
        Map<String, Registered<ComponentFactory<ProbeTarget>>> byName = new TreeMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (ComponentFactory<ProbeTarget> factory : plugin.plugin().probeTargets()) {
                Registered<ComponentFactory<ProbeTarget>> earlier = byName.put(factory.name(), new Registered<>(factory, plugin));
                if (earlier != null) {
                    throw new IllegalArgumentException("probe target '" + factory.name() + "' is contributed twice: by "
                            + earlier.source() + " and by " + plugin);
                }
            }
        }
        return new ComponentRegistry<>("probe target", byName);
    }

    /**
     * @param registry the targets
     * @param list specs separated by commas
     * @return the targets, in order
     */
    static List<ProbeTarget> create(ComponentRegistry<ProbeTarget> registry, String list) {
        List<ProbeTarget> targets = new ArrayList<>();
        for (Spec spec : Spec.parseList(list)) {
            targets.add(registry.create(spec, CreationContext.NONE));
        }
        return targets;
    }
}
