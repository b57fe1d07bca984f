package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link DjlAdam} against AdamW written out in doubles from its definition (Loshchilov and Hutter; optax.adamw). */
class DjlAdamTest {

    @ParameterizedTest(name = "weight decay {0}, gradient scale {1}")
    @CsvSource({"0, 1", "0.1, 1", "0.01, 0.25"})
    void threeUpdatesEqualAdamWWrittenOut(double weightDecay, double scale) {
        double beta1 = 0.9;
        double beta2 = 0.98;
        double epsilon = 1e-6;
        double[] p = {0.5, -1.25, 2.0};
        double[] m = new double[3];
        double[] v = new double[3];
        double[] rates = {1e-2, 5e-3, 2e-2};
        try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
            NDArray parameter = root.create(p.clone());
            parameter.setRequiresGradient(true);
            try (DjlAdam adam = new DjlAdam(Map.of("p", parameter), Device.cpu(), DataType.FLOAT64, beta1, beta2,
                    epsilon, weightDecay, root)) {
                for (int t = 1; t <= 3; t++) {
                    // loss = Σ p_j³ / 3, so the gradient is p_j² — a different gradient at each update.
                    try (NDManager scope = root.newSubManager();
                            GradientCollector collector = DjlDevices.engine().newGradientCollector()) {
                        collector.backward(parameter.pow(scope.create(3.0)).sum().div(scope.create(3.0)));
                    }
                    try (NDManager scope = root.newSubManager()) {
                        adam.update(scope, t, rates[t - 1], scale);
                    }
                    for (int j = 0; j < 3; j++) {
                        double g = scale * p[j] * p[j];
                        m[j] = beta1 * m[j] + (1 - beta1) * g;
                        v[j] = beta2 * v[j] + (1 - beta2) * g * g;
                        double mHat = m[j] / (1 - Math.pow(beta1, t));
                        double vHat = v[j] / (1 - Math.pow(beta2, t));
                        p[j] -= rates[t - 1] * (mHat / (Math.sqrt(vHat) + epsilon) + weightDecay * p[j]);
                    }
                    double[] actual = parameter.toDoubleArray();
                    for (int j = 0; j < 3; j++) {
                        // The kernel takes its scalars as float: agreement to float precision.
                        assertThat(actual[j]).as("p[%d] after update %d", j, t).isCloseTo(p[j], within(1e-6));
                    }
                    try (NDArray gradient = parameter.getGradient()) {
                        assertThat(gradient.toDoubleArray()).as("gradients are zeroed").containsOnly(0.0);
                    }
                }
            }
        }
    }
}
