package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small allocator of named row ranges, so that a program reads like the paper's chains (Appendices A–B)
 * instead of carrying row arithmetic such as {@code (3 + 2d, 3 + 3d)}. Ranges are handed out one after another
 * and never overlap.
 */
public final class RowLayout {

    private final Map<String, RowRange> ranges = new LinkedHashMap<>();
    private int next;

    /**
     * Reserves the next {@code size} rows.
     *
     * @param name a name not used before in this layout
     * @param size number of rows, at least 1
     * @return the range
     */
    public RowRange allocate(String name, int size) {
        requireNonNull(name, "name is null");
        if (size < 1) {
            throw new IllegalArgumentException("row range '" + name + "' needs at least 1 row, found " + size);
        }
        if (ranges.containsKey(name)) {
            throw new IllegalArgumentException("row range '" + name + "' is already allocated as " + ranges.get(name));
        }
        RowRange range = new RowRange(name, next, next + size);
        ranges.put(name, range);
        next += size;
        return range;
    }

    /**
     * @param name a name given to {@link #allocate}
     * @return its range
     */
    public RowRange range(String name) {
        RowRange range = ranges.get(name);
        if (range == null) {
            throw new IllegalArgumentException("no row range named '" + name + "'; allocated: " + ranges.keySet());
        }
        return range;
    }

    /** @return the number of rows allocated so far */
    public int rows() {
        return next;
    }

    /** @return every allocated range, in row order */
    public List<RowRange> ranges() {
        return Collections.unmodifiableList(new ArrayList<>(ranges.values()));
    }
}
