package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.engine.onnx.export.OnnxExporter;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.icl4j.transformer.ReferenceTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of exported models run in ONNX Runtime with {@link ReferenceTransformer}, the independent
 * double-precision forward pass of docs/MODEL.md.
 */
class OnnxExporterTest {

    /**
     * The parity bound. ONNX Runtime computes in float32 (relative rounding 2^-24 ≈ 6e-8 per
     * operation); through a few layers of unit-scale activations the error stays near 1e-6, so 1e-4 leaves
     * room for fused kernels' different summation orders while catching any real difference in the math.
     */
    private static final double PARITY = 1e-4;

    @TempDir
    Path directory;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of("authors-standard", config(BlockVariant.AUTHORS, HeadSizeConvention.STANDARD, 2, Activation.GELU_TANH)),
                Arguments.of("authors-authors", config(BlockVariant.AUTHORS, HeadSizeConvention.AUTHORS, 2, Activation.GELU_TANH)),
                Arguments.of("pre-ln-standard", config(BlockVariant.PRE_LN, HeadSizeConvention.STANDARD, 2, Activation.GELU_TANH)),
                Arguments.of("pre-ln-authors", config(BlockVariant.PRE_LN, HeadSizeConvention.AUTHORS, 2, Activation.GELU_TANH)),
                Arguments.of("pre-ln-standard-exact-gelu", config(BlockVariant.PRE_LN, HeadSizeConvention.STANDARD, 2, Activation.GELU)),
                Arguments.of("plain-standard-relu", config(BlockVariant.PLAIN, HeadSizeConvention.STANDARD, 2, Activation.RELU)),
                Arguments.of("plain-authors", config(BlockVariant.PLAIN, HeadSizeConvention.AUTHORS, 1, Activation.GELU_TANH)),
                Arguments.of("pre-ln-no-blocks", config(BlockVariant.PRE_LN, HeadSizeConvention.STANDARD, 0, Activation.GELU_TANH)),
                Arguments.of("plain-with-mlp-norm-override", withMlpNormOverride(
                        config(BlockVariant.PLAIN, HeadSizeConvention.STANDARD, 2, Activation.GELU_TANH))));
    }

    /** Block 1 divides through LayerNorm as compiled constructions do (block {@code plain-mlp-norm}). */
    private static TransformerConfig withMlpNormOverride(TransformerConfig plain) {
        return new TransformerConfig(plain.dimension(), plain.maxPairs(), plain.layers(), plain.hidden(), plain.heads(),
                plain.headSize(), plain.mlpHidden(), plain.block(), plain.activation(), plain.layerNormEpsilon(),
                java.util.Map.of(1, BlockVariant.PLAIN_MLP_NORM));
    }

    private static TransformerConfig config(BlockVariant block, HeadSizeConvention convention, int layers,
                                            Activation activation) {
        int hidden = 16;
        int heads = 2;
        return new TransformerConfig(3, 10, layers, hidden, heads, convention.headSize(hidden, heads), 4 * hidden,
                block, activation, TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void exportedModelMatchesTheReferenceTransformer(String label, TransformerConfig config) throws Exception {
        Path checkpoint = writeCheckpoint(config, label.hashCode());
        Path model = directory.resolve(label + ".onnx");
        OnnxExporter.export(checkpoint, model, true);
        ReferenceTransformer reference = ReferenceTransformer.load(checkpoint);
        try (OnnxEstimator onnx = OnnxEstimator.load(model)) {
            assertThat(onnx).isInstanceOf(OnnxHiddenStateEstimator.class);
            assertThat(onnx.signature().maxPairs()).isEqualTo(10);
            assertThat(onnx.signature().dimension()).isEqualTo(3);
            for (int n : new int[] {1, 2, 7, 10}) {
                EpisodeBatch episodes = TestModels.episodes(4, n, 3, 31L * n);
                assertClose("predictions n=" + n, onnx.predictPrefixes(episodes), reference.predictPrefixes(episodes));
                HiddenStates actual = ((OnnxHiddenStateEstimator) onnx).hiddenStates(episodes);
                HiddenStates expected = reference.hiddenStates(episodes);
                assertThat(List.of(actual.layers(), actual.batch(), actual.tokens(), actual.hidden()))
                        .containsExactly(expected.layers(), expected.batch(), expected.tokens(), expected.hidden());
                assertClose("hidden states n=" + n, actual.values(), expected.values());
            }
            // Narrower episodes are zero-padded, as for the reference (docs/MODEL.md).
            EpisodeBatch narrow = TestModels.episodes(2, 5, 2, 77);
            assertClose("narrow episodes", onnx.predictPrefixes(narrow), reference.predictPrefixes(narrow));
        }
    }

    @Test
    void modelCarriesTheContractAndTheConfig() throws Exception {
        TransformerConfig config = config(BlockVariant.AUTHORS, HeadSizeConvention.STANDARD, 1, Activation.GELU_TANH);
        Path checkpoint = writeCheckpoint(config, 5);
        byte[] bytes = OnnxExporter.export(checkpoint, false);
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(bytes);
        assertThat(proto.getOpsetImportList()).anySatisfy(opset -> {
            assertThat(opset.getDomain()).isEmpty();
            assertThat(opset.getVersion()).isGreaterThanOrEqualTo(17);
        });
        assertThat(proto.getGraph().getInputList().stream().map(OnnxMl.ValueInfoProto::getName))
                .containsExactly("xs", "ys");
        assertThat(proto.getGraph().getOutputList().stream().map(OnnxMl.ValueInfoProto::getName))
                .containsExactly("predictions");
        assertThat(dims(proto.getGraph().getInput(0))).containsExactly("batch", "n", "3");
        assertThat(proto.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType))
                .contains("LayerNormalization", "Softmax");
        String configText = Files.readString(checkpoint.resolve("config.json"), StandardCharsets.UTF_8);
        assertThat(proto.getMetadataPropsList()).anySatisfy(entry -> {
            assertThat(entry.getKey()).isEqualTo("icl4j.config");
            assertThat(entry.getValue()).isEqualTo(configText).contains("provenance");
        });
        try (OnnxEstimator estimator = OnnxEstimator.load(bytes, "exported", OnnxOptions.defaults())) {
            assertThat(estimator).isNotInstanceOf(OnnxHiddenStateEstimator.class);
            assertThat(estimator.signature().config()).isEqualTo(configText);
            assertThatThrownBy(() -> estimator.predictPrefixes(TestModels.episodes(1, 11, 3, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 10 pairs");
            assertThatThrownBy(() -> estimator.predictPrefixes(TestModels.episodes(1, 4, 5, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("d = 5");
        }
    }

    @Test
    void engineRunsAnExportedCheckpointOrRunFolderLikeTheReference() throws Exception {
        TransformerConfig config = config(BlockVariant.PRE_LN, HeadSizeConvention.STANDARD, 1, Activation.GELU_TANH);
        Path checkpoint = writeCheckpoint(config, 9);
        EpisodeBatch episodes = TestModels.episodes(3, 6, 3, 12);
        float[] expected = ReferenceTransformer.load(checkpoint).predictPrefixes(episodes);
        OnnxEngine engine = new OnnxEngine(OnnxOptions.defaults());
        Path model = directory.resolve("model.onnx");
        new org.icl4j.engine.onnx.export.OnnxModelExporter().export(checkpoint, model, true);
        try (Estimator estimator = engine.load(model)) {
            assertThat(estimator).isInstanceOf(OnnxHiddenStateEstimator.class);
            assertClose("engine", estimator.predictPrefixes(episodes), expected);
        }
        // A training run folder keeps its checkpoint in checkpoint/.
        Path run = Files.createDirectories(directory.resolve("runs").resolve("quick"));
        Files.move(checkpoint, run.resolve("checkpoint"));
        Path fromRun = directory.resolve("quick.onnx");
        new org.icl4j.engine.onnx.export.OnnxModelExporter().export(run, fromRun, false);
        try (Estimator estimator = engine.load(fromRun)) {
            assertThat(estimator.name()).isEqualTo("onnx:quick.onnx");
            assertClose("run folder", estimator.predictPrefixes(episodes), expected);
        }
    }

    @Test
    void exportedFileIsReadableLikeAnyNewFile() throws Exception {
        // The file must get the permissions a new file gets here, not a temporary file's owner-only ones.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                directory.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        TransformerConfig config = config(BlockVariant.PLAIN, HeadSizeConvention.STANDARD, 1, Activation.RELU);
        Path model = directory.resolve("shared.onnx");
        OnnxExporter.export(writeCheckpoint(config, 4), model, false);
        Path plain = Files.createFile(directory.resolve("plain-new-file"));
        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void refusesAMalformedCheckpoint() throws Exception {
        TransformerConfig config = config(BlockVariant.AUTHORS, HeadSizeConvention.STANDARD, 1, Activation.GELU_TANH);
        Path checkpoint = writeCheckpoint(config, 3);
        Path weights = checkpoint.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> OnnxExporter.export(checkpoint, directory.resolve("out.onnx"), false))
                .isInstanceOf(MalformedCheckpointException.class);
        assertThat(directory.resolve("out.onnx")).doesNotExist();
    }

    private static List<String> dims(OnnxMl.ValueInfoProto info) {
        return info.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(Collectors.toList());
    }

    private Path writeCheckpoint(TransformerConfig config, long seed) throws Exception {
        return RandomCheckpoints.write(directory.resolve("checkpoint-" + seed), config, seed);
    }

    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs((double) actual[i] - expected[i]));
        }
        assertThat(max).as(what + ": max abs difference").isLessThanOrEqualTo(PARITY);
    }
}
