package org.icl4j.transformer.construction;

import java.util.List;

/**
 * One step of a construction program: a function from the hidden-state matrix H (rows = features, columns =
 * time steps) to a new H that the compiler lowers to one transformer layer (docs/PAPER.md, Constructions; Lemma 1).
 *
 * <p>{@link Mov}, {@link Aff} and {@link Mul} are special cases of the general {@link Raw} operator
 * (Appendix C.3); {@link Div} is lowered separately, through LayerNorm (Appendix C.6).
 */
public sealed interface Primitive permits Raw, Mov, Aff, Mul, Div {

    /** @return the primitive's kind as the paper names it: mov, aff, mul, div or raw */
    String kind();

    /** @return every row range the primitive reads or writes */
    List<RowRange> ranges();

    /** @return the rows it writes */
    RowRange writeRows();

    /**
     * Checks that every range lies inside a hidden state of {@code rows} rows.
     *
     * @param rows the program's row count
     * @throws IllegalArgumentException naming the primitive and the offending rows
     */
    default void checkInside(int rows) {
        for (RowRange range : ranges()) {
            if (range.end() > rows) {
                throw new IllegalArgumentException(this + ": rows " + range
                        + " are out of range; the program has rows 0 … " + (rows - 1));
            }
        }
    }
}
