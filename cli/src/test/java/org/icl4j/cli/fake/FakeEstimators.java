package org.icl4j.cli.fake;

import java.util.List;
import java.util.function.Function;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Hand-written estimators with obvious outputs. */
public final class FakeEstimators {

    private FakeEstimators() {
    }

    /** @return {@code fake-zero}: predicts 0 everywhere */
    public static ComponentFactory<Estimator> zero() {
        return new Factory("fake-zero", "predicts 0", List.of(),
                spec -> episodes -> new float[episodes.batch() * episodes.length()]);
    }

    /** @return {@code fake-mean}: {@code scale} times the mean of the labels seen so far (0 for k = 0) */
    public static ComponentFactory<Estimator> scaledMean() {
        return new Factory("fake-mean", "scale times the running mean of the labels",
                List.of(new Parameter("scale", "1", "factor, >= 0")), spec -> {
                    double scale = spec.doubleValue("scale", 1);
                    if (scale < 0) {
                        throw new IllegalArgumentException("scale must be >= 0, found " + scale);
                    }
                    return episodes -> {
                        int n = episodes.length();
                        float[] out = new float[episodes.batch() * n];
                        for (int b = 0; b < episodes.batch(); b++) {
                            double sum = 0;
                            for (int k = 0; k < n; k++) {
                                out[b * n + k] = k == 0 ? 0f : (float) (scale * sum / k);
                                sum += episodes.y(b, k);
                            }
                        }
                        return out;
                    };
                });
    }

    /**
     * @return {@code fake-failing}: fails while predicting, with an {@link IllegalStateException} (a failure) or,
     *     for {@code bad-input=true}, an {@link IllegalArgumentException}
     */
    public static ComponentFactory<Estimator> failing() {
        return new Factory("fake-failing", "throws while predicting",
                List.of(new Parameter("bad-input", "false", "throw IllegalArgumentException instead of IllegalStateException")),
                spec -> {
                    boolean badInput = spec.booleanValue("bad-input", false);
                    return episodes -> {
                        if (badInput) {
                            throw new IllegalArgumentException("episodes of dimension " + episodes.dimension()
                                    + " do not fit");
                        }
                        throw new IllegalStateException("internal state broken");
                    };
                });
    }

    /** The predictions of a fake estimator. */
    private interface Predictor {
        float[] predictPrefixes(EpisodeBatch episodes);
    }

    /**
     * A fake estimator factory: the estimator is named by its spec string (the bare name for a spec without
     * parameters) and predicts with what {@code predictor} makes of the spec (which also checks its values).
     */
    private record Factory(String name, String description, List<Parameter> parameters,
                           Function<Spec, Predictor> predictor) implements ComponentFactory<Estimator> {

        @Override
        public Estimator create(Spec spec, CreationContext context) {
            String estimatorName = spec.toString();
            Predictor predictions = predictor.apply(spec);
            return new Estimator() {
                @Override
                public String name() {
                    return estimatorName;
                }

                @Override
                public float[] predictPrefixes(EpisodeBatch episodes) {
                    return predictions.predictPrefixes(episodes);
                }
            };
        }
    }
}
