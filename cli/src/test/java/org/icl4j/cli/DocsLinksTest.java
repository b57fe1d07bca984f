package org.icl4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation a user's clone carries must be self-contained: every relative link in README.md and the
 * Markdown files under docs/ points at a file (and heading) inside the repository, and neither the docs nor the
 * Java sources cite the paper notes by a path other than docs/PAPER.md, or any file that lives outside the
 * repository.
 */
class DocsLinksTest {

    /** {@code [text](target "title")} and {@code ![alt](target)}; group 1 is the target. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]\\n]*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** A reference definition {@code [label]: target}. */
    private static final Pattern REFERENCE_LINK =
            Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern FENCE = Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern PAPER_NOTES = Pattern.compile("(?i)PAPER\\.md");
    /** Files and folders of the original project set-up that a clone does not have. */
    private static final Pattern OUTSIDE_NAMES =
            Pattern.compile("(?<![\\w-])(?:DESIGN|STYLE)\\.md|/work/shared|/work/team");

    @Test
    void everyLinkInTheDocumentationResolvesInsideTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Path> markdown = markdownFiles(root);
        assertThat(markdown).contains(root.resolve("README.md"), root.resolve("docs/PAPER.md"));

        assertThat(markdownProblems(root, markdown)).isEmpty();
    }

    @Test
    void javaSourcesCiteThePaperNotesOnlyAsDocsPaper() throws IOException {
        Path root = repositoryRoot();
        // This file is left out: its planted faults below name the files it forbids.
        Path self = root.resolve("cli/src/test/java/org/icl4j/cli/DocsLinksTest.java");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(file -> file.toString().endsWith(".java") && !skipped(root, file)
                    && !file.equals(self)).toList();
        }
        List<String> problems = new ArrayList<>();
        int citing = 0;
        for (Path source : sources) {
            String text = Files.readString(source, UTF_8);
            citing += text.contains("docs/PAPER.md") ? 1 : 0;
            nameProblems(root, source, text, List.of(), problems);
        }
        assertThat(citing).as("sources that cite docs/PAPER.md (the scan reads them)").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    /** The checks themselves: each planted fault is reported, and nothing else is. */
    @Test
    void plantedFaultsAreReportedOneByOne(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs/sub"));
        Files.writeString(root.resolve("docs/PAPER.md"), "# Notes\n\n## Reference algorithms\n", UTF_8);
        Files.writeString(root.resolve("docs/sub/deep.md"), "# Deep\n", UTF_8);
        Files.writeString(root.resolve("README.md"), String.join("\n",
                "See [the notes](docs/PAPER.md), [ridge](docs/PAPER.md#reference-algorithms),",
                "[deep](docs/sub/deep.md), [mail](mailto:someone@example.org) and [web](https://example.org/x.md).",
                "```", "[not a link](nowhere.md) inside a code block", "```",
                "Bad: [gone](docs/GONE.md) and [escape](../outside.md)."), UTF_8);
        Files.writeString(root.resolve("docs/TOPIC.md"), String.join("\n",
                "# Topic", "",
                "[up](../README.md), [self](#topic), [notes](PAPER.md#reference-algorithms), [deep](sub/deep.md).",
                "Bad: [anchor](PAPER.md#no-such-heading), [absolute](/etc/hosts), [self](#missing),",
                "the spec in PAPER.md, the brief in DESIGN.md, and /work/shared/PAPER.md.",
                "[ref]: ../../beyond.md"), UTF_8);

        List<String> problems = markdownProblems(root, markdownFiles(root));

        assertThat(problems).containsExactlyInAnyOrder(
                "README.md: link 'docs/GONE.md' names a file that does not exist",
                "README.md: link '../outside.md' leaves the repository",
                "docs/TOPIC.md: link 'PAPER.md#no-such-heading' names no heading of docs/PAPER.md",
                "docs/TOPIC.md: link '/etc/hosts' is an absolute path; use a path relative to the file",
                "docs/TOPIC.md: link '#missing' names no heading of docs/TOPIC.md",
                "docs/TOPIC.md: link '../../beyond.md' leaves the repository",
                "docs/TOPIC.md: names 'PAPER.md'; the paper notes are docs/PAPER.md",
                "docs/TOPIC.md: names '/work/shared/PAPER.md'; the paper notes are docs/PAPER.md",
                "docs/TOPIC.md: names 'DESIGN.md', which is not part of the repository",
                "docs/TOPIC.md: names '/work/shared', which is not part of the repository");
    }

    @Test
    void headingAnchorsFollowGitHubsRule() {
        assertThat(anchors("# Tokens and loss\n## `knn` (k-NN)\n## Tokens and loss\n```\n# not a heading\n```\n"))
                .containsExactlyInAnyOrder("tokens-and-loss", "knn-k-nn", "tokens-and-loss-1");
    }

    private static List<String> markdownProblems(Path root, List<Path> files) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Path, Set<String>> anchorCache = new HashMap<>();
        for (Path file : files) {
            String text = Files.readString(file, UTF_8);
            String prose = blank(blank(text, FENCE), CODE_SPAN);
            List<int[]> paperLinks = new ArrayList<>();
            for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
                Matcher link = pattern.matcher(prose);
                while (link.find()) {
                    String target = link.group(1);
                    Path resolved = checkLink(root, file, target, anchorCache, problems);
                    if (resolved != null && resolved.equals(root.resolve("docs/PAPER.md"))) {
                        paperLinks.add(new int[] {link.start(1), link.end(1)});
                    }
                }
            }
            nameProblems(root, file, text, paperLinks, problems);
        }
        return problems;
    }

    /** @return the file the link resolves to inside the repository, or null when it is external or broken */
    private static Path checkLink(Path root, Path file, String target, Map<Path, Set<String>> anchorCache,
            List<String> problems) {
        String where = relative(root, file) + ": link '" + target + "' ";
        if (target.isEmpty() || SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        if (pathPart.startsWith("/")) {
            problems.add(where + "is an absolute path; use a path relative to the file");
            return null;
        }
        Path resolved = pathPart.isEmpty() ? file
                : file.getParent().resolve(URLDecoder.decode(pathPart, UTF_8)).normalize();
        if (!resolved.startsWith(root)) {
            problems.add(where + "leaves the repository");
            return null;
        }
        if (!Files.exists(resolved)) {
            problems.add(where + "names a file that does not exist");
            return null;
        }
        if (fragment != null && resolved.toString().endsWith(".md")
                && !anchorCache.computeIfAbsent(resolved, DocsLinksTest::anchorsOf).contains(fragment)) {
            problems.add(where + "names no heading of " + relative(root, resolved));
        }
        return resolved;
    }

    /** Flags names of the paper notes other than docs/PAPER.md, and names of files outside the repository. */
    private static void nameProblems(Path root, Path file, String text, List<int[]> allowedSpans,
            List<String> problems) {
        Matcher paper = PAPER_NOTES.matcher(text);
        while (paper.find()) {
            int start = paper.start();
            while (start > 0 && isPathCharacter(text.charAt(start - 1))) {
                start--;
            }
            String named = text.substring(start, paper.end());
            int at = paper.start();
            boolean linked = allowedSpans.stream().anyMatch(span -> span[0] <= at && at < span[1]);
            if (!named.equals("docs/PAPER.md") && !linked) {
                problems.add(relative(root, file) + ": names '" + named + "'; the paper notes are docs/PAPER.md");
            }
        }
        Matcher outside = OUTSIDE_NAMES.matcher(text);
        while (outside.find()) {
            problems.add(relative(root, file) + ": names '" + outside.group()
                    + "', which is not part of the repository");
        }
    }

    private static boolean isPathCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '-' || c == '_';
    }

    private static Set<String> anchorsOf(Path file) {
        try {
            return anchors(Files.readString(file, UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, "-1", "-2" … for repeats. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(blank(markdown, FENCE));
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    /** Replaces every match by spaces (newlines kept), so offsets still match the original text. */
    private static String blank(String text, Pattern pattern) {
        StringBuilder out = new StringBuilder(text);
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".md") && !skipped(root, file)).sorted().toList();
        }
    }

    /** Build outputs, run folders and hidden folders are not part of a clone's documentation. */
    private static boolean skipped(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.equals("target") || name.equals("runs") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.normalize();
            }
        }
        throw new IllegalStateException("no folder with README.md, docs/ and pom.xml above "
                + Path.of("").toAbsolutePath());
    }
}
