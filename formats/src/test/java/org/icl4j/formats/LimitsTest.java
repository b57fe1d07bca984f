package org.icl4j.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Map;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.formats.npy.Npy;
import org.icl4j.formats.npy.NpyArray;
import org.icl4j.formats.npy.NpyFormatException;
import org.junit.jupiter.api.Test;

class LimitsTest {

    /** An endless stream of zeros after a prefix, counting what was read from it. */
    private static final class Endless extends InputStream {
        private final byte[] prefix;
        private long position;

        Endless(byte[] prefix) {
            this.prefix = prefix;
        }

        @Override
        public int read() {
            int value = position < prefix.length ? prefix[(int) position] & 0xFF : 0;
            position++;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (byte) read();
            }
            return length;
        }
    }

    @Test
    void anEntryThatNeverEndsIsReadOnlyToTheSizeItsHeaderGivesPlusOneByte() {
        byte[] npy = Npy.write(NpyArray.ofFloats(new int[] {2, 3}, new float[6]));
        Endless stream = new Endless(npy);
        assertThatThrownBy(() -> Npy.read(stream, "x.npz:xs")).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("x.npz:xs should hold 24 data bytes").hasMessageContaining("trailing data");
        assertThat(stream.position).isEqualTo(npy.length + 1);
    }

    @Test
    void aHeaderClaimingMoreThanTheHeapIsRefusedBeforeItsDataIsRead() {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (60000, 60000), }";
        byte[] prefix = new byte[10 + header.length() + 1];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length() + 1), 0};
        System.arraycopy(magic, 0, prefix, 0, magic.length);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, prefix, 10, header.length());
        prefix[prefix.length - 1] = '\n';
        Endless stream = new Endless(prefix);
        // 3.6·10⁹ doubles exceed one array's limit, whatever the heap.
        assertThatThrownBy(() -> Npy.read(stream, "big.npy")).isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("too large");
        assertThat(stream.position).isEqualTo(prefix.length);
    }

    @Test
    void memoryBeyondTheHeapIsRefusedNamingWhatAndHowMuch() {
        long max = Runtime.getRuntime().maxMemory();
        assertThatThrownBy(() -> Limits.requireMemory("the test's arrays", max + 1)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("the test's arrays needs about ").hasMessageContaining("-Xmx");
        Limits.requireMemory("a kilobyte", 1024);
    }

    @Test
    void productsAndSumsSaturateInsteadOfOverflowing() {
        assertThat(Limits.saturatedProduct(1L << 40, 1L << 40)).isEqualTo(Long.MAX_VALUE);
        assertThat(Limits.saturatedProduct(6_000_000, 40, 8)).isEqualTo(1_920_000_000L);
        assertThat(Limits.saturatedSum(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Limits.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }

    @Test
    void theParameterCountComputedFromSizesEqualsTheSumOfTheTensorShapes() {
        for (BlockVariant block : BlockVariant.values()) {
            for (BlockVariant override : BlockVariant.values()) {
                if (override.hasFinalNorm() != block.hasFinalNorm()) {
                    continue;
                }
                Map<Integer, BlockVariant> overrides = Map.of(1, override);
                TransformerConfig config = new TransformerConfig(3, 5, 2, 12, 3, 4, 20, block, Activation.GELU_TANH, 1e-5,
                        overrides);
                long summed = 0;
                for (int[] shape : config.tensorShapes().values()) {
                    long size = 1;
                    for (int dimension : shape) {
                        size *= dimension;
                    }
                    summed += size;
                }
                assertThat(config.parameterCount()).as(block.id() + " with block 1 " + override.id()).isEqualTo(summed);
            }
        }
    }

    @Test
    void aConfigBeyondTheLimitsIsRefusedBeforeItsTensorListIsBuilt() {
        assertThatThrownBy(() -> new TransformerConfig(2, 4, 100_000, 8, 2, 4, 32, BlockVariant.AUTHORS,
                Activation.GELU_TANH, 1e-5)).hasMessage("layers must be at most 1024 (docs/LIMITS.md), found 100000");
        assertThatThrownBy(() -> new TransformerConfig(2, 4, 1, 60_000, 2, 30_000, 240_000, BlockVariant.AUTHORS,
                Activation.GELU_TANH, 1e-5)).hasMessageContaining("hidden·mlpHidden");
    }
}
