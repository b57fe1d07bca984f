package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;

/**
 * A program run by the exact {@link Interpreter}, as an {@link Estimator}: the middle term when a compiled model
 * is compared with the algorithm it implements (compiled ↔ interpreted measures the approximations,
 * interpreted ↔ algorithm the decomposition).
 */
public final class InterpretedProgram implements Estimator {

    private final Program program;

    /** @param program the program */
    public InterpretedProgram(Program program) {
        this.program = requireNonNull(program, "program is null");
    }

    @Override
    public String name() {
        return "interpreted:" + program.name();
    }

    @Override
    public float[] predictPrefixes(EpisodeBatch episodes) {
        int n = episodes.length();
        int d = episodes.dimension();
        if (d != program.dimension() || n > program.maxPairs()) {
            throw new IllegalArgumentException("program " + program.name() + " reads episodes of dimension "
                    + program.dimension() + " with at most " + program.maxPairs() + " pairs, found dimension " + d
                    + " and " + n + " pairs");
        }
        float[] result = new float[episodes.batch() * n];
        for (int b = 0; b < episodes.batch(); b++) {
            double[][] xs = new double[n][d];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    xs[i][j] = episodes.x(b, i, j);
                }
                ys[i] = episodes.y(b, i);
            }
            double[] predictions = Interpreter.predictions(program, xs, ys);
            for (int i = 0; i < n; i++) {
                result[b * n + i] = (float) predictions[i];
            }
        }
        return result;
    }
}
