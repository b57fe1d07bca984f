package org.icl4j.engine.onnx;

import java.util.Collection;
import java.util.List;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Plugin;

/** Contributes the {@code onnx} engine; registered in {@code META-INF/services/org.icl4j.api.Plugin}. */
public final class OnnxPlugin implements Plugin {

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public Collection<EngineProvider> engines() {
        return List.of(new OnnxEngineProvider());
    }
}
