package org.icl4j.transformer.construction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each primitive on small hand-worked matrices, and the validation of bad programs. */
class InterpreterTest {

    private static final double EXACT = 1e-15;

    /** A 6-row, 4-column state whose entry (r, t) is 10·r + t + 1. */
    private static double[][] state() {
        double[][] h = new double[6][4];
        for (int r = 0; r < 6; r++) {
            for (int t = 0; t < 4; t++) {
                h[r][t] = 10 * r + t + 1;
            }
        }
        return h;
    }

    @Test
    void movCopiesFromAnEarlierColumnAndClampsAtTheStart() {
        double[][] out = Interpreter.apply(new Mov(ColumnRead.back(2), new RowRange("a", 0, 2),
                new RowRange("b", 4, 6)), state());
        // column t reads column max(t − 2, 0): columns 0, 1 read column 0; 2 reads 0; 3 reads 1
        assertThat(out[4]).containsExactly(1, 1, 1, 2);
        assertThat(out[5]).containsExactly(11, 11, 11, 12);
        assertThat(out[0]).containsExactly(1, 2, 3, 4);
    }

    @Test
    void movWithPrefixMeanAveragesEveryColumnSoFar() {
        double[][] out = Interpreter.apply(new Mov(ColumnRead.PREFIX_MEAN, new RowRange("a", 1, 2),
                new RowRange("b", 5, 6)), state());
        assertThat(out[5]).containsExactly(11, 11.5, 12, 12.5);
    }

    @Test
    void mulMultipliesMatricesStoredRowMajor() {
        double[][] h = new double[9][1];
        // A1 = [[1, 2], [3, 4]] in rows 0-3, A2 = [5, 6]ᵀ in rows 4-5
        double[] values = {1, 2, 3, 4, 5, 6};
        for (int i = 0; i < values.length; i++) {
            h[i][0] = values[i];
        }
        double[][] out = Interpreter.apply(new Mul(2, 2, 1, new RowRange("A1", 0, 4), new RowRange("A2", 4, 6),
                new RowRange("out", 6, 8)), h);
        assertThat(out[6][0]).isCloseTo(17, within(EXACT));
        assertThat(out[7][0]).isCloseTo(39, within(EXACT));
    }

    @Test
    void affAndDivFollowTheirFormulas() {
        double[][] h = {{2, -4}, {6, 8}, {0, 0}, {0, 0}};
        double[][] aff = Interpreter.apply(new Aff(new RowRange("a", 0, 1), new double[][] {{3}},
                new RowRange("b", 1, 2), new double[][] {{-1}}, new double[] {0.5}, new RowRange("c", 2, 3)), h);
        assertThat(aff[2]).containsExactly(3 * 2 - 6 + 0.5, 3 * -4 - 8 + 0.5);
        double[][] div = Interpreter.apply(new Div(new RowRange("n", 1, 2), new RowRange("d", 0, 1),
                new RowRange("q", 3, 4)), h);
        assertThat(div[3]).containsExactly(3, 2);
    }

    @Test
    void rawMultipliesAnEarlierColumnWithTheCurrentOne() {
        double[][] h = {{1, 2, 3}, {10, 20, 30}, {0, 0, 0}};
        Raw raw = new Raw("raw", Raw.Operation.MULTIPLY, ColumnRead.back(1), new RowRange("a", 0, 1),
                new double[][] {{1}}, new RowRange("b", 1, 2), new double[][] {{1}}, new double[][] {{2}},
                new double[] {1}, new RowRange("c", 2, 3));
        assertThat(Interpreter.apply(raw, h)[2]).containsExactly(2 * 1 * 10 + 1, 2 * 1 * 20 + 1, 2 * 2 * 30 + 1);
    }

    @Test
    void badPrimitivesAreRefusedNamingThePrimitiveAndTheRows() {
        RowRange a = new RowRange("a", 0, 3);
        assertThatThrownBy(() -> new Mov(ColumnRead.back(-1), a, new RowRange("b", 3, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mov").hasMessageContaining("a[0:3)").hasMessageContaining("later column");
        assertThatThrownBy(() -> new Mov(ColumnRead.back(1), a, new RowRange("b", 2, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mov").hasMessageContaining("b[2:5)").hasMessageContaining("partly overlap");
        assertThatThrownBy(() -> new Mul(2, 2, 1, new RowRange("A1", 0, 4), new RowRange("A2", 4, 7),
                new RowRange("o", 7, 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mul").hasMessageContaining("A2[4:7)");
        assertThatThrownBy(() -> new Div(new RowRange("n", 0, 2), new RowRange("c", 2, 3), new RowRange("o", 1, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("div").hasMessageContaining("o[1:3)").hasMessageContaining("overlap");
        assertThatThrownBy(() -> new Aff(a, new double[][] {{1, 2}}, null, null, null, new RowRange("o", 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aff").hasMessageContaining("a[0:3)");
    }

    @Test
    void rowsOutsideTheProgramAreRefused() {
        RowLayout layout = new RowLayout();
        RowRange y = layout.allocate("y", 1);
        RowRange x = layout.allocate("x", 2);
        RowRange prediction = layout.allocate("prediction", 1);
        Mov outside = new Mov(ColumnRead.back(1), x, new RowRange("beyond", 4, 6));
        assertThatThrownBy(() -> new Program("bad", 2, 3, layout.rows(), x, y, java.util.Map.of(),
                java.util.List.of(outside), prediction, layout.ranges()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mov").hasMessageContaining("beyond[4:6)").hasMessageContaining("out of range");
        assertThatThrownBy(() -> layout.allocate("x", 1)).hasMessageContaining("already allocated");
    }
}
