package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code div(H; (i, j), i′, (i″, j″))}: in every column writes rows {@code numerator} divided by the absolute
 * value of row {@code divisor} into rows {@code to} (docs/PAPER.md, Constructions). The compiler lowers it through
 * LayerNorm (Appendix C.6), which zeroes the target before normalising, so the target must be disjoint from
 * both inputs.
 *
 * @param numerator rows divided
 * @param divisor a single row
 * @param to rows written, as many as {@code numerator}
 */
public record Div(RowRange numerator, RowRange divisor, RowRange to) implements Primitive {

    /** Validates sizes and overlaps. */
    public Div {
        requireNonNull(numerator, "numerator is null");
        requireNonNull(divisor, "divisor is null");
        requireNonNull(to, "to is null");
        String what = "div " + numerator + " / |" + divisor + "| → " + to;
        if (divisor.size() != 1) {
            throw new IllegalArgumentException(what + ": the divisor must be a single row, found " + divisor.size());
        }
        if (numerator.size() != to.size()) {
            throw new IllegalArgumentException(what + ": source and target must have as many rows, found "
                    + numerator.size() + " and " + to.size());
        }
        if (to.overlaps(numerator) || to.overlaps(divisor)) {
            throw new IllegalArgumentException(what + ": rows " + to + " overlap the input rows; div needs a target "
                    + "disjoint from " + numerator + " and " + divisor);
        }
    }

    @Override
    public String kind() {
        return "div";
    }

    @Override
    public List<RowRange> ranges() {
        return List.of(numerator, divisor, to);
    }

    @Override
    public RowRange writeRows() {
        return to;
    }

    @Override
    public String toString() {
        return "div(" + numerator + ", " + divisor + " → " + to + ")";
    }
}
