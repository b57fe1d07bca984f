package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;


/**
 * A named, contiguous range of rows {@code [start, end)} of the hidden-state matrix H (docs/PAPER.md, Constructions:
 * rows are features, columns are time steps). The paper writes such ranges as {@code (i, j)}.
 *
 * @param name what the rows hold, e.g. {@code x} or {@code inverse}; used in error messages
 * @param start first row, at least 0
 * @param end one past the last row, greater than {@code start}
 */
public record RowRange(String name, int start, int end) {

    /** Validates the bounds. */
    public RowRange {
        requireNonNull(name, "name is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("row range '" + name + "' must satisfy 0 <= start < end, found ["
                    + start + ", " + end + ")");
        }
    }

    /** @return the number of rows */
    public int size() {
        return end - start;
    }

    /**
     * @param index 0 … size − 1
     * @return the absolute row of the {@code index}-th entry
     */
    public int row(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index must be in 0 … " + (size() - 1) + " for " + this
                    + ", found " + index);
        }
        return start + index;
    }

    /**
     * @param other another range
     * @return whether the two ranges share a row
     */
    public boolean overlaps(RowRange other) {
        return start < other.end && other.start < end;
    }

    /**
     * @param other another range
     * @return whether the two ranges cover exactly the same rows
     */
    public boolean sameRows(RowRange other) {
        return start == other.start && end == other.end;
    }

    /**
     * A sub-range, for values stored side by side (e.g. the inverse and the moment vector that move together).
     *
     * @param subName the sub-range's name
     * @param offset first row relative to {@link #start()}
     * @param length number of rows
     * @return the sub-range
     */
    public RowRange slice(String subName, int offset, int length) {
        if (offset < 0 || length < 1 || offset + length > size()) {
            throw new IllegalArgumentException("slice " + subName + " [" + offset + ", " + (offset + length)
                    + ") does not fit in " + this);
        }
        return new RowRange(subName, start + offset, start + offset + length);
    }

    @Override
    public String toString() {
        return name + "[" + start + ":" + end + ")";
    }
}
