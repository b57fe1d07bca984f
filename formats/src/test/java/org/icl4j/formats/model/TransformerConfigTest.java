package org.icl4j.formats.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TransformerConfigTest {

    private static TransformerConfig config(BlockVariant block) {
        return new TransformerConfig(8, 40, 2, 64, 2, 32, 256, block, Activation.GELU_TANH, 1e-5);
    }

    @Test
    void derivesTokensWidthsAndHeadSizes() {
        TransformerConfig config = TransformerConfig.of(8, 40, 16, 512, 4, HeadSizeConvention.AUTHORS, BlockVariant.AUTHORS);

        assertThat(config.headSize()).isEqualTo(32);
        assertThat(config.attentionWidth()).isEqualTo(128);
        assertThat(config.mlpHidden()).isEqualTo(2048);
        assertThat(config.positions()).isEqualTo(80);
        assertThat(config.tokenWidth()).isEqualTo(9);
        assertThat(TransformerConfig.tokens(40)).isEqualTo(79);
        assertThat(HeadSizeConvention.STANDARD.headSize(512, 4)).isEqualTo(128);
    }

    @Test
    void validatesWithMessagesNamingTheField() {
        assertThatThrownBy(() -> new TransformerConfig(0, 40, 2, 64, 2, 32, 256, BlockVariant.AUTHORS,
                Activation.RELU, 1e-5)).hasMessage("dimension must be >= 1, found 0");
        assertThatThrownBy(() -> new TransformerConfig(8, 40, 2, 64, 2, 32, 256, BlockVariant.AUTHORS,
                Activation.RELU, 0)).hasMessage("layerNormEpsilon must be > 0 and finite, found 0.0");
        assertThatThrownBy(() -> HeadSizeConvention.AUTHORS.headSize(64, 3))
                .hasMessageContaining("divisible by heads² (9)");
        assertThatThrownBy(() -> BlockVariant.fromId("post-ln")).hasMessage(
                "unknown block 'post-ln'; allowed: authors, pre-ln, plain, plain-mlp-norm");
    }

    @Test
    void listsTheTensorsOfEachBlockVariant() {
        // authors, L = 2: input (2) + position (1) + per block (4 norm + 8 attention + 4 mlp) + readout (2).
        assertThat(config(BlockVariant.AUTHORS).tensorShapes()).hasSize(3 + 2 * 16 + 2)
                .doesNotContainKey("final_norm.weight");
        assertThat(config(BlockVariant.PRE_LN).tensorShapes()).hasSize(3 + 2 * 16 + 2 + 2)
                .containsKey("final_norm.bias");
        assertThat(config(BlockVariant.PLAIN).tensorShapes()).hasSize(3 + 2 * 12 + 2)
                .doesNotContainKey("blocks.0.norm1.weight");
        assertThat(config(BlockVariant.AUTHORS).tensorShapes().get("blocks.1.attention.output.weight"))
                .containsExactly(64, 64);
        assertThat(config(BlockVariant.AUTHORS).tensorShapes().get("input.weight")).containsExactly(64, 9);
        // Parameter count by hand: input 64·9+64, position 80·64, per block 4·64 + 3·(64·64+64) + 64·64+64
        // + 256·64+256 + 64·256+64, readout 64+1.
        long block = 4 * 64 + 3 * (64 * 64 + 64) + 64 * 64 + 64 + 256 * 64 + 256 + 64 * 256 + 64;
        assertThat(config(BlockVariant.AUTHORS).parameterCount()).isEqualTo(64 * 9 + 64 + 80 * 64 + 2 * block + 65);
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        TransformerConfig config = new TransformerConfig(3, 5, 1, 4, 2, 1, 7, BlockVariant.PLAIN, Activation.RELU, 1e-6);
        ObjectMapper mapper = new ObjectMapper();

        String text = mapper.writeValueAsString(config.toJson());
        ObjectNode read = (ObjectNode) mapper.readTree(text);
        read.put("futureField", "ignored");

        assertThat(text).contains("\"block\":\"plain\"").contains("\"activation\":\"relu\"");
        assertThat(TransformerConfig.fromJson(read)).isEqualTo(config);
        read.remove("heads");
        assertThatThrownBy(() -> TransformerConfig.fromJson(read)).hasMessage("model config lacks the field 'heads'");
    }

    @Test
    void blockOverridesChangeOneBlockAndNeedFormatVersionTwo() {
        TransformerConfig config = new TransformerConfig(2, 3, 3, 4, 1, 4, 8, BlockVariant.PLAIN, Activation.GELU_TANH,
                1e-5, java.util.Map.of(1, BlockVariant.PLAIN_MLP_NORM));
        assertThat(config.block(0)).isEqualTo(BlockVariant.PLAIN);
        assertThat(config.block(1)).isEqualTo(BlockVariant.PLAIN_MLP_NORM);
        assertThat(config.tensorShapes()).containsKeys("blocks.1.norm2.weight", "blocks.1.norm2.bias")
                .doesNotContainKeys("blocks.0.norm2.weight", "blocks.1.norm1.weight", "blocks.2.norm2.weight");
        assertThat(config.formatVersion()).isEqualTo(2);
        assertThat(TransformerConfig.fromJson(config.toJson())).isEqualTo(config);
        assertThat(config.toJson().get("blockOverrides").get("1").textValue()).isEqualTo("plain-mlp-norm");
        assertThat(config(BlockVariant.PLAIN).formatVersion()).isEqualTo(1);
        assertThat(config(BlockVariant.PLAIN).toJson().has("blockOverrides")).isFalse();
        assertThatThrownBy(() -> new TransformerConfig(2, 3, 3, 4, 1, 4, 8, BlockVariant.PLAIN, Activation.GELU_TANH,
                1e-5, java.util.Map.of(3, BlockVariant.PLAIN_MLP_NORM))).hasMessageContaining("block 3");
        assertThatThrownBy(() -> new TransformerConfig(2, 3, 3, 4, 1, 4, 8, BlockVariant.PLAIN, Activation.GELU_TANH,
                1e-5, java.util.Map.of(0, BlockVariant.PRE_LN))).hasMessageContaining("final LayerNorm");
    }
}
