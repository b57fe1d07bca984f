package org.icl4j.transformer.construction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.transformer.ReferenceTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled programs, run by the double-precision {@link ReferenceTransformer}, against the interpreter (which
 * equals the reference algorithms to 1e-9, {@link LearningProgramsTest}).
 */
class CompilerTest {

    /**
     * At the default precision p = 30, GD and SGD measure at most 4e-6 for d ≤ 8 (docs/CONSTRUCTIONS.md);
     * 1e-4 leaves a wide margin for other episodes.
     */
    private static final double GRADIENT_TOLERANCE = 1e-4;

    /**
     * Sherman–Morrison ridge measures up to 3e-5 at p = 30 and d = 8 (docs/CONSTRUCTIONS.md): each product's
     * O(p⁻⁶) error is amplified through eight updates of (XᵀX + λI)⁻¹; 1e-3 leaves room for less favourable
     * episodes.
     */
    private static final double RIDGE_TOLERANCE = 1e-3;

    /**
     * One layer against its primitive, both starting from the compiled model's own hidden state: one product
     * at p = 30 is accurate to about 1e-8 relative, a division to about ‖h‖²/(4p⁶c²) ≈ 1e-7, and the weights
     * are rounded to float32 (6e-8 relative).
     */
    private static final double LAYER_TOLERANCE = 1e-5;

