package org.icl4j.cli.export;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.icl4j.formats.BadInputException;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.engine.onnx.OnnxEstimator;
import org.icl4j.engine.onnx.OnnxExporter;
import org.icl4j.engine.onnx.OnnxSignature;
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

    @Override
    protected int run() throws Exception {
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such checkpoint or run folder");
        }
        if (!Files.isDirectory(model)) {
            throw new BadInputException("--model must be a checkpoint folder or a training run folder, found the file "
                    + model + (model.toString().endsWith(".onnx") ? " (already an ONNX model)" : ""));
        }
        if (Files.isDirectory(out)) {
            throw new BadInputException("--out must be a file name such as model.onnx, found the folder " + out);
        }
        if (Files.exists(out) && !overwrite) {
            throw new BadInputException(out + " already exists; pass --overwrite to replace it");
        }
        // The exporter creates missing parent folders; a file where one of them should be is bad input.
        for (Path parent = out.toAbsolutePath().normalize().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new BadInputException("cannot write " + out + ": " + parent
                            + " is a file where a folder is needed; choose another --out");
                }
                break;
            }
        }
        OnnxExporter.export(model, out, hiddenStates);
        try (OnnxEstimator exported = OnnxEstimator.load(out)) {
            OnnxSignature signature = exported.signature();
            out().printf(Locale.ROOT, "wrote %s (%d bytes): inputs xs [batch, n, %d], ys [batch, n]; outputs"
                            + " predictions [batch, n]%s; n up to %d; ONNX opset 17%n",
                    out.toAbsolutePath(), Files.size(out), signature.dimension(),
                    signature.hiddenStates() ? ", hidden_states [layers+1, batch, 2n-1, hidden]" : "",
                    signature.maxPairs());
        }
        return Icl4j.OK;
    }
}
