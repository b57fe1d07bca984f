package org.icl4j.formats;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An output folder written atomically: a command writes into a hidden temporary sibling of the target and
 * {@link #commit()} renames it into place, so an interrupted or failed run leaves no half-written folder. Closing
 * an uncommitted folder deletes the temporary folder and any parent folders it created.
 */
public final class RunFolder implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final List<Path> createdParents;
    private boolean committed;

    private RunFolder(Path target, Path temporary, List<Path> createdParents) {
        this.target = target;
        this.temporary = temporary;
        this.createdParents = createdParents;
    }

    /**
     * Checks the target and creates the temporary folder beside it.
     *
     * @param target the folder the run should end up in
     * @param overwrite whether an existing non-empty target may be replaced
     * @return the run folder
     * @throws BadInputException when the target is a file, is a non-empty folder without {@code overwrite}, or
     *     cannot be written
     */
    public static RunFolder create(Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new BadInputException("cannot use the file-system root as the output folder; choose a folder for --out");
        }
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new BadInputException("output folder " + target + " exists and is a file; choose another --out");
            }
            if (!overwrite && !isEmpty(absolute)) {
                throw new BadInputException("output folder " + target + " exists and is not empty; choose another --out "
                        + "or pass --overwrite");
            }
        }
        List<Path> created = new ArrayList<>();
        try {
            for (Path parent = absolute.getParent(); parent != null && !Files.exists(parent); parent = parent.getParent()) {
                created.add(0, parent);
            }
            Files.createDirectories(absolute.getParent());
            Path temporary = AtomicFiles.newTemporaryFolder(absolute, "partial");
            return new RunFolder(absolute, temporary, created);
        } catch (IOException | SecurityException e) {
            deleteCreatedParents(created);
            throw new BadInputException("cannot write output folder " + target + ": " + reason(e)
                    + "; choose a writable --out", e);
        }
    }

    /** @return the temporary folder to write the run's files into */
    public Path path() {
        return temporary;
    }

    /** @return the folder the run ends up in after {@link #commit()} */
    public Path target() {
        return target;
    }

    /**
     * Renames the temporary folder into place, replacing an existing (empty, or allowed to be overwritten) target.
     *
     * @return the target
     * @throws IOException when the rename fails
     */
    public Path commit() throws IOException {
        AtomicFiles.replaceFolder(temporary, target);
        committed = true;
        return target;
    }

    /** Deletes the temporary folder (and parents it created) unless committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            AtomicFiles.deleteRecursively(temporary);
        } catch (IOException e) {
            // Best effort: the folder is hidden and named .partial, so it cannot be mistaken for a run.
        }
        deleteCreatedParents(createdParents);
    }

    private static void deleteCreatedParents(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static boolean isEmpty(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new BadInputException("cannot read output folder " + folder + ": " + reason(e), e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is in the way (a file where a folder is needed)";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
