package org.icl4j.engine.onnx.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;

/**
 * Exports a transformer checkpoint (docs/MODEL.md) as an ONNX model that follows the in-context learner
 * contract (docs/ONNX.md): inputs {@code xs} float32 [batch, n, d] and {@code ys} float32 [batch, n], output
 * {@code predictions} float32 [batch, n], optionally {@code hidden_states} float32 [L+1, batch, 2n−1, H];
 * batch and n dynamic up to {@code maxPairs}; the checkpoint's config.json (with its provenance) in the
 * metadata property {@code icl4j.config}. The tokenisation is inside the graph, so users pass plain xs and ys.
 * Every block variant, activation and head size exports; the graph uses ONNX opset {@value OnnxGraph#OPSET}.
 */
public final class OnnxExporter {

    /** The checkpoint folder inside a training run folder. */
    public static final String RUN_CHECKPOINT = RunLayout.CHECKPOINT_DIRECTORY;

    private OnnxExporter() {
    }

    /**
     * Exports a checkpoint to bytes.
     *
     * @param model        the checkpoint directory, or a training run folder holding one in {@code checkpoint/}
     * @param hiddenStates whether to add the {@code hidden_states} output
     * @return the ONNX ModelProto bytes
     * @throws IOException when the checkpoint cannot be read or is malformed
     */
    public static byte[] export(Path model, boolean hiddenStates) throws IOException {
        Objects.requireNonNull(model, "model is null");
        Path checkpoint = RunLayout.resolveCheckpoint(model);
        Checkpoint read = Checkpoint.read(checkpoint, false);
        // The checkpoint's own config.json text travels into the metadata unchanged, so fields this version does
        // not know (and the provenance) survive the export.
        Path config = checkpoint.resolve(Checkpoint.CONFIG_FILE);
        String json = Files.isRegularFile(config)
                ? Files.readString(config, StandardCharsets.UTF_8)
                : read.configJson().toPrettyString();
        return export(read, json, hiddenStates);
    }

    /**
     * Exports a checkpoint held in memory (e.g. one just compiled) to bytes.
     *
     * @param checkpoint   the checkpoint
     * @param configJson   the text for the {@code icl4j.config} metadata; normally the checkpoint's config.json
     * @param hiddenStates whether to add the {@code hidden_states} output
     * @return the ONNX ModelProto bytes
     */
    public static byte[] export(Checkpoint checkpoint, String configJson, boolean hiddenStates) {
        Objects.requireNonNull(checkpoint, "checkpoint is null");
        Objects.requireNonNull(configJson, "configJson is null");
        return OnnxTransformerGraph.build(checkpoint.model(), checkpoint.weights(), hiddenStates,
                Map.of(OnnxContract.CONFIG_PROPERTY, configJson), version());
    }

    /**
     * Exports a checkpoint to a file, written to a temporary sibling and moved into place so a reader never sees
     * a half-written model.
     *
     * @param checkpoint   the checkpoint directory, or a training run folder holding one in {@code checkpoint/}
     * @param out          the {@code .onnx} file to write (replaced if present)
     * @param hiddenStates whether to add the {@code hidden_states} output
     * @throws IOException when the checkpoint cannot be read or the file cannot be written
     */
    public static void export(Path checkpoint, Path out, boolean hiddenStates) throws IOException {
        Objects.requireNonNull(out, "out is null");
        byte[] model = export(checkpoint, hiddenStates);
        AtomicFiles.write(out, model);
    }

    private static String version() {
        return Optional.ofNullable(OnnxExporter.class.getPackage().getImplementationVersion()).orElse("development");
    }
}
