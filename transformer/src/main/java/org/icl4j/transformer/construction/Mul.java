package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code mul(H; a, b, c, (i, j), (i′, j′), (i″, j″))}: in every column reads the a×b matrix A₁ (row-major) from
 * rows {@code left} and the b×c matrix A₂ from rows {@code right}, and writes A₁A₂ (a×c, row-major) into rows
 * {@code to} (docs/PAPER.md, Constructions). As a {@link Raw} operator it is a×b×c element-wise products followed by
 * a summing output map: the paper's parallel dot products (Appendix C.5).
 *
 * @param a rows of A₁
 * @param b columns of A₁ = rows of A₂
 * @param c columns of A₂
 * @param left rows holding A₁, a·b of them
 * @param right rows holding A₂, b·c of them
 * @param to rows written, a·c of them
 */
public record Mul(int a, int b, int c, RowRange left, RowRange right, RowRange to) implements Primitive, RawForm {

    /** Validates the matrix sizes against the row ranges. */
    public Mul {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(to, "to is null");
        String what = "mul " + a + "×" + b + " · " + b + "×" + c + " (" + left + " · " + right + " → " + to + ")";
        if (a < 1 || b < 1 || c < 1) {
            throw new IllegalArgumentException(what + ": matrix sizes must be >= 1");
        }
        if (left.size() != a * b || right.size() != b * c || to.size() != a * c) {
            throw new IllegalArgumentException(what + ": needs " + (a * b) + ", " + (b * c) + " and " + (a * c)
                    + " rows, found " + left.size() + ", " + right.size() + " and " + to.size());
        }
        Raw.checkWriteOverlap(what, left, to);
        Raw.checkWriteOverlap(what, right, to);
    }

    @Override
    public String kind() {
        return "mul";
    }

    @Override
    public List<RowRange> ranges() {
        return List.of(left, right, to);
    }

    @Override
    public RowRange writeRows() {
        return to;
    }

    @Override
    public Raw toRaw() {
        int m = a * b * c;
        double[][] readWeights = new double[m][a * b];
        double[][] selfWeights = new double[m][b * c];
        double[][] outputWeights = new double[a * c][m];
        int k = 0;
        for (int p = 0; p < a; p++) {
            for (int r = 0; r < c; r++) {
                for (int q = 0; q < b; q++) {
                    readWeights[k][p * b + q] = 1;
                    selfWeights[k][q * c + r] = 1;
                    outputWeights[p * c + r][k] = 1;
                    k++;
                }
            }
        }
        return new Raw(kind(), Raw.Operation.MULTIPLY, ColumnRead.CURRENT, left, readWeights, right, selfWeights,
                outputWeights, null, to);
    }

    @Override
    public String toString() {
        return "mul(" + a + ", " + b + ", " + c + ", " + left + ", " + right + " → " + to + ")";
    }
}
