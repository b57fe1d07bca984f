package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code aff(H; (i, j), (i′, j′), (i″, j″), W₁, W₂, b)}: in every column writes {@code W₁ h[first] + W₂ h[second]
 * + b} into rows {@code to} (docs/PAPER.md, Constructions). Either input may be absent (then it contributes zero), as
 * in the paper's {@code aff(; (), (), …, b = w)} that writes a constant.
 *
 * @param first rows of the first input, or null
 * @param firstWeights W₁, [|to|][|first|], or null with {@code first}
 * @param second rows of the second input, or null
 * @param secondWeights W₂, [|to|][|second|], or null with {@code second}
 * @param bias b, [|to|], or null for zero
 * @param to rows written
 */
public record Aff(RowRange first, double[][] firstWeights, RowRange second, double[][] secondWeights, double[] bias,
        RowRange to) implements Primitive, RawForm {

    /** Validates through the equivalent {@link Raw}. */
    public Aff {
        requireNonNull(to, "to is null");
        new Raw("aff", Raw.Operation.ADD, ColumnRead.CURRENT, first, firstWeights, second, secondWeights,
                Raw.identity(to.size()), bias, to);
    }

    @Override
    public String kind() {
        return "aff";
    }

    @Override
    public List<RowRange> ranges() {
        List<RowRange> ranges = new ArrayList<>();
        if (first != null) {
            ranges.add(first);
        }
        if (second != null) {
            ranges.add(second);
        }
        ranges.add(to);
        return ranges;
    }

    @Override
    public RowRange writeRows() {
        return to;
    }

    @Override
    public Raw toRaw() {
        return new Raw(kind(), Raw.Operation.ADD, ColumnRead.CURRENT, first, firstWeights, second, secondWeights,
                Raw.identity(to.size()), bias, to);
    }

    @Override
    public String toString() {
        return "aff(" + (first == null ? "()" : first) + ", " + (second == null ? "()" : second) + " → " + to + ")";
    }
}
