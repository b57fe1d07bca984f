package org.icl4j.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.icl4j.cli.CliRunner;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.Safetensors;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.formats.npy.Npy;
import org.icl4j.formats.npy.NpyArray;
import org.icl4j.testkit.RandomCheckpoints;

/**
 * Writes the hostile inputs of {@code hostile-inputs.jsonl} into a folder: damaged, lying and oversized episodes
 * files, checkpoints, training states and ONNX models, each built here from the format's definition (docs/FORMATS.md)
 * and one deliberate fault, plus a few ordinary files and folders that the cases must leave unchanged.
 */
final class HostileFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A small model that the fixtures' checkpoints start from. */
    static final TransformerConfig SMALL = TransformerConfig.of(2, 4, 1, 8, 2, HeadSizeConvention.STANDARD,
            BlockVariant.AUTHORS);

    private HostileFixtures() {
    }

    static void write(Path root) throws IOException {
        Files.createDirectories(root.resolve("home"));
        Files.createDirectories(root.resolve("repo/.git"));
        Files.writeString(root.resolve("repo/README"), "a repository's own file");
        Files.writeString(root.resolve("afile.txt"), "a user's file");
        Files.createDirectories(root.resolve("userdir"));
        Files.writeString(root.resolve("userdir/thesis.tex"), "a user's folder of other files");
        Files.createDirectories(root.resolve("empty-folder"));
        episodesFiles(root.resolve("npz"));
        checkpoints(root.resolve("ckpt"));
        trainingRuns(root.resolve("runs-in"));
        onnxModels(root.resolve("onnx"), root.resolve("ckpt/good"));
    }

    // ---- .npz / .npy ------------------------------------------------------------------------------------------

    private static void episodesFiles(Path folder) throws IOException {
        Files.createDirectories(folder);
        float[] xs = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] ys = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] goodXs = Npy.write(NpyArray.ofFloats(new int[] {2, 4, 1}, xs));
        byte[] goodYs = Npy.write(NpyArray.ofFloats(new int[] {2, 4}, ys));
        Files.write(folder.resolve("not-zip.npz"), "this is not a zip archive".getBytes(StandardCharsets.US_ASCII));
        Files.write(folder.resolve("empty.npz"), new byte[0]);
        // A deflated entry whose .npy header says 2·4·1 floats (32 bytes) but which inflates to 300 MiB, and whose
        // zip directory claims 48 bytes: the reader must stop after the 32 bytes the header allows.
        zipLying(folder.resolve("lying.npz"), goodXs, 300 << 20, goodYs);
        patchCentralDirectorySize(folder.resolve("lying.npz"), "xs.npy", goodXs.length);
        zip(folder.resolve("huge-shape.npz"), false, Map.of("xs.npy", header("<f4", "(100000, 100000, 8)"),
                "ys.npy", goodYs));
        // 20000·1000·8 floats = 610 MiB: within the format's limits but not within a 256 MiB heap.
        zip(folder.resolve("over-memory.npz"), false, Map.of("xs.npy", header("<f4", "(20000, 1000, 8)"),
                "ys.npy", goodYs));
        zip(folder.resolve("wide.npz"), false, Map.of("xs.npy", Npy.write(NpyArray.ofFloats(new int[] {1, 1, 5000},
                new float[5000])), "ys.npy", Npy.write(NpyArray.ofFloats(new int[] {1, 1}, new float[1]))));
        zip(folder.resolve("missing-ys.npz"), false, Map.of("xs.npy", goodXs));
        zip(folder.resolve("ys-shape.npz"), false, Map.of("xs.npy", goodXs,
                "ys.npy", Npy.write(NpyArray.ofFloats(new int[] {2, 3}, new float[6]))));
        zip(folder.resolve("int-dtype.npz"), false, Map.of("xs.npy", replace(goodXs, "'<f4'", "'<i4'"),
                "ys.npy", goodYs));
        zip(folder.resolve("big-endian.npz"), false, Map.of("xs.npy", replace(goodXs, "'<f4'", "'>f4'"),
                "ys.npy", goodYs));
        zip(folder.resolve("fortran.npz"), false, Map.of("xs.npy", replace(goodXs, "False", "True "),
                "ys.npy", goodYs));
        float[] nan = ys.clone();
        nan[3] = Float.NaN;
        zip(folder.resolve("nan.npz"), false, Map.of("xs.npy", goodXs,
                "ys.npy", Npy.write(NpyArray.ofFloats(new int[] {2, 4}, nan))));
        zip(folder.resolve("truncated-data.npz"), false, Map.of("xs.npy", Arrays.copyOf(goodXs, goodXs.length - 24),
                "ys.npy", goodYs));
        zip(folder.resolve("bad-header.npz"), false, Map.of("xs.npy", replace(goodXs, "(2, 4, 1)", "(2. 4, 1)"),
                "ys.npy", goodYs));
        byte[] version9 = goodXs.clone();
        version9[6] = 9;
        zip(folder.resolve("version9.npz"), false, Map.of("xs.npy", version9, "ys.npy", goodYs));
        byte[] longHeader = Arrays.copyOf(goodXs, 12);
        longHeader[6] = 2;
        ByteBuffer.wrap(longHeader, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFF_FFF0);
        zip(folder.resolve("long-header.npz"), false, Map.of("xs.npy", longHeader, "ys.npy", goodYs));
        zip(folder.resolve("not-npy-entry.npz"), false, Map.of("xs.npy", goodXs, "ys.npy", goodYs,
                "readme.txt", "hello".getBytes(StandardCharsets.US_ASCII)));
        zip(folder.resolve("no-episodes.npz"), false, Map.of("xs.npy", Npy.write(NpyArray.ofFloats(new int[] {0, 4, 1},
                new float[0])), "ys.npy", Npy.write(NpyArray.ofFloats(new int[] {0, 4}, new float[0]))));
        zip(folder.resolve("ws-shape.npz"), false, Map.of("xs.npy", goodXs, "ys.npy", goodYs,
                "ws.npy", Npy.write(NpyArray.ofFloats(new int[] {2, 3}, new float[6]))));
        // A deflated entry whose compressed bytes are damaged half-way.
        zip(folder.resolve("corrupt-deflate.npz"), true, Map.of("xs.npy", Arrays.copyOf(goodXs, goodXs.length + 4096),
                "ys.npy", goodYs));
        damageMiddle(folder.resolve("corrupt-deflate.npz"));
    }

    private static byte[] header(String descr, String shape) {
        String text = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int length = text.length() + 1;
        int padding = (64 - (10 + length) % 64) % 64;
        ByteBuffer buffer = ByteBuffer.allocate(10 + length + padding).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        buffer.putShort((short) (length + padding));
        buffer.put(text.getBytes(StandardCharsets.ISO_8859_1));
        buffer.put(" ".repeat(padding).getBytes(StandardCharsets.ISO_8859_1));
        buffer.put((byte) '\n');
        return buffer.array();
    }

    /** An .npz whose xs entry is the given .npy followed by {@code zeros} more bytes, streamed (never held). */
    private static void zipLying(Path file, byte[] xs, int zeros, byte[] ys) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("xs.npy"));
            zip.write(xs);
            byte[] chunk = new byte[1 << 20];
            for (int written = 0; written < zeros; written += chunk.length) {
                zip.write(chunk);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("ys.npy"));
            zip.write(ys);
            zip.closeEntry();
        }
    }

    private static void zip(Path file, boolean deflate, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.DEFLATED);
            for (Map.Entry<String, byte[]> entry : new java.util.TreeMap<>(entries).entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
    }

    /** Sets an entry's uncompressed size in the zip's central directory (signature 0x02014b50, size at +24). */
    private static void patchCentralDirectorySize(Path file, String entry, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean patched = false;
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                int nameLength = buffer.getShort(i + 28) & 0xFFFF;
                String name = new String(bytes, i + 46, nameLength, StandardCharsets.UTF_8);
                if (name.equals(entry)) {
                    buffer.putInt(i + 24, size);
                    patched = true;
                }
            }
        }
        assertThat(patched).as("central directory entry " + entry).isTrue();
        Files.write(file, bytes);
    }

    private static void damageMiddle(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 60; i < 90 && i < bytes.length; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(file, bytes);
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        assertThat(to).hasSameSizeAs(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- checkpoints ------------------------------------------------------------------------------------------

    private static void checkpoints(Path folder) throws IOException {
        Path good = RandomCheckpoints.write(folder.resolve("good"), SMALL, 1);
        configVariant(folder, good, "layers-huge", model -> model.put("layers", 100_000));
        configVariant(folder, good, "layers-billion", model -> model.put("layers", 1_000_000_000));
        configVariant(folder, good, "maxpairs-1e15", model -> model.put("maxPairs", 1e15));
        configVariant(folder, good, "hidden-fraction", model -> model.put("hidden", 8.5));
        configVariant(folder, good, "heads-missing", model -> model.remove("heads"));
        configVariant(folder, good, "mlp-overflow", model -> model.put("hidden", 60_000).put("mlpHidden", 240_000));
        configVariant(folder, good, "too-many-parameters", model -> model.put("layers", 1024).put("hidden", 4096)
                .put("heads", 4).put("headSize", 1024).put("mlpHidden", 16384));
        // 8 blocks of width 4096: 1.6·10⁹ parameters, within the limits but 6 GiB of floats, over a 256 MiB heap.
        configVariant(folder, good, "over-memory", model -> model.put("layers", 8).put("hidden", 4096)
                .put("heads", 4).put("headSize", 1024).put("mlpHidden", 16384));
        rootVariant(folder, good, "format-other", root -> root.put("format", "something-else"));
        rootVariant(folder, good, "version-newer", root -> root.put("formatVersion", 99));
        textVariant(folder, good, "config-not-json", Checkpoint.CONFIG_FILE, "{\"format\": \"icl4j-checkpoint\", oops");
        textVariant(folder, good, "config-array", Checkpoint.CONFIG_FILE, "[1, 2, 3]");
        textVariant(folder, good, "config-oversized", Checkpoint.CONFIG_FILE, "{" + " ".repeat(17 << 20) + "}");
        Path noWeights = copy(good, folder.resolve("no-weights"));
        Files.delete(noWeights.resolve(Checkpoint.WEIGHTS_FILE));
        byte[] weights = Files.readAllBytes(good.resolve(Checkpoint.WEIGHTS_FILE));
        bytesVariant(folder, good, "weights-truncated", Arrays.copyOf(weights, weights.length / 2));
        byte[] hugeHeader = weights.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        bytesVariant(folder, good, "weights-header-huge", hugeHeader);
        byte[] notJson = weights.clone();
        notJson[9] = '#';
        bytesVariant(folder, good, "weights-header-not-json", notJson);
        bytesVariant(folder, good, "weights-f16", new String(weights, StandardCharsets.ISO_8859_1)
                .replaceFirst("\"F32\"", "\"F16\"").getBytes(StandardCharsets.ISO_8859_1));
        Map<String, Tensor> tensors = new LinkedHashMap<>(RandomCheckpoints.random(SMALL, 1, 0.3));
        Map<String, Tensor> missing = new LinkedHashMap<>(tensors);
        missing.remove("readout.bias");
        bytesVariant(folder, good, "weights-missing-tensor", Safetensors.toBytes(missing, Map.of()));
        Map<String, Tensor> nan = new LinkedHashMap<>(tensors);
        float[] values = nan.get("input.bias").values().clone();
        values[2] = Float.NaN;
        nan.put("input.bias", new Tensor(nan.get("input.bias").shape(), values));
        bytesVariant(folder, good, "weights-nan", Safetensors.toBytes(nan, Map.of()));
        Map<String, Tensor> misshapen = new LinkedHashMap<>(tensors);
        misshapen.put("input.bias", Tensor.zeros(9));
        bytesVariant(folder, good, "weights-shape", Safetensors.toBytes(misshapen, Map.of()));
        bytesVariant(folder, good, "weights-offsets", new String(weights, StandardCharsets.ISO_8859_1)
                .replaceFirst("\"data_offsets\":\\[0,", "\"data_offsets\":[9999999,").getBytes(StandardCharsets.ISO_8859_1));
    }

    private interface NodeEdit {
        void apply(ObjectNode node);
    }

    private static void configVariant(Path folder, Path good, String name, NodeEdit edit) throws IOException {
        rootVariant(folder, good, name, root -> edit.apply((ObjectNode) root.get("model")));
    }

    private static void rootVariant(Path folder, Path good, String name, NodeEdit edit) throws IOException {
        Path copy = copy(good, folder.resolve(name));
        ObjectNode root = (ObjectNode) JSON.readTree(copy.resolve(Checkpoint.CONFIG_FILE).toFile());
        edit.apply(root);
        Files.writeString(copy.resolve(Checkpoint.CONFIG_FILE), JSON.writeValueAsString(root));
    }

    private static void textVariant(Path folder, Path good, String name, String file, String text) throws IOException {
        Files.writeString(copy(good, folder.resolve(name)).resolve(file), text);
    }

    private static void bytesVariant(Path folder, Path good, String name, byte[] weights) throws IOException {
        Files.write(copy(good, folder.resolve(name)).resolve(Checkpoint.WEIGHTS_FILE), weights);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    // ---- training runs (--resume) -----------------------------------------------------------------------------

    private static void trainingRuns(Path folder) throws IOException {
        Path good = folder.resolve("good");
        CliRunner.Result trained = CliRunner.run("train", "--d", "2", "--pairs", "4", "--layers", "1", "--hidden", "8",
                "--heads", "2", "--batch", "4", "--steps", "2", "--set", "evaluationBatch=4", "--out", good.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path checkpoint = good.resolve("checkpoint");
        assertThat(checkpoint.resolve(Checkpoint.TRAINING_STATE_FILE)).isRegularFile();
        Path notJson = runCopy(good, folder.resolve("state-not-json"));
        Files.writeString(notJson.resolve("checkpoint").resolve(Checkpoint.TRAINING_STATE_FILE), "{\"step\": 2,");
        Path oversized = runCopy(good, folder.resolve("state-oversized"));
        Files.writeString(oversized.resolve("checkpoint").resolve(Checkpoint.TRAINING_STATE_FILE),
                "{" + " ".repeat(17 << 20) + "}");
        Path noOptimizer = runCopy(good, folder.resolve("optimizer-missing"));
        Files.delete(noOptimizer.resolve("checkpoint").resolve(Checkpoint.OPTIMIZER_FILE));
        Path wrongOptimizer = runCopy(good, folder.resolve("optimizer-mismatch"));
        Files.copy(checkpoint.resolve(Checkpoint.WEIGHTS_FILE),
                wrongOptimizer.resolve("checkpoint").resolve(Checkpoint.OPTIMIZER_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path hugeLayers = runCopy(good, folder.resolve("config-layers-huge"));
        Path config = hugeLayers.resolve("checkpoint").resolve(Checkpoint.CONFIG_FILE);
        ObjectNode root = (ObjectNode) JSON.readTree(config.toFile());
        ((ObjectNode) root.get("model")).put("layers", 100_000);
        Files.writeString(config, JSON.writeValueAsString(root));
    }

    private static Path runCopy(Path run, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.toList()) {
                if (Files.isDirectory(file)) {
                    copy(file, to.resolve(file.getFileName()));
                } else {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
        return to;
    }

    // ---- ONNX models ------------------------------------------------------------------------------------------

    private static void onnxModels(Path folder, Path goodCheckpoint) throws IOException {
        Files.createDirectories(folder);
        Path good = folder.resolve("good.onnx");
        export(goodCheckpoint, good);
        byte[] model = Files.readAllBytes(good);
        Files.write(folder.resolve("truncated.onnx"), Arrays.copyOf(model, model.length / 2));
        Files.write(folder.resolve("empty.onnx"), new byte[0]);
        Files.writeString(folder.resolve("text.onnx"), "not a model, just words");
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(folder.resolve("garbage.onnx"), garbage);
        // Finite weights so large that the forward pass overflows: the model predicts NaN for any episode.
        Path overflowing = RandomCheckpoints.write(folder.resolve("overflow-checkpoint"), SMALL, 2);
        Map<String, Tensor> huge = new LinkedHashMap<>(RandomCheckpoints.random(SMALL, 2, 1e30));
        new Checkpoint(SMALL, "linear:d=2", null, org.icl4j.formats.Provenance.current(2), huge, null).write(overflowing);
        export(overflowing, folder.resolve("nan.onnx"));
        AtomicFiles.deleteRecursively(overflowing);
    }

    private static void export(Path checkpoint, Path onnx) {
        CliRunner.Result exported = CliRunner.run("export", "--model", checkpoint.toString(), "--out", onnx.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
    }

    /** @return the paths of every file and folder under root, for the cases' "unchanged" checks */
    static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted().toList();
        }
    }
}
