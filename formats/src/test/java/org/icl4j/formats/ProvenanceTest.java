package org.icl4j.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvenanceTest {

    /** The property the {@code icl4j} launcher script passes ({@code -Dicl4j.git.commit=…}). */
    private static final String LAUNCHER_PROPERTY = "icl4j.git.commit";

    @Test
    void takesTheCommitTheLauncherPasses() {
        String before = System.getProperty(LAUNCHER_PROPERTY);
        try {
            String commit = "0123456789abcdef0123456789abcdef01234567+uncommitted-changes";
            System.setProperty(LAUNCHER_PROPERTY, commit);
            assertThat(Provenance.current(3).gitCommit()).isEqualTo(commit);
            // "unknown" is the launcher's word for no repository: it must not be recorded as a commit.
            System.setProperty(LAUNCHER_PROPERTY, "unknown");
            assertThat(Provenance.current(3).gitCommit()).isNotEqualTo("unknown");
        } finally {
            if (before == null) {
                System.clearProperty(LAUNCHER_PROPERTY);
            } else {
                System.setProperty(LAUNCHER_PROPERTY, before);
            }
        }
    }

    @Test
    void roundTripsThroughJson() {
        Provenance provenance = new Provenance("1.2", 7, null, "17 (vendor)", "Linux 6 amd64", "2026-01-01T00:00:00Z");
        assertThat(Provenance.fromJson(provenance.toJson())).isEqualTo(provenance);
        Provenance withCommit = new Provenance("1.2", 7, "abc", "17 (vendor)", "Linux 6 amd64", "2026-01-01T00:00:00Z");
        assertThat(Provenance.fromJson(withCommit.toJson())).isEqualTo(withCommit);
    }
}
