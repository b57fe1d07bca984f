package org.icl4j.cli.fake;

import java.util.List;
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

    /** Predicts 0 everywhere. */
    public static final class ZeroFactory implements ComponentFactory<Estimator> {
        @Override
        public String name() {
            return "fake-zero";
        }

        @Override
        public String description() {
            return "predicts 0";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Estimator create(Spec spec, CreationContext context) {
            return new Estimator() {
                @Override
                public String name() {
                    return "fake-zero";
                }

                @Override
                public float[] predictPrefixes(EpisodeBatch episodes) {
                    return new float[episodes.batch() * episodes.length()];
                }
            };
        }
    }

    /** Predicts {@code scale} times the mean of the labels seen so far (0 for k = 0). */
    public static final class ScaledMeanFactory implements ComponentFactory<Estimator> {
        @Override
        public String name() {
            return "fake-mean";
        }

        @Override
        public String description() {
            return "scale times the running mean of the labels";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("scale", "1", "factor, >= 0"));
        }

        @Override
        public Estimator create(Spec spec, CreationContext context) {
            double scale = spec.doubleValue("scale", 1);
            if (scale < 0) {
                throw new IllegalArgumentException("scale must be >= 0, found " + scale);
            }
            String name = spec.toString();
            return new Estimator() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public float[] predictPrefixes(EpisodeBatch episodes) {
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
                }
            };
        }
    }

    /** Fails while predicting: with an {@link IllegalStateException} (a failure) or, for {@code bad-input=true}, an {@link IllegalArgumentException}. */
    public static final class FailingFactory implements ComponentFactory<Estimator> {
        @Override
        public String name() {
            return "fake-failing";
        }

        @Override
        public String description() {
            return "throws while predicting";
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("bad-input", "false", "throw IllegalArgumentException instead of IllegalStateException"));
        }

        @Override
        public Estimator create(Spec spec, CreationContext context) {
            boolean badInput = spec.booleanValue("bad-input", false);
            String name = spec.toString();
            return new Estimator() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public float[] predictPrefixes(EpisodeBatch episodes) {
                    if (badInput) {
                        throw new IllegalArgumentException("episodes of dimension " + episodes.dimension() + " do not fit");
                    }
                    throw new IllegalStateException("internal state broken");
                }
            };
        }
    }
}
