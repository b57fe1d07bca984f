package org.icl4j.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way icl4j writes a file or a folder that someone may read: into a hidden temporary sibling first, then
 * renamed into place with an atomic move, so a reader (or a crash) never sees a half-written result and a failed
 * write leaves the previous version intact. Files are forced to disk before the rename.
 *
 * <p>Temporary names start with a dot and contain the process id and a nano-time stamp, so two writers never
 * share one. Temporary files are plain new files (not {@link Files#createTempFile}), whose owner-only
 * permissions would travel with the rename; they get the usual permissions of the umask.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} atomically, replacing a file already there. Missing parent folders
     * are created.
     *
     * @param target the file
     * @param bytes its content
     * @throws IOException when it cannot be written; {@code target} is then unchanged
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new IOException("cannot write a file at the file-system root: " + target);
        }
        Files.createDirectories(parent);
        Path temporary = temporarySibling(absolute, "tmp");
        try {
            writeNew(temporary, bytes);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(parent);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes UTF-8 text to {@code target} atomically (see {@link #write(Path, byte[])}).
     *
     * @param target the file
     * @param text its content
     * @throws IOException when it cannot be written; {@code target} is then unchanged
     */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates a new file (it must not exist) with {@code bytes} and forces it to disk: for files inside a
     * temporary folder that {@link #replaceFolder} moves into place afterwards.
     *
     * @param file the new file
     * @param bytes its content
     * @throws IOException when it exists or cannot be written
     */
    public static void writeNew(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Creates a hidden, uniquely named, empty folder beside {@code target}, to be filled and then moved into place
     * with {@link #replaceFolder}. The parent of {@code target} must exist.
     *
     * @param target the folder the content ends up in
     * @param kind a word in the temporary name saying what it is, e.g. {@code partial}
     * @return the temporary folder
     * @throws IOException when it cannot be created
     */
    public static Path newTemporaryFolder(Path target, String kind) throws IOException {
        return Files.createDirectory(temporarySibling(target.toAbsolutePath().normalize(), kind));
    }

    /**
     * Moves the filled {@code temporary} folder to {@code target} atomically. A folder already at {@code target}
     * is first renamed aside to {@link #previousOf(Path)} and deleted only once the new one is in place; if the
     * move fails, it is put back. A reader that finds no {@code target} (a crash between the two renames) finds
     * the last complete version at {@link #previousOf(Path)}.
     *
     * @param temporary the filled folder, a sibling of {@code target}
     * @param target where it goes
     * @throws IOException when the move fails; {@code target} then holds what it held before
     */
    public static void replaceFolder(Path temporary, Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        syncFolder(temporary);
        Path old = null;
        if (Files.exists(absolute)) {
            old = previousOf(absolute);
            deleteRecursively(old);
            Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                try {
                    Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        if (absolute.getParent() != null) {
            syncFolder(absolute.getParent());
        }
        // Also a version left aside by a writer that died between the two renames: the new one replaces it.
        deleteRecursively(previousOf(absolute));
    }

    /**
     * @param target a folder written with {@link #replaceFolder}
     * @return where its previous version lies while a replacement is under way, {@code .NAME.previous}
     */
    public static Path previousOf(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".previous");
    }

    /**
     * Deletes a file, or a folder and everything in it; nothing happens when it does not exist.
     *
     * @param root the file or folder
     * @throws IOException when something cannot be deleted
     */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * @param target a file or folder
     * @param kind a word saying what the sibling is
     * @return a hidden sibling name unique to this process and moment, e.g. {@code .model.onnx.tmp-4242-1f3a}
     */
    static Path temporarySibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()));
    }

    /** Forces a folder's entries to disk where the file system allows it (the renames are atomic regardless). */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot sync a folder.
        }
    }
}
