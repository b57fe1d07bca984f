package org.icl4j.formats.npy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted and quotes doubled; lines end in {@code \n}. */
public final class Csv implements AutoCloseable {

    private final BufferedWriter writer;

    /**
     * @param file the file to create or replace
     * @param header the column names
     * @throws IOException when the file cannot be written
     */
    public Csv(Path file, List<String> header) throws IOException {
        this.writer = Files.newBufferedWriter(file);
        row(header.toArray());
    }

    /**
     * Writes one row.
     *
     * @param fields the fields; numbers are written with {@link String#valueOf}, NaN as an empty field
     * @throws IOException when the file cannot be written
     */
    public void row(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(fields[i]));
        }
        writer.write('\n');
    }

    /**
     * @param value a value
     * @return its CSV field text
     */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
            return "";
        }
        String text = String.valueOf(value);
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
