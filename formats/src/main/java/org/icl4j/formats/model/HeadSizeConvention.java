package org.icl4j.formats.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the size of an attention head follows from the hidden width H and the number of heads M (docs/PAPER.md,
 * "Model"). The config stores the resulting {@code headSize}; the convention only derives it.
 */
public enum HeadSizeConvention {
    /** {@code H / M}: the heads together are as wide as the hidden state (the usual transformer). */
    STANDARD("standard"),
    /** {@code H / M²}: the authors' code divides the width by M twice, so heads are M times narrower. */
    AUTHORS("authors");

    private final String id;

    HeadSizeConvention(String id) {
        this.id = id;
    }

    /** @return the name used in specs */
    public String id() {
        return id;
    }

    /**
     * @param hidden the hidden width H
     * @param heads the number of heads M
     * @return the head size
     * @throws IllegalArgumentException when H is not divisible as the convention needs
     */
    public int headSize(int hidden, int heads) {
        if (hidden < 1 || heads < 1) {
            throw new IllegalArgumentException("hidden and heads must be >= 1, found hidden=" + hidden + ", heads=" + heads);
        }
        int divisor = this == STANDARD ? heads : heads * heads;
        if (hidden % divisor != 0) {
            throw new IllegalArgumentException("the " + id + " head-size convention needs hidden divisible by "
                    + (this == STANDARD ? "heads" : "heads²") + " (" + divisor + "), found hidden=" + hidden);
        }
        return hidden / divisor;
    }

    /**
     * @param id a convention name
     * @return the convention
     * @throws IllegalArgumentException naming the allowed names
     */
    public static HeadSizeConvention fromId(String id) {
        for (HeadSizeConvention convention : values()) {
            if (convention.id.equals(id)) {
                return convention;
            }
        }
        throw new IllegalArgumentException("unknown head-size convention '" + id + "'; allowed: "
                + Arrays.stream(values()).map(HeadSizeConvention::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
