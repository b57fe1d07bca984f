package org.icl4j.formats.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.MalformedCheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    /** Builds a file by hand from the specification: u64 LE header length, JSON header, raw bytes. */
    private static byte[] handWritten(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = json.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (n >>> (8 * i)) & 0xFF);
        }
        out.write(json, 0, json.length);
        out.write(data, 0, data.length);
        return out.toByteArray();
    }

    // 1.0f = 0x3F800000 and -2.0f = 0xC0000000, little-endian.
    private static final byte[] ONE_MINUS_TWO = {0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x00, (byte) 0xC0};

    @Test
    void readsHandWrittenBytes() throws MalformedCheckpointException {
        byte[] bytes = handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[0,8]},"
                + "\"__metadata__\":{\"k\":\"v\"}}   ", ONE_MINUS_TWO);

        Safetensors.Content content = Safetensors.fromBytes(bytes);

        assertThat(content.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat(content.tensors()).containsOnlyKeys("a");
        assertThat(content.tensors().get("a").shape()).containsExactly(2, 1);
        assertThat(content.tensors().get("a").values()).containsExactly(1.0f, -2.0f);
    }

    @Test
    void readsFileWrittenByPython() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("python-written.safetensors")) {
            bytes = in.readAllBytes();
        }

        Safetensors.Content content = Safetensors.fromBytes(bytes);

        assertThat(content.metadata()).containsEntry("format", "pt");
        assertThat(content.tensors().get("weight")).isEqualTo(Tensor.of(new float[] {0f, 0.5f, 1f, 1.5f, 2f, 2.5f}, 2, 3));
        assertThat(content.tensors().get("bias")).isEqualTo(Tensor.of(new float[] {-1.5f}, 1));
        assertThat(content.tensors().get("empty").shape()).containsExactly(0, 4);
    }

    @Test
    void writesTheLayoutOfTheSpecification() throws MalformedCheckpointException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z", Tensor.of(new float[] {1f, -2f}, 2));
        tensors.put("a", Tensor.of(new float[] {3f}, 1));

        byte[] bytes = Safetensors.toBytes(tensors, Map.of("format", "pt"));

        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buffer.getLong(0);
        assertThat(n % 8).as("header padded to 8 bytes").isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{").contains("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}")
                .contains("\"z\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}")
                .contains("\"__metadata__\":{\"format\":\"pt\"}");
        assertThat(header.strip()).endsWith("}");
        // "a" = 3.0f = 0x40400000 first, then 1.0f and -2.0f.
        byte[] data = Arrays.copyOfRange(bytes, 8 + (int) n, bytes.length);
        assertThat(data).containsExactly(0x00, 0x00, 0x40, 0x40, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0);
        assertThat(Safetensors.fromBytes(bytes).tensors()).isEqualTo(tensors);
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("w.safetensors");
        Map<String, Tensor> tensors = Map.of("scalar", Tensor.of(new float[] {7f}), "m", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));

        Safetensors.write(file, tensors, Map.of());

        assertThat(Safetensors.read(file).tensors()).isEqualTo(tensors);
    }

    @Test
    void refusesTruncatedData() {
        byte[] bytes = handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", ONE_MINUS_TWO);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> Safetensors.fromBytes(truncated)).isInstanceOf(MalformedCheckpointException.class)
                .hasMessageContaining("cover 8 bytes").hasMessageContaining("has 5").hasMessageContaining("truncated");
    }

    @Test
    void refusesAHeaderLongerThanTheFile() {
        byte[] bytes = handWritten("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", ONE_MINUS_TWO);
        byte[] truncated = Arrays.copyOf(bytes, 20);

        assertThatThrownBy(() -> Safetensors.fromBytes(truncated)).hasMessageContaining("only 12 follow");
        assertThatThrownBy(() -> Safetensors.fromBytes(new byte[5])).hasMessageContaining("fewer than the 8-byte");
    }

    @Test
    void refusesHolesOverlapsAndTrailingBytes() {
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("hole");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void refusesShapeAndDtypeProblems() {
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("needs 12 bytes");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("unknown dtype 'Q4'");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("dtype F64").hasMessageContaining("F32 tensors only");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("invalid shape entry -2");
    }

    @Test
    void refusesMalformedHeaders() {
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten("[1, 2]", new byte[0])))
                .hasMessageContaining("must start with '{'");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten("{\"a\": ", new byte[0])))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Safetensors.fromBytes(handWritten(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", ONE_MINUS_TWO)))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Duplicate field 'a'");
        byte[] huge = handWritten("{}", new byte[0]);
        huge[7] = 0x7F;
        assertThatThrownBy(() -> Safetensors.fromBytes(huge)).hasMessageContaining("header length field");
    }
}
