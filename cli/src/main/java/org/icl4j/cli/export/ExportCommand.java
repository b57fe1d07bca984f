package org.icl4j.cli.export;

import java.nio.file.Path;
import java.util.Locale;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.harness.export.ExportResult;
import org.icl4j.harness.export.Exports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j export}: writes a transformer checkpoint (or a training run folder's checkpoint) as an ONNX model
 * that follows the in-context learner contract, then loads it in ONNX Runtime to check it and reports its
 * signature.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a transformer checkpoint as an ONNX in-context learner: inputs xs [batch, n, d] and"
                + " ys [batch, n], output predictions [batch, n] (docs/ONNX.md).")
public final class ExportCommand extends Icl4jCommand {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Checkpoint folder, or a training run folder such as runs/NAME (its checkpoint/).")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .onnx file to write.")
    private Path out;

    @Option(names = "--hidden-states",
            description = "Also output hidden_states [layers+1, batch, 2n-1, hidden] (for probing).")
    private boolean hiddenStates;

    @Option(names = "--overwrite", description = "Replace an existing --out file.")
    private boolean overwrite;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "onnx",
            description = "Export format, one of the registered exporters (default ${DEFAULT-VALUE}).")
    private String format;

    @Override
    protected int run() throws Exception {
        ExportResult result = Exports.export(registry(), format, model, out, hiddenStates, overwrite);
        out().printf(Locale.ROOT, "wrote %s (%d bytes): %s%n", result.file(), result.bytes(), result.description());
        return Icl4j.OK;
    }
}
