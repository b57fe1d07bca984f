package org.icl4j.engine.djl;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;

/** A hand-written linear regression task for tests: x ~ N(0, I), w ~ N(0, I), y = w·x + N(0, σ²). */
final class GaussianLinearTask implements Task {
    private final int dimension;
    private final double noise;

    GaussianLinearTask(int dimension, double noise) {
        this.dimension = dimension;
        this.noise = noise;
    }

    @Override
    public String name() {
        return "test-linear:d=" + dimension + ",noise=" + noise;
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
                ys[b * length + k] = (float) (y + noise * random.nextGaussian());
            }
        }
        return new EpisodeBatch(batch, length, dimension, xs, ys, ws, noise);
    }
}
