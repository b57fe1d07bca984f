package org.icl4j.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An output folder written atomically: a command writes into a hidden temporary sibling of the target and
 * {@link #commit()} renames it into place, so an interrupted or failed run leaves no half-written folder. Closing
 * an uncommitted folder deletes the temporary folder and any parent folders it created.
 *
 * <p>The rules that keep a user's files safe (docs/CLI.md, "Output folders"):
 * <ul>
 *   <li>{@link #checkLocation} refuses an output folder that is empty text, the current folder or one of its
 *       parents, the home folder, or a repository root (a folder holding {@code .git});</li>
 *   <li>every run folder holds the marker file {@value #MARKER}; {@code overwrite} replaces only a folder that
 *       holds it, never a folder of the user's own files;</li>
 *   <li>{@link #createUnique} reserves a fresh default name (by creating it) so runs started in the same second,
 *       or in parallel JVMs, never share a folder;</li>
 *   <li>{@link #commit()} without {@code overwrite} never replaces a folder that another run filled meanwhile.</li>
 * </ul>
 */
public final class RunFolder implements AutoCloseable {

    /** The marker file icl4j writes into every run folder; {@code --overwrite} replaces only folders holding it. */
    public static final String MARKER = ".icl4j-run";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_SUFFIX = 10_000;

    private final Path target;
    private final Path temporary;
    private final List<Path> createdParents;
    private final boolean overwrite;
    private final boolean reserved;
    private boolean committed;

    private RunFolder(Path target, Path temporary, List<Path> createdParents, boolean overwrite, boolean reserved) {
        this.target = target;
        this.temporary = temporary;
        this.createdParents = createdParents;
        this.overwrite = overwrite;
        this.reserved = reserved;
    }

    /**
     * Checks the target and creates the temporary folder beside it, with the run marker in it.
     *
     * @param target the folder the run should end up in
     * @param overwrite whether an existing non-empty target may be replaced (only a run folder icl4j wrote)
     * @return the run folder
     * @throws BadInputException when the target is refused by {@link #checkLocation}, is a file, is a non-empty
     *     folder without {@code overwrite}, is a non-empty folder without the run marker, or cannot be written
     */
    public static RunFolder create(Path target, boolean overwrite) {
        Path absolute = checkLocation(target);
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            checkReplaceable(target, absolute, overwrite);
        }
        return open(target, absolute, overwrite, false);
    }

    /**
     * Creates a run folder under a fresh default name {@code PREFIX-yyyyMMdd-HHmmss}, adding {@code -2}, {@code -3}
     * … when that name is taken. The name is reserved by creating the (empty) folder, which the rename of
     * {@link #commit()} replaces, so two runs never pick the same name even when started at the same moment in
     * different JVMs.
     *
     * @param parent the folder the run folder goes in, e.g. {@code runs}
     * @param prefix the name's start, e.g. {@code compare}
     * @return the run folder
     * @throws BadInputException when the parent cannot be written
     */
    public static RunFolder createUnique(Path parent, String prefix) {
        Path absoluteParent = parent.toAbsolutePath().normalize();
        List<Path> created = new ArrayList<>();
        try {
            created = missingParents(absoluteParent.resolve("x"));
            Files.createDirectories(absoluteParent);
            String stem = prefix + "-" + LocalDateTime.now().format(STAMP);
            for (int suffix = 1; suffix <= MAX_SUFFIX; suffix++) {
                Path candidate = absoluteParent.resolve(suffix == 1 ? stem : stem + "-" + suffix);
                try {
                    Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                RunFolder folder = open(parent.resolve(candidate.getFileName()), candidate, false, true);
                folder.createdParents.addAll(0, created);
                return folder;
            }
            throw new BadInputException("cannot find a free run folder name " + stem + "-N under " + parent
                    + " (" + MAX_SUFFIX + " taken); give --out");
        } catch (IOException | SecurityException e) {
            deleteCreatedParents(created);
            throw new BadInputException("cannot write output folder under " + parent + ": " + reason(e)
                    + "; choose a writable --out", e);
        }
    }

    /**
     * Checks that a path may be used as an output folder at all and returns its absolute form. Refused: empty text
     * (which would mean the current folder), the current folder or any of its parents, the home folder, the
     * file-system root, and a repository root (a folder holding {@code .git}); a file where a folder is needed
     * (the path or one of its parents) is named.
     *
     * @param target the output folder as given
     * @return the absolute, normalised path
     * @throws BadInputException naming the path and the rule
     */
    public static Path checkLocation(Path target) {
        String given = target.toString();
        if (given.isBlank()) {
            throw new BadInputException("--out is empty; give a new folder such as runs/NAME");
        }
        Path absolute = target.toAbsolutePath().normalize();
        Path current = Path.of("").toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new BadInputException("--out " + given + " is the file-system root; give a new folder such as runs/NAME");
        }
        if (current.startsWith(absolute)) {
            throw new BadInputException("--out " + given + " is " + (current.equals(absolute) ? "the current folder"
                    : "a parent of the current folder") + "; give a new folder such as runs/NAME");
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && Path.of(home).toAbsolutePath().normalize().equals(absolute)) {
            throw new BadInputException("--out " + given + " is the home folder; give a new folder such as runs/NAME");
        }
        if (Files.exists(absolute.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("--out " + given + " is a repository root (it holds .git); give a new folder "
                    + "such as runs/NAME");
        }
        for (Path parent = absolute.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new BadInputException("--out " + given + " lies under " + parent
                        + ", which is a file; choose another --out");
            }
        }
        return absolute;
    }

    /**
     * Refuses a folder that already exists unless it may be replaced: it must be a folder, and either empty or
     * (with {@code overwrite}) a run folder icl4j wrote.
     *
     * @param target the output folder as given
     * @param overwrite whether {@code --overwrite} was given
     * @throws BadInputException naming the folder and the rule
     */
    public static void checkReplaceable(Path target, boolean overwrite) {
        checkReplaceable(target, target.toAbsolutePath().normalize(), overwrite);
    }

    private static void checkReplaceable(Path target, Path absolute, boolean overwrite) {
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("output folder " + target + " exists and is "
                    + (Files.isSymbolicLink(absolute) ? "a symbolic link" : "a file") + "; choose another --out");
        }
        if (isEmpty(absolute)) {
            return;
        }
        if (!overwrite) {
            throw new BadInputException("output folder " + target + " exists and is not empty; choose another --out "
                    + "or pass --overwrite");
        }
        if (!isRunFolder(absolute)) {
            throw new BadInputException("output folder " + target + " holds files icl4j did not write (no " + MARKER
                    + " marker); --overwrite replaces only icl4j run folders, so choose another --out");
        }
    }

    /**
     * @param folder a folder
     * @return whether icl4j wrote it (it holds the {@value #MARKER} file)
     */
    public static boolean isRunFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Writes the run marker into a folder that a run writes in place (a training run folder).
     *
     * @param folder the run folder, which must exist
     * @throws IOException when the marker cannot be written
     */
    public static void mark(Path folder) throws IOException {
        if (!isRunFolder(folder)) {
            AtomicFiles.writeString(folder.resolve(MARKER), "icl4j run folder\n");
        }
    }

    private static RunFolder open(Path target, Path absolute, boolean overwrite, boolean reserved) {
        List<Path> created = new ArrayList<>();
        try {
            created = missingParents(absolute);
            Files.createDirectories(absolute.getParent());
            Path temporary = AtomicFiles.newTemporaryFolder(absolute, "partial");
            AtomicFiles.writeNew(temporary.resolve(MARKER), "icl4j run folder\n".getBytes(StandardCharsets.UTF_8));
            return new RunFolder(absolute, temporary, created, overwrite, reserved);
        } catch (IOException | SecurityException e) {
            deleteCreatedParents(created);
            throw new BadInputException("cannot write output folder " + target + ": " + reason(e)
                    + "; choose a writable --out", e);
        }
    }

    private static List<Path> missingParents(Path absolute) {
        List<Path> created = new ArrayList<>();
        for (Path parent = absolute.getParent(); parent != null && !Files.exists(parent); parent = parent.getParent()) {
            created.add(0, parent);
        }
        return created;
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
     * Renames the temporary folder into place. Without {@code overwrite} the rename replaces at most an empty
     * folder (the rename itself fails on a non-empty one, so a folder another run filled meanwhile is kept); with
     * it, the target is checked again for the run marker and replaced as {@link AtomicFiles#replaceFolder} does.
     *
     * @return the target
     * @throws BadInputException when another run filled the target meanwhile, or it lost its marker
     * @throws IOException when the rename fails
     */
    public Path commit() throws IOException {
        if (overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            checkReplaceable(target, target, true);
            AtomicFiles.replaceFolder(temporary, target);
        } else {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || isEmpty(target)) {
                    throw e;
                }
                throw new BadInputException("output folder " + target + " was filled by another run while this one "
                        + "ran; it is left as it is and this run's results are discarded; choose another --out", e);
            }
        }
        committed = true;
        return target;
    }

    /** Deletes the temporary folder (and a reserved name and parents it created) unless committed. */
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
        if (reserved) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                // Not empty: someone wrote into the reserved name; leave it.
            }
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
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is in the way (a file where a folder is needed)";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
