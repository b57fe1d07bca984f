package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code mov(H; s, t, (i, j), (i′, j′))}: copies rows {@code from} of an earlier column into rows {@code to} of
 * the current one (docs/PAPER.md, Constructions). A transformer layer applies the same attention pattern in every
 * column, so the paper's source and target columns become a column offset t − s ≥ 0, or a mean over every
 * column up to t ({@link ColumnRead}).
 *
 * @param read which column(s) to copy from
 * @param from rows read
 * @param to rows written, as many as {@code from}
 */
public record Mov(ColumnRead read, RowRange from, RowRange to) implements Primitive, RawForm {

    /** Validates sizes and causality. */
    public Mov {
        requireNonNull(read, "read is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("mov " + from + " → " + to + ": source and target must have as many "
                    + "rows, found " + from.size() + " and " + to.size());
        }
        if (!read.prefixMean() && read.offset() < 0) {
            throw new IllegalArgumentException("mov " + from + " → " + to + ": reads column t+" + (-read.offset())
                    + ", a later column; a transformer's causal attention reads only columns t−k with k >= 0");
        }
        Raw.checkWriteOverlap("mov " + from + " → " + to, from, to);
    }

    @Override
    public String kind() {
        return "mov";
    }

    @Override
    public List<RowRange> ranges() {
        return List.of(from, to);
    }

    @Override
    public RowRange writeRows() {
        return to;
    }

    @Override
    public Raw toRaw() {
        return new Raw(kind(), Raw.Operation.ADD, read, from, Raw.identity(from.size()), null, null,
                Raw.identity(to.size()), null, to);
    }

    @Override
    public String toString() {
        return "mov(" + read + ", " + from + " → " + to + ")";
    }
}
