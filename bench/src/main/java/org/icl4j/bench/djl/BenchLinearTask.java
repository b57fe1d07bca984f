package org.icl4j.bench.djl;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;

/** The paper's task for measurements: x ~ N(0, I_d), w ~ N(0, I_d), y = w·x (PAPER.md, "Tasks"). */
final class BenchLinearTask implements Task {
    private final int dimension;

    BenchLinearTask(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return "bench-linear:d=" + dimension + ",noise=0";
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public EpisodeBatch sample(int batch, int length, Rng random) {
        float[] xs = new float[batch * length * dimension];
        float[] ys = new float[batch * length];
        float[] ws = new float[batch * dimension];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < dimension; j++) {
                ws[b * dimension + j] = (float) random.nextGaussian();
            }
            for (int k = 0; k < length; k++) {
                double y = 0;
                for (int j = 0; j < dimension; j++) {
                    float x = (float) random.nextGaussian();
                    xs[(b * length + k) * dimension + j] = x;
                    y += (double) ws[b * dimension + j] * x;
                }
                ys[b * length + k] = (float) y;
            }
        }
        return new EpisodeBatch(batch, length, dimension, xs, ys, ws, 0.0);
    }
}
