package org.icl4j.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The sizes every experiment spec defines its settings for. */
public enum Scale {
    /** Every figure's pipeline end to end in minutes on two CPU cores; the claims are not expected to hold. */
    SMOKE,
    /** Two CPU cores, every qualitative claim visible. */
    QUICK,
    /** The authors' settings, for GPUs: expanded and costed here, never run by the local executor. */
    PAPER;

    /** @return the name used in spec files and on the command line */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the local executor may run a suite of this scale */
    public boolean runsLocally() {
        return this != PAPER;
    }

    /** @return every scale's key */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Scale::key).toList();
    }

    /**
     * @param key {@code smoke}, {@code quick} or {@code paper}
     * @return the scale
     */
    public static Scale of(String key) {
        for (Scale scale : values()) {
            if (scale.key().equals(key)) {
                return scale;
            }
        }
        throw new IllegalArgumentException("unknown scale '" + key + "'; known: " + String.join(", ", keys()));
    }
}
