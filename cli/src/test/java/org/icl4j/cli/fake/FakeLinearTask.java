package org.icl4j.cli.fake;

import java.util.List;
import java.util.Optional;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.Parameter;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/** x ~ N(0, I), w ~ N(0, τ² I), y = w·x + N(0, σ²), drawn in a fixed order from the given generator. */
public record FakeLinearTask(int dimension, double noise, double tau) implements Task {

    @Override
    public String name() {
        return "fake-linear:d=" + dimension + ",noise=" + noise + ",tau=" + tau;
    }

    @Override
    public EpisodeBatch sample(int batch, int length, Rng random) {
        float[] xs = new float[batch * length * dimension];
        float[] ys = new float[batch * length];
        float[] ws = new float[batch * dimension];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < dimension; j++) {
                ws[b * dimension + j] = (float) (tau * random.nextGaussian());
            }
            for (int k = 0; k < length; k++) {
                double y = 0;
                for (int j = 0; j < dimension; j++) {
                    float x = (float) random.nextGaussian();
                    xs[(b * length + k) * dimension + j] = x;
                    y += x * ws[b * dimension + j];
                }
                ys[b * length + k] = (float) (y + noise * random.nextGaussian());
            }
        }
        return new EpisodeBatch(batch, length, dimension, xs, ys, ws, noise);
    }

    @Override
    public Optional<GaussianPrior> gaussianPrior() {
        return Optional.of(new GaussianPrior(noise, tau));
    }

    /** Creates the task from {@code fake-linear:d=…,noise=…,tau=…}. */
    public static final class Factory implements ComponentFactory<Task> {
        @Override
        public String name() {
            return "fake-linear";
        }

        @Override
        public String description() {
            return "test linear regression task";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("d", "8", "input dimension, >= 1"),
                    new Parameter("noise", "0", "label noise, >= 0"),
                    new Parameter("tau", "1", "weight scale, > 0"));
        }

        @Override
        public Task create(Spec spec, CreationContext context) {
            int d = spec.intValue("d", 8);
            if (d < 1) {
                throw new IllegalArgumentException("d must be >= 1, found " + d);
            }
            double noise = spec.doubleValue("noise", 0);
            if (noise < 0) {
                throw new IllegalArgumentException("noise must be >= 0, found " + noise);
            }
            double tau = spec.doubleValue("tau", 1);
            if (!(tau > 0)) {
                throw new IllegalArgumentException("tau must be > 0, found " + tau);
            }
            return new FakeLinearTask(d, noise, tau);
        }
    }
}
