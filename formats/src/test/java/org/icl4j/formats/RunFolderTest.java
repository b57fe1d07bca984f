package org.icl4j.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path temp;

    @Test
    void refusesEmptyTextTheCurrentFolderItsParentsTheHomeFolderAndRepositoryRoots() throws IOException {
        Path current = Path.of("").toAbsolutePath();
        assertThatThrownBy(() -> RunFolder.create(Path.of(""), true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--out is empty");
        assertThatThrownBy(() -> RunFolder.create(Path.of("."), true)).hasMessageContaining("the current folder");
        assertThatThrownBy(() -> RunFolder.create(current, true)).hasMessageContaining("the current folder");
        assertThatThrownBy(() -> RunFolder.create(Path.of(".."), true)).hasMessageContaining("a parent of the current folder");
        assertThatThrownBy(() -> RunFolder.create(current.getRoot(), true)).hasMessageContaining("file-system root");
        assertThatThrownBy(() -> RunFolder.create(Path.of(System.getProperty("user.home")), true))
                .hasMessageContaining("the home folder");
        Path repository = Files.createDirectories(temp.resolve("repo"));
        Files.createDirectory(repository.resolve(".git"));
        assertThatThrownBy(() -> RunFolder.create(repository, true)).hasMessageContaining("repository root");
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> RunFolder.create(file.resolve("run"), false))
                .hasMessageContaining("which is a file");
        assertThatThrownBy(() -> RunFolder.create(file, true)).hasMessageContaining("exists and is a file");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void overwriteReplacesOnlyAFolderIcl4jWrote() throws IOException {
        Path user = Files.createDirectories(temp.resolve("user"));
        Files.writeString(user.resolve("thesis.tex"), "mine");
        assertThatThrownBy(() -> RunFolder.create(user, false)).hasMessageContaining("pass --overwrite");
        assertThatThrownBy(() -> RunFolder.create(user, true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("did not write").hasMessageContaining(RunFolder.MARKER);
        assertThat(Files.readString(user.resolve("thesis.tex"))).isEqualTo("mine");

        Path run = temp.resolve("run");
        write(run, "first");
        assertThat(RunFolder.isRunFolder(run)).isTrue();
        write(run, "second");
        assertThat(Files.readString(run.resolve("result.txt"))).isEqualTo("second");
        try (var entries = Files.list(temp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("user", "run");
        }
    }

    @Test
    void aCommitNeverReplacesAFolderAnotherRunFilledMeanwhile() throws IOException {
        Path target = temp.resolve("shared");
        try (RunFolder folder = RunFolder.create(target, false)) {
            Files.writeString(folder.path().resolve("result.txt"), "late");
            Files.createDirectories(target);
            Files.writeString(target.resolve("result.txt"), "early");
            assertThatThrownBy(folder::commit).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("filled by another run");
        }
        assertThat(Files.readString(target.resolve("result.txt"))).isEqualTo("early");
        try (var entries = Files.list(temp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("shared");
        }
    }

    @Test
    void defaultNamesAreFreshEvenWithinOneSecondAndSkipFoldersInTheWay() throws IOException {
        Path runs = temp.resolve("runs");
        // Names for this second and the next are taken by someone else's folders, which must stay as they are.
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
        LocalDateTime now = LocalDateTime.now();
        Set<Path> taken = Set.of(runs.resolve("compare-" + now.format(stamp)),
                runs.resolve("compare-" + now.plusSeconds(1).format(stamp)));
        for (Path folder : taken) {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("notes.txt"), "keep");
        }
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            try (RunFolder folder = RunFolder.createUnique(runs, "compare")) {
                Files.writeString(folder.path().resolve("result.txt"), "run " + i);
                made.add(folder.commit());
            }
        }
        assertThat(made).hasSize(5).doesNotContainAnyElementsOf(taken.stream().map(Path::toAbsolutePath).toList());
        for (Path folder : taken) {
            assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("keep");
        }
        for (Path folder : made) {
            assertThat(RunFolder.isRunFolder(folder)).isTrue();
            assertThat(Files.readString(folder.resolve("result.txt"))).startsWith("run ");
        }
    }

    @Test
    void anUncommittedDefaultNameIsReleased() throws IOException {
        Path runs = temp.resolve("runs");
        try (RunFolder folder = RunFolder.createUnique(runs, "compare")) {
            assertThat(folder.target()).isDirectory();
        }
        assertThat(runs).doesNotExist();
    }

    private static void write(Path target, String text) throws IOException {
        try (RunFolder folder = RunFolder.create(target, true)) {
            Files.writeString(folder.path().resolve("result.txt"), text, StandardCharsets.UTF_8);
            folder.commit();
        }
    }
}
