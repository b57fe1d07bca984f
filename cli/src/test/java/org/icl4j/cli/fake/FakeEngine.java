package org.icl4j.cli.fake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.icl4j.algorithms.estimator.RidgeRegression;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.MalformedCheckpointException;

/**
 * An inference engine named {@code fake} whose "models" are text files holding one number c: the loaded
 * estimator predicts c everywhere. A file holding {@code ridge λ} is a model that is ridge regression with that
 * penalty (so the algorithm nearest it is known). Any other text is malformed.
 */
public final class FakeEngine implements Engine {

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.INFERENCE);
    }

    /** Text files, by name. */
    @Override
    public boolean canLoad(Path model) {
        return model.getFileName() != null && model.getFileName().toString().endsWith(".txt");
    }

    @Override
    public Estimator load(Path model) throws IOException {
        String text = Files.readString(model).strip();
        if (text.startsWith("ridge ")) {
            double lambda;
            try {
                lambda = Double.parseDouble(text.substring("ridge ".length()));
            } catch (NumberFormatException e) {
                throw new MalformedCheckpointException("fake model " + model + " must be 'ridge LAMBDA', found '" + text + "'");
            }
            return new RidgeRegression("ridge-model-" + model.getFileName(), lambda);
        }
        float constant;
        try {
            constant = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new MalformedCheckpointException("fake model " + model + " must hold one number, found '" + text + "'");
        }
        String name = "constant-" + model.getFileName();
        return new Estimator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public float[] predictPrefixes(EpisodeBatch episodes) {
                float[] out = new float[episodes.batch() * episodes.length()];
                java.util.Arrays.fill(out, constant);
                return out;
            }
        };
    }

    /** Provides the fake engine at rank 1. */
    public static final class Provider implements EngineProvider {
        @Override
        public String getEngineName() {
            return "fake";
        }

        @Override
        public int getEngineRank() {
            return 1;
        }

        @Override
        public Engine getEngine() {
            return new FakeEngine();
        }
    }
}
