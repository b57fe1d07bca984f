package org.icl4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a result came from: icl4j version, git commit (when known), seed, JVM, OS and date. Stored in every
 * results.json and report.
 *
 * @param icl4jVersion the icl4j version
 * @param gitCommit the source commit the launcher was built from, or {@code unknown}
 * @param seed the run's seed
 * @param jvm JVM vendor, name and version
 * @param os OS name, version and architecture
 * @param date UTC time the run started, ISO-8601
 */
public record Provenance(String icl4jVersion, String gitCommit, long seed, String jvm, String os, String date) {

    /** The system property the launcher sets to the repository's commit ({@code git rev-parse HEAD}). */
    public static final String GIT_COMMIT_PROPERTY = org.icl4j.algorithms.model.Provenance.GIT_COMMIT_PROPERTY;

    /**
     * Collects the provenance of a run starting now.
     *
     * @param seed the run's seed
     * @return the provenance
     */
    public static Provenance collect(long seed) {
        return new Provenance(currentVersion(),
                System.getProperty(GIT_COMMIT_PROPERTY, org.icl4j.algorithms.model.Provenance.UNKNOWN_COMMIT),
                seed,
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** @return the version Maven wrote into {@code version.properties}, or {@code unknown} */
    public static String currentVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return the fields as an ordered map, for JSON and reports */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("icl4jVersion", icl4jVersion);
        map.put("gitCommit", gitCommit);
        map.put("seed", seed);
        map.put("jvm", jvm);
        map.put("os", os);
        map.put("date", date);
        return map;
    }
}
