package org.icl4j.engine.djl.probe;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.icl4j.api.LayerStates;
import org.icl4j.api.PrefixTargets;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.TrainedProbe;
import org.icl4j.engine.djl.DjlAdam;
import org.icl4j.engine.djl.DjlDevices;

/**
 * The paper's probe (Fig. 4 and 5), trained on DJL: for prefix k, a learned softmax attention over tokens
 * 0 … 2k − 1, with logits {@code a_k·h_t + c_{k,t}} (content and position), pools the hidden states; a value
 * projection {@code V_k} (H → H) follows, then either a linear head or a 2-layer MLP of width
 * {@link Settings#mlpWidth()} (512 in the paper) with GeLU. Every prefix has its own parameters; all prefixes are
 * trained side by side as one batched computation, which is the same as training them one by one because their
 * parameters and losses are separate and Adam updates every parameter on its own.
 *
 * <p>Causality: the logits of tokens ≥ 2k are −∞ before the softmax, so their weights are exactly 0 and the probe
 * of prefix k reads nothing after prefix k. Features are standardised per hidden unit and targets per prefix and
 * component with training statistics (so one learning rate suits every layer and target); predictions are
 * returned on the target's own scale. Training is full Adam (β = 0.9, 0.999, ε = 1e-8, no weight decay) on
 * mean squared error over minibatches drawn by a seeded shuffle, so the same settings give the same probe.
 */
public final class DjlAttentionProbe implements ProbeTrainer {

    /** The spec name of the MLP-head probe. */
    public static final String MLP_NAME = "attention-mlp";
    /** The spec name of the linear-head probe. */
    public static final String LINEAR_NAME = "attention-linear";

    /** What follows the attention and the value projection. */
    public enum Head {
        /** An affine map to the target. */
        LINEAR,
        /** Linear, GeLU, linear. */
        MLP
    }

    /**
     * Training settings.
     *
     * @param head the head
     * @param steps Adam updates, at least 1
     * @param batchSize episodes per update, at least 1
     * @param learningRate Adam's learning rate, &gt; 0 (the paper: 1e-3)
     * @param mlpWidth hidden width of the MLP head, at least 1 (the paper: 512)
     * @param seed seed of the initial weights and the minibatch order
     */
    public record Settings(Head head, int steps, int batchSize, double learningRate, int mlpWidth, long seed) {

        /** Validates the ranges. */
        public Settings {
            requireNonNull(head, "head is null");
            if (steps < 1) {
                throw new IllegalArgumentException("probe steps must be >= 1, found " + steps);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("probe batch size must be >= 1, found " + batchSize);
            }
            if (!(learningRate > 0 && Double.isFinite(learningRate))) {
                throw new IllegalArgumentException("probe learning rate must be > 0 and finite, found " + learningRate);
            }
            if (mlpWidth < 1) {
                throw new IllegalArgumentException("probe MLP width must be >= 1, found " + mlpWidth);
            }
        }

        /**
         * The paper's settings: Adam with learning rate 1e-3 and an MLP of width 512 when the head is an MLP.
         *
         * @param head the head
         * @param steps Adam updates
         * @param seed the seed
         * @return the settings, with minibatches of 64 episodes
         */
        public static Settings paper(Head head, int steps, long seed) {
            return new Settings(head, steps, 64, 1e-3, 512, seed);
        }
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Episodes per forward pass when predicting. */
    private static final int PREDICT_CHUNK = 256;

    private final Settings settings;
    private final Device device;

    /**
     * @param settings the training settings
     * @param device where to train and predict
     */
    public DjlAttentionProbe(Settings settings, Device device) {
        this.settings = requireNonNull(settings, "settings is null");
        this.device = requireNonNull(device, "device is null");
    }

    @Override
    public String name() {
        return settings.head() == Head.MLP ? MLP_NAME : LINEAR_NAME;
    }

    @Override
    public TrainedProbe train(LayerStates states, PrefixTargets targets) {
        ProbeTrainer.checkMatch(states, targets);
        Standardisation features = Standardisation.ofFeatures(states, LayerStates.tokensOfPrefix(targets.prefixes()));
        Standardisation outputs = Standardisation.ofTargets(targets);
        Trained trained = new Trained(features, outputs, targets.prefixes(), states.hidden(), targets.dimension());
        try {
            trained.fit(features.apply(states), outputs.targetsByPrefix(targets));
        } catch (RuntimeException e) {
            trained.close();
            throw e;
        }
        return trained;
    }

    /** The parameters of all prefixes' probes, in their own native memory. */
    private final class Trained implements TrainedProbe {
        private final Standardisation features;
        private final Standardisation outputs;
        private final int prefixes;
        private final int tokens;
        private final int hidden;
        private final int dimension;
        private final NDManager manager;
        private final Map<String, NDArray> parameters = new LinkedHashMap<>();
        private final NDArray mask;