    /**
     * @param xs inputs [n][d]
     * @param ys labels [n]
     * @return the tokens of docs/MODEL.md, [2n − 1][d + 1]
     */
    static double[][] tokens(double[][] xs, double[] ys) {
        int n = xs.length;
        int d = xs[0].length;
        double[][] tokens = new double[2 * n - 1][d + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs[i], 0, tokens[2 * i], 1, d);
            if (2 * i + 1 < tokens.length) {
                tokens[2 * i + 1][0] = ys[i];
            }
        }
        return tokens;
    }

    private static List<Program> programs(int d) {
        return List.of(LearningPrograms.gradientDescent(d, 9, 0.05, 0, new double[d]),
                LearningPrograms.onlineSgd(d, 8, 0.05, 0.1), LearningPrograms.ridge(d, 8, 0.25));
    }

    /** @return the largest |compiled − interpreted| prediction over a few random episodes */
    private static double maxError(Program program, Precision precision, int episodes, long seed) {
        ReferenceTransformer model = ConstructionCompiler.compile(program, precision).reference();
        double max = 0;
        for (int e = 0; e < episodes; e++) {
            Rng random = new Rng(seed + e);
            double[][] xs = LearningProgramsTest.inputs(random, program.maxPairs(), program.dimension());
            double[] ys = LearningProgramsTest.labels(random, xs);
            double[] expected = Interpreter.predictions(program, xs, ys);
            double[] outputs = model.forward(tokens(xs, ys)).outputs();
            for (int i = 0; i < xs.length; i++) {
                max = Math.max(max, Math.abs(outputs[2 * i] - expected[i]));
            }
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void compiledProgramsMatchTheAlgorithmsAtTheDefaultPrecision(int d) {
        for (Program program : programs(d)) {
            double tolerance = program.name().startsWith("ridge") ? RIDGE_TOLERANCE : GRADIENT_TOLERANCE;
            assertThat(maxError(program, Precision.DEFAULT, 2, 300 + d)).as(program.name()).isLessThan(tolerance);
        }
    }

    @Test
    void errorShrinksAsPrecisionGrows() {
        // Until the float32 rounding of the weights is reached (about 3e-7 for GD and 5e-6 for ridge here, from
        // p ≈ 30 on), the error falls like p⁻⁶: measured 7e-4, 1e-4, 9e-6 (GD) and 4e-3, 5e-4, 5e-5 (ridge).
        for (Program program : List.of(LearningPrograms.gradientDescent(4, 9, 0.05, 0, new double[4]),
                LearningPrograms.ridge(3, 6, 0.25))) {
            double[] errors = {maxError(program, new Precision(7), 2, 7), maxError(program, new Precision(10), 2, 7),
                    maxError(program, new Precision(15), 2, 7)};
            assertThat(errors[1]).isLessThan(errors[0] / 3);
            assertThat(errors[2]).isLessThan(errors[1] / 3);
        }
    }

    @Test
    void everyLayerComputesItsPrimitive() {
        for (Program program : List.of(programs(3).get(0), programs(3).get(1), programs(3).get(2), exercise())) {
            // one layer at a time, from the compiled model's own input to that layer
            CompiledConstruction compiled = ConstructionCompiler.compile(program, Precision.DEFAULT);
            Rng random = new Rng(5);
            double[][] xs = LearningProgramsTest.inputs(random, program.maxPairs(), program.dimension());
            double[] ys = LearningProgramsTest.labels(random, xs);
            double[][][] hidden = compiled.reference().forward(tokens(xs, ys)).hidden();
            double[][] initial = Interpreter.initialState(program, xs, ys);
            assertClose(programRows(hidden[0], program.rows()), initial, program.name() + " embedding");
            for (int l = 0; l < program.layers(); l++) {
                Primitive step = program.steps().get(l);
                double[][] expected = Interpreter.apply(step, programRows(hidden[l], program.rows()));
                assertClose(programRows(hidden[l + 1], program.rows()), expected,
                        program.name() + " layer " + l + ": " + step);
            }
        }
    }

    /**
     * A program that reaches the compiler paths the three algorithms do not: an in-place product (GeLU bypass
     * in the MLP), a product with a prefix mean of an earlier column (scratch rows), RAW + with both terms and an
     * offset read, and a division by a negative divisor (about −3, kept away from zero).
     */
    private static Program exercise() {
        RowLayout layout = new RowLayout();
        RowRange y = layout.allocate("y", 1);
        RowRange x = layout.allocate("x", 2);
        RowRange a = layout.allocate("a", 2);
        RowRange b = layout.allocate("b", 1);
        RowRange c = layout.allocate("c", 2);
        RowRange q = layout.allocate("q", 2);
        RowRange prediction = layout.allocate("prediction", 1);
        List<Primitive> steps = List.of(
                new Mov(ColumnRead.back(1), x, a),
                new Aff(x, new double[][] {{-0.5, 0.25}}, y, new double[][] {{0.1}}, new double[] {-3}, b),
                new Mul(2, 1, 1, a, b, a),
                new Raw("raw", Raw.Operation.MULTIPLY, ColumnRead.PREFIX_MEAN, x, new double[][] {{1, 0}, {1, 1}},
                        b, new double[][] {{1}, {-2}}, new double[][] {{1, 0}, {0.5, 1}}, new double[] {0.25, 0}, c),
                new Raw("raw", Raw.Operation.ADD, ColumnRead.back(3), c, new double[][] {{1, 2}}, a,
                        new double[][] {{-1, 1}}, new double[][] {{1}, {3}}, new double[] {1, -1}, q),
                new Div(q, b, c),
                new Mul(1, 2, 1, c, x, prediction));
        return new Program("exercise", 2, 4, layout.rows(), x, y, Map.of(), steps, prediction, layout.ranges());
    }

    private static double[][] programRows(double[][] columnsByRow, int rows) {
        // the model's hidden state is [T][H]; the interpreter's is [rows][T]
        int columns = columnsByRow.length;
        double[][] result = new double[rows][columns];
        for (int t = 0; t < columns; t++) {
            for (int r = 0; r < rows; r++) {
                result[r][t] = columnsByRow[t][r];
            }
        }
        return result;
    }

    private static void assertClose(double[][] actual, double[][] expected, String what) {
        for (int r = 0; r < expected.length; r++) {
            for (int t = 0; t < expected[r].length; t++) {
                double scale = 1 + Math.abs(expected[r][t]);
                assertThat(actual[r][t]).as("%s, row %d, column %d", what, r, t)
                        .isCloseTo(expected[r][t], within(LAYER_TOLERANCE * scale));
            }
        }
    }

    @Test
    void sizesFollowTheTheoremsOrders() {
        for (int d : new int[] {2, 4, 8}) {
            TransformerConfig gd = ConstructionCompiler.compile(programs(d).get(0), Precision.DEFAULT).config();
            TransformerConfig sgd = ConstructionCompiler.compile(programs(d).get(1), Precision.DEFAULT).config();
            TransformerConfig ridge = ConstructionCompiler.compile(programs(d).get(2), Precision.DEFAULT).config();
            // Theorem 1: constant depth, O(d) width; repeated k times for SGD.
            assertThat(gd.layers()).isEqualTo(8);
            assertThat(gd.hidden()).isEqualTo(7 * d + 9);
            assertThat(gd.mlpHidden()).isEqualTo(9 * d);
            assertThat(sgd.layers()).isEqualTo(5 * 8 + 3);
            assertThat(sgd.hidden()).isEqualTo(5 * d + 8);
            // Theorem 2: O(d²) width, 9 layers per Sherman–Morrison update.
            assertThat(ridge.layers()).isEqualTo(9 * 8 + 6);
            assertThat(ridge.hidden()).isEqualTo(3 * d * d + 8 * d + 10);
            assertThat(ridge.headSize()).isEqualTo(Math.max(d * d + d, d * d + 3));
            assertThat(ridge.blockOverrides()).hasSize(8).containsValue(BlockVariant.PLAIN_MLP_NORM);
            assertThat(gd.blockOverrides()).isEmpty();
        }
    }

    @Test
    void writesACheckpointThatPredictsLikeTheInterpreter(@TempDir Path directory) throws IOException {
        Program program = LearningPrograms.ridge(3, 4, 0.5);
        CompiledConstruction compiled = ConstructionCompiler.compile(program, Precision.DEFAULT);
        Path target = directory.resolve("ridge");
        compiled.checkpoint("linear:d=3", Provenance.current(0)).write(target);
        ReferenceTransformer loaded = ReferenceTransformer.load(target);
        assertThat(loaded.config()).isEqualTo(compiled.config());

        Rng random = new Rng(17);
        int batch = 3;
        int n = program.maxPairs();
        float[] xs = new float[batch * n * 3];
        float[] ys = new float[batch * n];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) random.nextGaussian();
        }
        float[] predictions = loaded.predictPrefixes(EpisodeBatch.of(batch, n, 3, xs, ys));
        for (int b = 0; b < batch; b++) {
            double[][] episodeX = new double[n][3];
            double[] episodeY = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 3; j++) {
                    episodeX[i][j] = xs[(b * n + i) * 3 + j];
                }
                episodeY[i] = ys[b * n + i];
            }
            double[] expected = Interpreter.predictions(program, episodeX, episodeY);
            for (int i = 0; i < n; i++) {
                assertThat((double) predictions[b * n + i]).isCloseTo(expected[i], within(RIDGE_TOLERANCE));
            }
        }
    }
}
