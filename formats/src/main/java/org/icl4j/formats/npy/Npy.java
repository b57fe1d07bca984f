package org.icl4j.formats.npy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.formats.Limits;

/**
 * numpy's {@code .npy} format, written from its specification (numpy's {@code numpy.lib.format}): the magic
 * string {@code \x93NUMPY}, a major and minor version byte, the header length (little-endian uint16 for version
 * 1.0, uint32 for 2.0 and 3.0), then an ASCII (UTF-8 for 3.0) Python dict literal with keys {@code descr},
 * {@code fortran_order} and {@code shape}, padded with spaces and a final newline so that the data starts at a
 * multiple of 64 bytes; then the raw values in C order.
 *
 * <p>Supported dtypes: little-endian {@code <f4} and {@code <f8}, and unicode {@code <U}n (n UCS-4 code units per
 * element, zero-padded), which numpy reads without pickle. Fortran order, big-endian and other dtypes are refused
 * with a message saying how to convert.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    /** numpy leaves room for the first axis to grow to this many digits when it writes a header. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int MAX_HEADER = 1 << 20;

    private Npy() {
    }

    /**
     * Encodes an array as numpy itself would write it with {@code np.save} (version 1.0 unless the header is too
     * long for it, then 2.0).
     *
     * @param array the array
     * @return the file's bytes
     */
    public static byte[] write(NpyArray array) {
        int[] shape = array.shape();
        StringBuilder header = new StringBuilder("{'descr': '").append(array.descr())
                .append("', 'fortran_order': False, 'shape': ").append(shapeLiteral(shape)).append(", }");
        if (shape.length > 0) {
            header.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        int headerLength = text.length + 1;
        int major = 1;
        int prefix = MAGIC.length + 2 + 2;
        int padding = ALIGNMENT - ((prefix + headerLength) % ALIGNMENT);
        if (headerLength + padding > 0xFFFF) {
            major = 2;
            prefix = MAGIC.length + 2 + 4;
            padding = ALIGNMENT - ((prefix + headerLength) % ALIGNMENT);
        }
        byte[] data = encodeValues(array);
        ByteBuffer buffer = ByteBuffer.allocate(prefix + headerLength + padding + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            buffer.putShort((short) (headerLength + padding));
        } else {
            buffer.putInt(headerLength + padding);
        }
        buffer.put(text);
        for (int i = 0; i < padding; i++) {
            buffer.put((byte) ' ');
        }
        buffer.put((byte) '\n');
        buffer.put(data);
        return buffer.array();
    }

    /**
     * Decodes a {@code .npy} byte sequence.
     *
     * @param bytes the file's bytes
     * @param name the file or entry name, for messages
     * @return the array
     * @throws NpyFormatException when the bytes are not a supported {@code .npy} array
     */
    public static NpyArray read(byte[] bytes, String name) throws NpyFormatException {
        try {
            return read(new ByteArrayInputStream(bytes), name);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    /**
     * Reads one {@code .npy} array from a stream (a file, or an inflating {@code .npz} entry) without trusting any
     * size the container states: the header is read first (at most {@value #MAX_HEADER} bytes), the data size
     * follows from its dtype and shape, which is checked against {@link Limits} and the free memory before the data
     * is read, and the stream must end exactly there. So a corrupt or hostile entry that would inflate to
     * gigabytes is refused after at most its declared size plus one byte.
     *
     * @param in the stream, positioned at the magic string
     * @param name the file or entry name, for messages
     * @return the array
     * @throws NpyFormatException when the bytes are not a supported {@code .npy} array, or too large
     * @throws IOException when the stream cannot be read
     */
    public static NpyArray read(InputStream in, String name) throws IOException {
        byte[] prefix = in.readNBytes(MAGIC.length + 2);
        if (prefix.length < MAGIC.length + 2 || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpyFormatException(name + " is not a .npy file: it does not start with \\x93NUMPY");
        }
        int major = prefix[MAGIC.length] & 0xFF;
        int minor = prefix[MAGIC.length + 1] & 0xFF;
        if (major != 1 && major != 2 && major != 3) {
            throw new NpyFormatException(name + " has .npy format version " + major + "." + minor
                    + "; supported: 1.0, 2.0 and 3.0");
        }
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        if (lengthBytes.length < (major == 1 ? 2 : 4)) {
            throw new NpyFormatException(name + " is truncated inside its .npy header");
        }
        ByteBuffer lengthBuffer = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthBuffer.getShort() & 0xFFFF : lengthBuffer.getInt() & 0xFFFFFFFFL;
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(name + " has a .npy header of " + headerLength + " bytes; at most " + MAX_HEADER
                    + " are read (docs/LIMITS.md)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpyFormatException(name + " is truncated: its .npy header says " + headerLength
                    + " bytes but " + headerBytes.length + " remain");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = parseHeader(header, name);
        String descr = (String) dict.get("descr");
        boolean fortranOrder = (Boolean) dict.get("fortran_order");
        int[] shape = toShape(dict.get("shape"), name);
        if (fortranOrder) {
            throw new NpyFormatException(name + " is stored in Fortran order; save a C-ordered array "
                    + "(np.ascontiguousarray(a))");
        }
        int width = elementWidth(descr, name);
        long size = 1;
        for (int dimension : shape) {
            size = Limits.saturatedProduct(size, dimension);
        }
        long needed = Limits.saturatedProduct(size, width);
        if (size > Limits.MAX_ARRAY_VALUES || needed > Limits.MAX_FILE_BYTES) {
            throw new NpyFormatException(name + " has shape " + Arrays.toString(shape) + " and dtype " + descr
                    + ", too large: an array holds at most " + Limits.MAX_ARRAY_VALUES + " values and "
                    + Limits.MAX_FILE_BYTES + " bytes (docs/LIMITS.md)");
        }
        // The data bytes and the decoded array are held at once.
        Limits.requireMemory(name + " (shape " + Arrays.toString(shape) + ", dtype " + descr + ")", 2 * needed);
        byte[] data = in.readNBytes((int) needed);
        if (data.length < needed) {
            throw new NpyFormatException(name + " should hold " + needed + " data bytes for dtype " + descr + " and shape "
                    + Arrays.toString(shape) + ", found " + data.length + " (truncated)");
        }
        if (in.read() != -1) {
            throw new NpyFormatException(name + " should hold " + needed + " data bytes for dtype " + descr + " and shape "
                    + Arrays.toString(shape) + ", found more (trailing data); reading stopped there");
        }
        return decode(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), descr, shape, (int) size, width, name);
    }

    private static NpyArray decode(ByteBuffer data, String descr, int[] shape, int count, int width, String name)
            throws NpyFormatException {
        if (descr.equals("<f4")) {
            float[] values = new float[count];
            data.asFloatBuffer().get(values);
            return NpyArray.ofFloats(shape, values);
        }
        if (descr.equals("<f8")) {
            double[] values = new double[count];
            data.asDoubleBuffer().get(values);
            return NpyArray.ofDoubles(shape, values);
        }
        int characters = width / 4;
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < characters; c++) {
                int codePoint = data.getInt();
                if (codePoint != 0) {
                    if (!Character.isValidCodePoint(codePoint)) {
                        throw new NpyFormatException(name + " holds an invalid unicode code point " + codePoint);
                    }
                    text.appendCodePoint(codePoint);
                }
            }
            values[i] = text.toString();
        }
        return new NpyArray(descr, shape, values);
    }

    private static int elementWidth(String descr, String name) throws NpyFormatException {
        if (descr.equals("<f4")) {
            return 4;
        }
        if (descr.equals("<f8")) {
            return 8;
        }
        if (descr.matches("<U[1-9][0-9]{0,6}")) {
            return 4 * Integer.parseInt(descr.substring(2));
        }
        String hint = descr.startsWith(">") ? " (big-endian: convert with a.astype('<" + descr.substring(1) + "'))"
                : " (convert with a.astype(np.float32))";
        throw new NpyFormatException(name + " has dtype '" + descr + "'; supported: '<f4' (float32), '<f8' (float64)"
                + " and '<U' strings" + hint);
    }

    private static String shapeLiteral(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(')').toString();
    }

    private static byte[] encodeValues(NpyArray array) {
        Object values = array.values();
        if (values instanceof float[] f) {
            ByteBuffer buffer = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(f);
            return buffer.array();
        }
        if (values instanceof double[] d) {
            ByteBuffer buffer = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asDoubleBuffer().put(d);
            return buffer.array();
        }
        String[] strings = (String[]) values;
        int characters = Integer.parseInt(array.descr().substring(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream(strings.length * characters * 4);
        ByteBuffer element = ByteBuffer.allocate(characters * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (String string : strings) {
            int[] codePoints = string.codePoints().toArray();
            if (codePoints.length > characters) {
                throw new IllegalArgumentException("string '" + string + "' is longer than dtype " + array.descr());
            }
            element.clear();
            for (int c = 0; c < characters; c++) {
                element.putInt(c < codePoints.length ? codePoints[c] : 0);
            }
            out.writeBytes(element.array());
        }
        return out.toByteArray();
    }

    private static int[] toShape(Object value, String name) throws NpyFormatException {
        if (!(value instanceof List<?> list)) {
            throw new NpyFormatException(name + " has a malformed .npy header: 'shape' must be a tuple of integers");
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Long dimension) || dimension < 0 || dimension > Integer.MAX_VALUE) {
                throw new NpyFormatException(name + " has a malformed .npy header: shape entry " + list.get(i)
                        + " is not a non-negative integer");
            }
            shape[i] = (int) (long) dimension;
        }
        return shape;
    }

    /**
     * Parses the header dict, a Python literal such as
     * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
     */
    static Map<String, Object> parseHeader(String header, String name) throws NpyFormatException {
        Object parsed;
        try {
            LiteralParser parser = new LiteralParser(header);
            parsed = parser.value();
            parser.skipSpace();
            if (!parser.atEnd()) {
                throw new IllegalArgumentException("unexpected text after the dict at offset " + parser.position);
            }
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(name + " has a malformed .npy header '" + header.strip() + "': " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new NpyFormatException(name + " has a malformed .npy header: expected a dict, found '" + header.strip() + "'");
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            dict.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new NpyFormatException(name + " has a .npy header with keys " + dict.keySet()
                    + "; expected exactly descr, fortran_order and shape");
        }
        if (!(dict.get("descr") instanceof String)) {
            throw new NpyFormatException(name + " has a structured dtype " + dict.get("descr")
                    + "; supported: '<f4', '<f8' and '<U' arrays");
        }
        if (!(dict.get("fortran_order") instanceof Boolean)) {
            throw new NpyFormatException(name + " has a malformed .npy header: fortran_order must be True or False");
        }
        return dict;
    }

    /** A recursive-descent parser for the Python literals found in .npy headers. */
    private static final class LiteralParser {
        private final String text;
        private int position;

        LiteralParser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        char peek() {
            skipSpace();
            if (atEnd()) {
                throw new IllegalArgumentException("unexpected end of header");
            }
            return text.charAt(position);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at offset " + position + ", found '"
                        + text.charAt(position) + "'");
            }
            position++;
        }

        Object value() {
            char c = peek();
            if (c == '{') {
                return dict();
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (Character.isDigit(c) || c == '-') {
                return integer();
            }
            if (text.startsWith("True", position)) {
                position += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", position)) {
                position += 5;
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at offset " + position);
        }

        Map<Object, Object> dict() {
            expect('{');
            Map<Object, Object> map = new LinkedHashMap<>();
            while (peek() != '}') {
                Object key = value();
                expect(':');
                if (map.put(key, value()) != null) {
                    throw new IllegalArgumentException("key " + key + " appears twice");
                }
                if (peek() == ',') {
                    position++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at offset " + position);
                }
            }
            position++;
            return map;
        }

        List<Object> sequence(char close) {
            position++;
            List<Object> list = new ArrayList<>();
            while (peek() != close) {
                list.add(value());
                if (peek() == ',') {
                    position++;
                } else if (peek() != close) {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' at offset " + position);
                }
            }
            position++;
            return list;
        }

        String string(char quote) {
            position++;
            int end = text.indexOf(quote, position);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string at offset " + position);
            }
            String value = text.substring(position, end);
            position = end + 1;
            return value;
        }

        Long integer() {
            int start = position;
            if (text.charAt(position) == '-') {
                position++;
            }
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            // Python 2 era files may suffix longs with L.
            long value;
            try {
                value = Long.parseLong(text.substring(start, position));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed integer at offset " + start);
            }
            if (position < text.length() && text.charAt(position) == 'L') {
                position++;
            }
            return value;
        }
    }
}
