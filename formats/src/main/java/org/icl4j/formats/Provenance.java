package org.icl4j.formats;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a model or a result came from: the {@code provenance} object of a checkpoint's config.json, and the
 * provenance block of every results.json and report. The one provenance record of icl4j.
 *
 * @param icl4jVersion the icl4j version that wrote the checkpoint
 * @param seed the seed of the run (training seed, or the compiler's seed)
 * @param gitCommit the source commit, or null when unknown
 * @param jvm the Java runtime, e.g. {@code 17.0.15 (Debian)}
 * @param os the operating system and architecture
 * @param created when the model was created, ISO-8601 UTC
 */
public record Provenance(String icl4jVersion, long seed, String gitCommit, String jvm, String os, String created) {

    /**
     * The system property holding the source commit; the {@code icl4j} launcher sets it to {@code git rev-parse
     * HEAD} of the repository it built (with {@code +uncommitted-changes} when the tree differs), or
     * {@value #UNKNOWN_COMMIT}.
     */
    public static final String GIT_COMMIT_PROPERTY = "icl4j.git.commit";

    /** The launcher's value of {@link #GIT_COMMIT_PROPERTY} when it found no repository. */
    public static final String UNKNOWN_COMMIT = "unknown";

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    /** Validates the required fields. */
    public Provenance {
        requireNonNull(icl4jVersion, "icl4jVersion is null");
        requireNonNull(jvm, "jvm is null");
        requireNonNull(os, "os is null");
        requireNonNull(created, "created is null");
    }

    /**
     * The provenance of a model made now, in this JVM. The git commit is read from the system property
     * {@value #GIT_COMMIT_PROPERTY} (unless it says {@value #UNKNOWN_COMMIT}), else the environment variable
     * {@code ICL4J_GIT_COMMIT}, else the {@code .git} directory above the working directory, else left unknown.
     *
     * @param seed the run's seed
     * @return the provenance
     */
    public static Provenance current(long seed) {
        String version = currentVersion();
        String jvm = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Provenance(version, seed, findGitCommit().orElse(null), jvm, os,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * @return the icl4j version the build wrote into {@code version.properties} beside this class, or
     *     {@code development} when the resource is missing (classes compiled outside Maven)
     */
    public static String currentVersion() {
        try (java.io.InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("${") ? "development" : version;
        } catch (IOException e) {
            return "development";
        }
    }

    /**
     * The fields as an ordered map, the provenance block of results.json and of reports.
     *
     * @return icl4jVersion, gitCommit ({@value #UNKNOWN_COMMIT} when not known), seed, jvm, os and date
     */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("icl4jVersion", icl4jVersion);
        map.put("gitCommit", gitCommit == null ? UNKNOWN_COMMIT : gitCommit);
        map.put("seed", seed);
        map.put("jvm", jvm);
        map.put("os", os);
        map.put("date", created);
        return map;
    }

    /** @return the source commit, when it can be found without running git */
    static Optional<String> findGitCommit() {
        for (String configured : new String[] {System.getProperty(GIT_COMMIT_PROPERTY), System.getenv("ICL4J_GIT_COMMIT")}) {
            if (configured != null && !configured.isBlank() && !configured.strip().equals(UNKNOWN_COMMIT)) {
                return Optional.of(configured.strip());
            }
        }
        try {
            Path directory = Path.of("").toAbsolutePath();
            while (directory != null) {
                Path git = directory.resolve(".git");
                if (Files.isDirectory(git)) {
                    return headCommit(git);
                }
                if (Files.isRegularFile(git)) {
                    // A worktree: .git is a file "gitdir: PATH".
                    String text = Files.readString(git, StandardCharsets.UTF_8).strip();
                    if (text.startsWith("gitdir:")) {
                        return headCommit(directory.resolve(text.substring("gitdir:".length()).strip()));
                    }
                    return Optional.empty();
                }
                directory = directory.getParent();
            }
        } catch (IOException | RuntimeException e) {
            // Provenance is best effort: an unreadable repository leaves the commit unknown.
        }
        return Optional.empty();
    }

    private static Optional<String> headCommit(Path gitDirectory) throws IOException {
        String head = Files.readString(gitDirectory.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (COMMIT.matcher(head).matches()) {
            return Optional.of(head);
        }
        if (!head.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = head.substring("ref:".length()).strip();
        // Worktrees keep refs in the common directory named by "commondir".
        Path common = gitDirectory;
        Path commonFile = gitDirectory.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDirectory.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize();
        }
        for (Path base : new Path[] {gitDirectory, common}) {
            Path refFile = base.resolve(ref);
            if (Files.isRegularFile(refFile)) {
                String commit = Files.readString(refFile, StandardCharsets.UTF_8).strip();
                return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[1].equals(ref) && COMMIT.matcher(parts[0]).matches()) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    /** @return the {@code provenance} object of config.json */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("icl4jVersion", icl4jVersion);
        node.put("seed", seed);
        if (gitCommit != null) {
            node.put("gitCommit", gitCommit);
        } else {
            node.putNull("gitCommit");
        }
        node.put("jvm", jvm);
        node.put("os", os);
        node.put("created", created);
        return node;
    }

    /**
     * @param node the {@code provenance} object of config.json
     * @return the provenance
     * @throws IllegalArgumentException naming a missing field
     */
    public static Provenance fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("provenance must be a JSON object");
        }
        JsonNode seed = node.get("seed");
        if (seed == null || !seed.isIntegralNumber()) {
            throw new IllegalArgumentException("provenance lacks an integer 'seed'");
        }
        JsonNode commit = node.get("gitCommit");
        return new Provenance(text(node, "icl4jVersion"), seed.longValue(),
                commit == null || commit.isNull() ? null : commit.asText(), text(node, "jvm"), text(node, "os"),
                text(node, "created"));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("provenance lacks the string field '" + name + "'");
        }
        return value.textValue();
    }
}
