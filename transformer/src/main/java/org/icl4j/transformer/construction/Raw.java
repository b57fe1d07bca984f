package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The Read–Arithmetic–Write operator of the paper's Appendix C.2, of which mov, aff and mul are special cases:
 * in every column t,
 * <pre>
 *   a = W_a · h_K(t)[read]          (read: attention to the columns of {@code read}, rows {@code readRows})
 *   b = W   · h_t[self]             (the current column's rows {@code selfRows})
 *   e = a ⊛ b                       (⊛ = + or elementwise ×)
 *   h'_t[write] = W_o · e + bias    (every other row is copied)
 * </pre>
 * With ⊛ = + a missing {@code readRows} or {@code selfRows} contributes zero; with ⊛ = × both are required.
 *
 * <p>All reads happen before the write, so writing over a range that is also read is allowed (the paper's
 * chains update w and the inverse in place), but a write range must either equal or be disjoint from each
 * range read: a partial overlap is refused as a likely indexing mistake.
 *
 * @param kind the name shown in messages: {@code raw}, or the special case it came from
 * @param operation ⊛
 * @param read which columns the {@code a} term reads
 * @param readRows rows of the {@code a} term, or null for none
 * @param readWeights W_a, [m][|readRows|], or null when {@code readRows} is null
 * @param selfRows rows of the {@code b} term, or null for none
 * @param selfWeights W, [m][|selfRows|], or null when {@code selfRows} is null
 * @param outputWeights W_o, [|write|][m]
 * @param bias [|write|], or null for zero
 * @param writeRows rows written
 */
public record Raw(String kind, Operation operation, ColumnRead read, RowRange readRows, double[][] readWeights,
        RowRange selfRows, double[][] selfWeights, double[][] outputWeights, double[] bias, RowRange writeRows)
        implements Primitive, RawForm {

    /** The element-wise operation ⊛ between the read term and the current-column term. */
    public enum Operation {
        /** e = a + b. */
        ADD,
        /** e = a ⊙ b (the GeLU multiplication of Lemma 4 in the transformer). */
        MULTIPLY
    }

    /** Validates shapes, causality and overlaps; messages name the primitive and its rows. */
    public Raw {
        requireNonNull(kind, "kind is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(read, "read is null");
        requireNonNull(outputWeights, "outputWeights is null");
        requireNonNull(writeRows, "writeRows is null");
        String what = kind + " (write " + writeRows + ")";
        if (!read.prefixMean() && read.offset() < 0) {
            throw new IllegalArgumentException(what + ": reads column t+" + (-read.offset())
                    + ", a later column; a transformer's causal attention reads only columns t−k with k >= 0");
        }
        if (operation == Operation.MULTIPLY && (readRows == null || selfRows == null)) {
            throw new IllegalArgumentException(what + ": an element-wise product needs both a read term and a "
                    + "current-column term");
        }
        if (readRows == null && !read.isCurrent()) {
            throw new IllegalArgumentException(what + ": reads column " + read + " but names no rows to read");
        }
        if ((readRows == null) != (readWeights == null) || (selfRows == null) != (selfWeights == null)) {
            throw new IllegalArgumentException(what + ": each term needs both its rows and its weights, or neither");
        }
        int m = outputWeights.length == 0 ? 0 : outputWeights[0].length;
        checkMatrix(what, "W_o", outputWeights, writeRows.size(), m);
        if (readRows != null) {
            checkMatrix(what, "W_a (rows " + readRows + ")", readWeights, m, readRows.size());
            checkWriteOverlap(what, readRows, writeRows);
        }
        if (selfRows != null) {
            checkMatrix(what, "W (rows " + selfRows + ")", selfWeights, m, selfRows.size());
            checkWriteOverlap(what, selfRows, writeRows);
        }
        if (bias != null && bias.length != writeRows.size()) {
            throw new IllegalArgumentException(what + ": bias must have " + writeRows.size() + " entries, found "
                    + bias.length);
        }
        readWeights = copy(readWeights);
        selfWeights = copy(selfWeights);
        outputWeights = copy(outputWeights);
        bias = bias == null ? new double[writeRows.size()] : bias.clone();
    }

    private static void checkMatrix(String what, String name, double[][] matrix, int rows, int columns) {
        if (matrix.length != rows) {
            throw new IllegalArgumentException(what + ": " + name + " must be " + rows + "×" + columns + ", found "
                    + matrix.length + " rows");
        }
        for (double[] row : matrix) {
            if (row.length != columns) {
                throw new IllegalArgumentException(what + ": " + name + " must be " + rows + "×" + columns
                        + ", found a row of " + row.length);
            }
            for (double value : row) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException(what + ": " + name + " must be finite, found " + value);
                }
            }
        }
    }

    static void checkWriteOverlap(String what, RowRange input, RowRange write) {
        if (write.overlaps(input) && !write.sameRows(input)) {
            throw new IllegalArgumentException(what + ": rows " + write + " partly overlap the input rows " + input
                    + "; a write range must equal an input range (in place) or be disjoint from it");
        }
    }

    private static double[][] copy(double[][] matrix) {
        if (matrix == null) {
            return null;
        }
        double[][] result = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            result[i] = matrix[i].clone();
        }
        return result;
    }

    /** @return m, the length of the element-wise term e */
    public int terms() {
        return outputWeights.length == 0 ? 0 : outputWeights[0].length;
    }

    @Override
    public List<RowRange> ranges() {
        List<RowRange> ranges = new ArrayList<>();
        if (readRows != null) {
            ranges.add(readRows);
        }
        if (selfRows != null) {
            ranges.add(selfRows);
        }
        ranges.add(writeRows);
        return ranges;
    }

    @Override
    public Raw toRaw() {
        return this;
    }

    @Override
    public String toString() {
        return kind + "(" + operation.name().toLowerCase() + ", read " + read + " "
                + (readRows == null ? "-" : readRows.toString()) + ", self " + (selfRows == null ? "-" : selfRows)
                + " → " + writeRows + ")";
    }

    /**
     * @param size n
     * @return the n×n identity
     */
    static double[][] identity(int size) {
        double[][] result = new double[size][size];
        for (int i = 0; i < size; i++) {
            result[i][i] = 1;
        }
        return result;
    }
}