        Trained(Standardisation features, Standardisation outputs, int prefixes, int hidden, int dimension) {
            this.features = features;
            this.outputs = outputs;
            this.prefixes = prefixes;
            this.tokens = LayerStates.tokensOfPrefix(prefixes);
            this.hidden = hidden;
            this.dimension = dimension;
            this.manager = DjlDevices.engine().newBaseManager(device);
            SplittableRandom random = new SplittableRandom(settings.seed());
            int k = prefixes;
            parameters.put("attention.content", manager.zeros(new Shape(hidden, k), DataType.FLOAT32));
            parameters.put("attention.position", manager.zeros(new Shape(k, tokens), DataType.FLOAT32));
            parameters.put("value.weight", uniform(random, k, hidden, hidden));
            parameters.put("value.bias", manager.zeros(new Shape(k, 1, hidden), DataType.FLOAT32));
            if (settings.head() == Head.MLP) {
                parameters.put("mlp.fc1.weight", uniform(random, k, hidden, settings.mlpWidth()));
                parameters.put("mlp.fc1.bias", manager.zeros(new Shape(k, 1, settings.mlpWidth()), DataType.FLOAT32));
                parameters.put("mlp.fc2.weight", uniform(random, k, settings.mlpWidth(), dimension));
            } else {
                parameters.put("head.weight", uniform(random, k, hidden, dimension));
            }
            parameters.put("head.bias", manager.zeros(new Shape(k, 1, dimension), DataType.FLOAT32));
            for (NDArray parameter : parameters.values()) {
                parameter.setRequiresGradient(true);
            }
            float[] masked = new float[k * tokens];
            for (int p = 1; p <= k; p++) {
                for (int t = LayerStates.tokensOfPrefix(p); t < tokens; t++) {
                    masked[(p - 1) * tokens + t] = Float.NEGATIVE_INFINITY;
                }
            }
            this.mask = manager.create(masked, new Shape(k, tokens));
        }

        /** U(−1/√fanIn, 1/√fanIn) per entry of a [k, fanIn, fanOut] stack, as PyTorch's Linear default. */
        private NDArray uniform(SplittableRandom random, int k, int fanIn, int fanOut) {
            float[] values = new float[k * fanIn * fanOut];
            double bound = 1 / Math.sqrt(fanIn);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            return manager.create(values, new Shape(k, fanIn, fanOut));
        }

        /** [B, tokens, H] → [K, B, dimension]. */
        private NDArray forward(NDArray states) {
            NDArray scores = states.matMul(parameters.get("attention.content")).transpose(0, 2, 1)
                    .add(parameters.get("attention.position")).add(mask);
            NDArray pooled = scores.softmax(2).matMul(states).transpose(1, 0, 2);
            NDArray value = pooled.matMul(parameters.get("value.weight")).add(parameters.get("value.bias"));
            if (settings.head() == Head.MLP) {
                NDArray inner = Activation.gelu(value.matMul(parameters.get("mlp.fc1.weight"))
                        .add(parameters.get("mlp.fc1.bias")));
                return inner.matMul(parameters.get("mlp.fc2.weight")).add(parameters.get("head.bias"));
            }
            return value.matMul(parameters.get("head.weight")).add(parameters.get("head.bias"));
        }

        /**
         * @param states standardised features [N, tokens, H]
         * @param targets standardised targets [K, N, dimension]
         */
        void fit(float[] states, float[] targets) {
            int episodes = states.length / (tokens * hidden);
            int batch = Math.min(settings.batchSize(), episodes);
            int[] order = new int[episodes];
            for (int i = 0; i < episodes; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
            int position = episodes;
            float[] x = new float[batch * tokens * hidden];
            float[] y = new float[prefixes * batch * dimension];
            try (DjlAdam adam = new DjlAdam(parameters, device, DataType.FLOAT32, BETA1, BETA2, EPSILON, 0.0, manager)) {
                for (int step = 1; step <= settings.steps(); step++) {
                    for (int b = 0; b < batch; b++) {
                        if (position == episodes) {
                            shuffle(order, random);
                            position = 0;
                        }
                        int i = order[position++];
                        System.arraycopy(states, i * tokens * hidden, x, b * tokens * hidden, tokens * hidden);
                        for (int k = 0; k < prefixes; k++) {
                            System.arraycopy(targets, (k * episodes + i) * dimension, y, (k * batch + b) * dimension,
                                    dimension);
                        }
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray input = scope.create(x, new Shape(batch, tokens, hidden));
                        NDArray label = scope.create(y, new Shape(prefixes, batch, dimension));
                        NDArray loss;
                        try (GradientCollector collector = DjlDevices.engine().newGradientCollector()) {
                            NDArray output = forward(input);
                            output.attach(scope);
                            loss = output.sub(label).square().mean();
                            collector.backward(loss);
                        }
                        if (!Float.isFinite(loss.getFloat())) {
                            throw new IllegalStateException("probe training diverged at update " + step
                                    + "; lower the probe learning rate");
                        }
                        adam.update(scope, step, settings.learningRate(), 1.0);
                    }
                }
            }
        }

        private static void shuffle(int[] order, SplittableRandom random) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }

        @Override
        public int prefixes() {
            return prefixes;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public double[] predict(LayerStates states) {
            if (states.hidden() != hidden || states.tokens() < tokens) {
                throw new IllegalArgumentException("the probe reads " + hidden + "-wide states of at least " + tokens
                        + " tokens, found width " + states.hidden() + " and " + states.tokens() + " tokens");
            }
            float[] standardised = features.apply(states);
            int episodes = states.episodes();
            double[] out = new double[episodes * prefixes * dimension];
            for (int first = 0; first < episodes; first += PREDICT_CHUNK) {
                int count = Math.min(PREDICT_CHUNK, episodes - first);
                float[] x = new float[count * tokens * hidden];
                System.arraycopy(standardised, first * tokens * hidden, x, 0, x.length);
                try (NDManager scope = manager.newSubManager()) {
                    NDArray output = forward(scope.create(x, new Shape(count, tokens, hidden)));
                    output.attach(scope);
                    float[] values = output.toFloatArray();
                    for (int k = 0; k < prefixes; k++) {
                        for (int b = 0; b < count; b++) {
                            for (int j = 0; j < dimension; j++) {
                                out[((first + b) * prefixes + k) * dimension + j] =
                                        outputs.restore(k * dimension + j, values[(k * count + b) * dimension + j]);
                            }
                        }
                    }
                }
            }
            return out;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
