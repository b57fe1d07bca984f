package org.icl4j.engine.onnx.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.icl4j.api.ModelExporter;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.TransformerConfig;

/** The {@code onnx} export format: {@link OnnxExporter} behind the {@link ModelExporter} SPI. */
public final class OnnxModelExporter implements ModelExporter {

    @Override
    public String format() {
        return "onnx";
    }

    @Override
    public String fileExtension() {
        return ".onnx";
    }

    @Override
    public String description() {
        return "ONNX in-context learner: inputs xs [batch, n, d] and ys [batch, n], output predictions [batch, n] "
                + "(docs/ONNX.md)";
    }

    @Override
    public String export(Path model, Path out, boolean hiddenStates) throws IOException {
        OnnxExporter.export(model, out, hiddenStates);
        TransformerConfig config = Checkpoint.readConfig(RunLayout.resolveCheckpoint(model));
        return String.format(Locale.ROOT, "inputs xs [batch, n, %d], ys [batch, n]; outputs predictions [batch, n]%s;"
                        + " n up to %d; ONNX opset %d", config.dimension(),
                hiddenStates ? ", hidden_states [layers+1, batch, 2n-1, hidden]" : "", config.maxPairs(), OnnxGraph.OPSET);
    }
}
