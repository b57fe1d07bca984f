package org.icl4j.formats.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.formats.Limits;

/**
 * Reads and writes the Hugging Face safetensors format, so that Python reads icl4j weights with
 * {@code safetensors.torch.load_file} and no icl4j code.
 *
 * <p>Layout (the format's specification): an unsigned 64-bit little-endian header length N; N bytes of UTF-8
 * JSON, an object mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an
 * optional {@code "__metadata__"} object of string values; then the byte buffer, in which each tensor occupies
 * bytes {@code begin … end−1} (offsets relative to the buffer's start), little-endian and row-major. The
 * header may end with spaces; the tensors must cover the buffer exactly, without holes or overlaps.
 *
 * <p>icl4j stores float32 ({@code F32}) tensors. The reader validates every entry of any dtype the format
 * defines, and converts {@code F32} tensors to {@link Tensor}s; a tensor of another dtype is refused with a
 * message naming it.
 */
public final class Safetensors {

    /** The largest header accepted (the reference implementation's limit), against hostile length fields. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final Map<String, Integer> DTYPE_BYTES = dtypeSizes();
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Safetensors() {
    }

    /**
     * The contents of a safetensors file.
     *
     * @param tensors tensors by name, in the order of their data offsets
     * @param metadata the {@code __metadata__} strings (empty when absent)
     */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {

        /** Copies the maps. */
        public Content {
            requireNonNull(tensors, "tensors is null");
            requireNonNull(metadata, "metadata is null");
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    private static Map<String, Integer> dtypeSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("BOOL", 1);
        sizes.put("U8", 1);
        sizes.put("I8", 1);
        sizes.put("F8_E5M2", 1);
        sizes.put("F8_E4M3", 1);
        sizes.put("I16", 2);
        sizes.put("U16", 2);
        sizes.put("F16", 2);
        sizes.put("BF16", 2);
        sizes.put("I32", 4);
        sizes.put("U32", 4);
        sizes.put("F32", 4);
        sizes.put("F64", 8);
        sizes.put("I64", 8);
        sizes.put("U64", 8);
        return Collections.unmodifiableMap(sizes);
    }

    /**
     * Encodes tensors as a safetensors byte sequence: tensors in name order, header padded with spaces to a
     * multiple of 8 bytes so that the buffer starts aligned.
     *
     * @param tensors tensors by name; names must not be {@code __metadata__}
     * @param metadata strings stored under {@code __metadata__}; omitted when empty
     * @return the bytes
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        requireNonNull(tensors, "tensors is null");
        requireNonNull(metadata, "metadata is null");
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : sorted.entrySet()) {
            if (entry.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            Tensor tensor = entry.getValue();
            ObjectNode info = header.putObject(entry.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (int dimension : tensor.shape()) {
                shape.add(dimension);
            }
            long end = offset + 4L * tensor.size();
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors of " + offset + " bytes exceed the 2 GiB a single file may hold here");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded);
        buffer.put(json);
        for (int i = json.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        for (Tensor tensor : sorted.values()) {
            buffer.asFloatBuffer().put(tensor.values());
            buffer.position(buffer.position() + 4 * tensor.size());
        }
        return buffer.array();
    }

    /**
     * Writes tensors to a file (replacing it). Callers that need atomicity write into a temporary directory,
     * as {@link Checkpoint} does.
     *
     * @param file the file
     * @param tensors tensors by name
     * @param metadata strings stored under {@code __metadata__}
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = toBytes(tensors, metadata);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }

    /**
     * Reads and validates a safetensors file.
     *
     * @param file the file
     * @return its tensors and metadata
     * @throws MalformedCheckpointException when the file is truncated or inconsistent, naming the problem
     * @throws IOException when the file cannot be read
     */
    public static Content read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new MalformedCheckpointException(file + " is " + size + " bytes; files over 2 GiB are not supported "
                    + "(docs/LIMITS.md)");
        }
        // The file's bytes and the float arrays decoded from them are held at once.
        Limits.requireMemory("reading " + file, 2 * size);
        try {
            return fromBytes(Files.readAllBytes(file));
        } catch (MalformedCheckpointException e) {
            throw new MalformedCheckpointException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes and validates a safetensors byte sequence.
     *
     * @param bytes the whole file
     * @return its tensors and metadata
     * @throws MalformedCheckpointException when the bytes are truncated or inconsistent, naming the problem
     */
    public static Content fromBytes(byte[] bytes) throws MalformedCheckpointException {
        if (bytes.length < 8) {
            throw malformed("the file has " + bytes.length + " bytes, fewer than the 8-byte header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw malformed("the header length field is " + Long.toUnsignedString(headerLength)
                    + "; it must be between 2 and " + MAX_HEADER_BYTES);
        }
        if (headerLength > bytes.length - 8L) {
            throw malformed("the header length field says " + headerLength + " bytes but only "
                    + (bytes.length - 8L) + " follow (truncated file?)");
        }
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the header is not valid UTF-8");
        }
        if (!headerText.startsWith("{")) {
            throw malformed("the header must start with '{', found " + abbreviate(headerText));
        }
        JsonNode header;
        try {
            header = JSON.readTree(headerText);
        } catch (JsonProcessingException e) {
            throw malformed("the header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw malformed("the header must be a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(field.getValue(), metadata);
            } else {
                entries.add(readEntry(field.getKey(), field.getValue()));
            }
        }
        entries.sort((a, b) -> Long.compare(a.begin, b.begin) != 0 ? Long.compare(a.begin, b.begin)
                : Long.compare(a.end, b.end));
        long expectedBegin = 0;
        for (Entry entry : entries) {
            if (entry.begin != expectedBegin) {
                throw malformed("tensor '" + entry.name + "' starts at byte " + entry.begin + " of the buffer, but "
                        + (entry.begin < expectedBegin ? "it overlaps the previous tensor, which ends"
                                : "there is a hole: the previous tensor ends")
                        + " at " + expectedBegin);
            }
            expectedBegin = entry.end;
        }
        if (expectedBegin != dataLength) {
            throw malformed("the tensors cover " + expectedBegin + " bytes but the buffer after the header has "
                    + dataLength + (expectedBegin > dataLength ? " (truncated file?)" : " (trailing bytes)"));
        }

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (!entry.dtype.equals("F32")) {
                throw malformed("tensor '" + entry.name + "' has dtype " + entry.dtype
                        + "; icl4j reads F32 tensors only (convert with tensor.float() before saving)");
            }
            float[] values = new float[(int) (entry.count)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, dataStart + (int) entry.begin, (int) (entry.end - entry.begin))
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(values);
            tensors.put(entry.name, new Tensor(entry.shape, values));
        }
        return new Content(tensors, metadata);
    }

    private record Entry(String name, String dtype, int[] shape, long count, long begin, long end) {
    }

    private static void readMetadata(JsonNode node, Map<String, String> metadata) throws MalformedCheckpointException {
        if (!node.isObject()) {
            throw malformed(METADATA_KEY + " must be an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw malformed(METADATA_KEY + " value '" + field.getKey() + "' must be a string, found "
                        + field.getValue());
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
    }

    private static Entry readEntry(String name, JsonNode node) throws MalformedCheckpointException {
        if (!node.isObject()) {
            throw malformed("tensor '" + name + "' must map to an object with dtype, shape and data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw malformed("tensor '" + name + "' lacks a string 'dtype'");
        }
        String dtype = dtypeNode.textValue();
        Integer elementBytes = DTYPE_BYTES.get(dtype);
        if (elementBytes == null) {
            throw malformed("tensor '" + name + "' has unknown dtype '" + dtype + "'; known: " + DTYPE_BYTES.keySet());
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw malformed("tensor '" + name + "' lacks a 'shape' array");
        }
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode dimension = shapeNode.get(i);
            if (!dimension.isIntegralNumber() || !dimension.canConvertToInt() || dimension.intValue() < 0) {
                throw malformed("tensor '" + name + "' has an invalid shape entry " + dimension
                        + "; dimensions are integers >= 0");
            }
            shape[i] = dimension.intValue();
            count *= shape[i];
            if (count > Integer.MAX_VALUE) {
                throw malformed("tensor '" + name + "' has " + shapeNode + " elements, more than supported");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || !offsets.get(0).canConvertToLong()
                || !offsets.get(1).canConvertToLong()) {
            throw malformed("tensor '" + name + "' must have 'data_offsets' [begin, end] of two integers, found " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw malformed("tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "]; they must satisfy 0 <= begin <= end");
        }
        if (end - begin != count * elementBytes) {
            throw malformed("tensor '" + name + "' of dtype " + dtype + " and shape " + shapeNode + " needs "
                    + count * elementBytes + " bytes, but its data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin));
        }
        return new Entry(name, dtype, shape, count, begin, end);
    }

    private static String abbreviate(String text) {
        return "'" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'";
    }

    private static MalformedCheckpointException malformed(String problem) {
        return new MalformedCheckpointException("malformed safetensors data: " + problem);
    }
}
