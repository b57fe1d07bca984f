package org.icl4j.transformer.construction;


/**
 * Which earlier columns a primitive reads: the paper's timestep map K of the RAW operator (Appendix C.2). In
 * the transformer this is the attention pattern, written into the position embedding (Appendix C.4.1).
 *
 * <p>{@code offset k}: column t reads column {@code max(t − k, 0)}. Column 0 can only attend to itself, so a
 * read that reaches before the sequence start returns column 0; programs keep such reads harmless (they mask
 * them, see {@link PositionFeature#HAS_PAIR}). {@code prefix mean}: column t reads the mean of columns 0 … t,
 * which is exactly uniform causal attention.
 *
 * @param offset how many columns back, at least 0 (ignored for a prefix mean)
 * @param prefixMean whether to average every column up to the current one
 */
public record ColumnRead(int offset, boolean prefixMean) {

    /** The current column. */
    public static final ColumnRead CURRENT = new ColumnRead(0, false);

    /** The mean over columns 0 … t. */
    public static final ColumnRead PREFIX_MEAN = new ColumnRead(0, true);

    /**
     * @param offset how many columns back
     * @return a read of column t − offset
     */
    public static ColumnRead back(int offset) {
        return new ColumnRead(offset, false);
    }

    /** @return whether this reads the current column only */
    public boolean isCurrent() {
        return !prefixMean && offset == 0;
    }

    /**
     * @param column the reading column t
     * @return the column read, for an offset read
     */
    public int source(int column) {
        return Math.max(column - offset, 0);
    }

    @Override
    public String toString() {
        return prefixMean ? "mean(0…t)" : offset == 0 ? "t" : "t−" + offset;
    }
}
