package org.icl4j.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old contents or the whole new contents, never a part: the one
 * atomic-write utility of the suite folder, shared by the executors.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code text} to a temporary sibling, forces it to disk and renames it over {@code file}.
     *
     * @param file the target
     * @param text its new contents
     * @throws IOException when writing or renaming fails (the target is then unchanged)
     */
    public static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + file + " cannot rename atomically; put the suite folder elsewhere", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
