package org.icl4j.cli.fake;

import java.util.List;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/**
 * Squared error per k divided by d (SINGLE), and squared prediction difference per k divided by d (PAIR), each with
 * a normal-approximation 95% interval (mean ± 1.96 standard errors).
 */
public final class FakeSquaredError {

    private FakeSquaredError() {
    }

    private static MetricResult perK(String metric, String first, String second, Evaluation evaluation,
                                     float[] a, float[] b) {
        int batch = evaluation.episodes().batch();
        int n = evaluation.episodes().length();
        int d = evaluation.episodes().dimension();
        double[] mean = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            double sumSquares = 0;
            for (int e = 0; e < batch; e++) {
                double diff = a[e * n + k] - b[e * n + k];
                double value = diff * diff / d;
                sum += value;
                sumSquares += value * value;
            }
            mean[k] = sum / batch;
            double variance = batch > 1 ? (sumSquares - batch * mean[k] * mean[k]) / (batch - 1) : 0;
            double halfWidth = 1.96 * Math.sqrt(Math.max(variance, 0) / batch);
            lower[k] = mean[k] - halfWidth;
            upper[k] = mean[k] + halfWidth;
        }
        return new MetricResult(metric, first, second, false, mean, lower, upper);
    }

    /** @return squared error against the true labels ({@code fake-squared-error}, SINGLE) */
    public static ComponentFactory<Metric> single() {
        return new PerKFactory("fake-squared-error", "squared error / d", Metric.Arity.SINGLE);
    }

    /** @return squared prediction difference between two estimators ({@code fake-spd}, PAIR) */
    public static ComponentFactory<Metric> pair() {
        return new PerKFactory("fake-spd", "squared prediction difference / d", Metric.Arity.PAIR);
    }

    /** A per-k metric comparing the first estimator with the labels (SINGLE) or with the second estimator (PAIR). */
    private record PerKFactory(String name, String description, Metric.Arity arity)
            implements ComponentFactory<Metric> {

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Metric create(Spec spec, CreationContext context) {
            return new Metric() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Arity arity() {
                    return arity;
                }

                @Override
                public MetricResult compute(Evaluation evaluation, Estimator first, Estimator second) {
                    float[] against = arity == Arity.SINGLE ? evaluation.episodes().ys() : evaluation.predictions(second);
                    return perK(name, first.name(), arity == Arity.SINGLE ? null : second.name(), evaluation,
                            evaluation.predictions(first), against);
                }
            };
        }
    }
}
