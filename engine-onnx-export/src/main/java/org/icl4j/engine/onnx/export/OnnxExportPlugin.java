package org.icl4j.engine.onnx.export;

import java.util.Collection;
import java.util.List;
import org.icl4j.api.ModelExporter;
import org.icl4j.api.Plugin;

/** Contributes the {@code onnx} export format; registered in {@code META-INF/services/org.icl4j.api.Plugin}. */
public final class OnnxExportPlugin implements Plugin {

    @Override
    public String name() {
        return "onnx-export";
    }

    @Override
    public Collection<ModelExporter> exporters() {
        return List.of(new OnnxModelExporter());
    }
}
