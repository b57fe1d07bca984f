package org.icl4j.transformer.construction;


/**
 * A row whose value depends only on the column t, written by the position embedding (docs/PAPER.md, Model: learned
 * absolute positions). Programs use such rows where the data alone cannot tell columns apart.
 */
public enum PositionFeature {
    /**
     * 1 at the x token of every pair after the first (even t ≥ 2), else 0. Column 0 can only attend to itself,
     * so "the previous pair" read there is the query's own x; multiplying by this row discards it.
     */
    HAS_PAIR,
    /**
     * (t + 1) / P with P = 2·maxPairs positions: turns the prefix mean of uniform attention into a prefix sum
     * while keeping the multiplied value at most 1 (the GeLU product is most accurate for small inputs).
     */
    PREFIX_FRACTION;

    /**
     * @param column the column t
     * @param positions the number of positions P = 2·maxPairs
     * @return the feature's value at t
     */
    public double value(int column, int positions) {
        return switch (this) {
            case HAS_PAIR -> column >= 2 && column % 2 == 0 ? 1.0 : 0.0;
            case PREFIX_FRACTION -> (column + 1.0) / positions;
        };
    }
}
