package org.icl4j.formats.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz} format: a zip archive whose entries {@code NAME.npy} each hold one array, as written by
 * {@code np.savez} (stored) or {@code np.savez_compressed} (deflated). Both are read; icl4j writes stored entries,
 * as {@code np.savez} does.
 */
public final class Npz {

    private Npz() {
    }

    /**
     * Reads every array of an {@code .npz} file.
     *
     * @param file the file
     * @return the arrays by name (entry name without {@code .npy}), in archive order
     * @throws NoSuchFileException when the file does not exist
     * @throws NpyFormatException when it is not a zip archive or an entry is not a supported {@code .npy} array
     * @throws IOException when it cannot be read
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such .npz file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NpyFormatException(file + " is a folder, not an .npz file; give the path of an .npz file");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpyFormatException(file + " is not a valid .npz (zip) file: " + e.getMessage()
                    + "; write it with np.savez", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = entry.getName();
                if (!entryName.endsWith(".npy")) {
                    throw new NpyFormatException(file + " holds entry '" + entryName + "', which is not a .npy array");
                }
                String name = entryName.substring(0, entryName.length() - ".npy".length());
                if (arrays.containsKey(name)) {
                    throw new NpyFormatException(file + " holds entry '" + entryName + "' twice");
                }
                // Streamed: the entry's stated sizes are not trusted, and inflation stops where the .npy header's
                // shape says the data ends (Npy.read), so a lying entry cannot inflate into memory.
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(name, Npy.read(in, file + ":" + name));
                } catch (NpyFormatException e) {
                    throw e;
                } catch (IOException e) {
                    throw new NpyFormatException(file + " entry '" + entryName + "' is corrupt: " + e.getMessage()
                            + "; write the file again with np.savez", e);
                }
            }
        }
        return arrays;
    }

    /**
     * Writes arrays to an {@code .npz} file (stored entries, as {@code np.savez}).
     *
     * @param file the file to create or replace
     * @param arrays the arrays by name
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, NpyArray> array : arrays.entrySet()) {
                byte[] bytes = Npy.write(array.getValue());
                ZipEntry entry = new ZipEntry(array.getKey() + ".npy");
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }
}
