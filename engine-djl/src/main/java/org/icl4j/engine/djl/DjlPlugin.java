package org.icl4j.engine.djl;

import java.util.Collection;
import java.util.List;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Plugin;

/** Contributes the {@code djl} engine; registered in {@code META-INF/services/org.icl4j.api.Plugin}. */
public final class DjlPlugin implements Plugin {

    @Override
    public String name() {
        return "icl4j-engine-djl";
    }

    @Override
    public Collection<EngineProvider> engines() {
        return List.of(new DjlEngineProvider());
    }
}
