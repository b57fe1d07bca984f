package org.icl4j.harness.plugin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icl4j.api.ModelExporter;

/** Every registered model exporter, by format name. */
public final class Exporters {

    private final Map<String, Registered<ModelExporter>> exporters;

    /**
     * @param exporters exporters by format name
     */
    public Exporters(Map<String, Registered<ModelExporter>> exporters) {
        this.exporters = new TreeMap<>(exporters);
    }

    /** @return the registered format names, sorted */
    public List<String> names() {
        return List.copyOf(exporters.keySet());
    }

    /** @return every registered exporter, sorted by format */
    public List<Registered<ModelExporter>> all() {
        return List.copyOf(exporters.values());
    }

    /**
     * @param format a format name, e.g. {@code onnx}
     * @return its exporter
     * @throws IllegalArgumentException for an unknown format, listing the known ones
     */
    public ModelExporter get(String format) {
        Registered<ModelExporter> registered = exporters.get(format);
        if (registered == null) {
            throw new IllegalArgumentException("unknown export format '" + format + "'; "
                    + (exporters.isEmpty() ? "no exporter is registered (put icl4j-engine-onnx-export on the class path, or its jar and its "
                    + "dependencies in one plugin folder under --plugins DIR)"
                    : "known formats: " + String.join(", ", exporters.keySet())));
        }
        return registered.component();
    }
}
