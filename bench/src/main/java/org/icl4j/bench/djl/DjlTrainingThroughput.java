package org.icl4j.bench.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.icl4j.engine.djl.DjlAdam;
import org.icl4j.engine.djl.DjlDevices;
import org.icl4j.engine.djl.DjlTransformer;
import org.icl4j.engine.djl.TrainingSettings;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;

/**
 * Training throughput of the {@code djl} engine: tokens per second, model-FLOP utilisation (MFU) against the fp32
 * matmul peak measured in this process, and where a step's time goes.
 *
 * <p>Run: {@code java -cp CLASSPATH -Dai.djl.offline=true [-Dai.djl.pytorch.num_threads=N]
 * org.icl4j.bench.djl.DjlTrainingThroughput [steps] [spec …]}; with no specs it measures {@code tiny}, {@code quick}
 * and a width-256 model ({@code djl:preset=quick,layers=4,hidden=256,heads=4,pairs=40}) on d = 8 tasks.
 *
 * <p>Model FLOPs per step are counted from the architecture (docs/MODEL.md): per token and layer the q, k, v and
 * output projections (2·H·A each), the MLP (2·2·H·F) and per layer the T×T score and value products (2·2·T²·A);
 * a training step is three forward passes' worth (forward, and backward for inputs and weights). The step is timed in
 * phases: data (sampling and tokenising in Java), forward (under the gradient collector), backward, optimiser
 * (AdamW in NDArray operations). The JNI estimate multiplies the number of native arrays a step creates by the
 * measured cost of one trivial native operation.
 */
public final class DjlTrainingThroughput {

    private DjlTrainingThroughput() {
    }

    /**
     * @param args [steps] then zero or more learner specs
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<String> specs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            specs.add(args[i]);
        }
        if (specs.isEmpty()) {
            specs.add("djl:preset=tiny");
            specs.add("djl:preset=quick");
            specs.add("djl:preset=quick,layers=4,hidden=256,heads=4,pairs=40");
        }
        // The benchmark's own flag, applied as the djl engine's threads option would be.
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", DjlDevices.DEFAULT_THREADS);
        DjlDevices.useThreads(threads);
        System.out.printf(Locale.ROOT, "threads: %d (djl engine option threads), cores visible: %d%n", threads,
                Runtime.getRuntime().availableProcessors());
        double peak = matmulPeak();
        double operation = trivialOperationSeconds();
        System.out.printf(Locale.ROOT, "fp32 matmul peak: %.1f GFLOP/s; one trivial native op: %.1f µs%n", peak / 1e9,
                operation * 1e6);
        for (String spec : specs) {
            measure(TrainingSettings.fromSpec(Spec.parse(spec)), 8, steps, peak, operation, spec);
        }
    }

    /** @return the best of several timed 1024×1024 fp32 matrix products, in FLOP/s */
    static double matmulPeak() {
        int size = 1024;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlDevices.ENGINE_NAME)) {
            NDArray a = manager.randomNormal(new Shape(size, size));
            NDArray b = manager.randomNormal(new Shape(size, size));
            double best = Double.MAX_VALUE;
            for (int repeat = 0; repeat < 12; repeat++) {
                long began = System.nanoTime();
                try (NDArray product = a.matMul(b)) {
                    product.getFloat(0, 0);
                }
                best = Math.min(best, (System.nanoTime() - began) / 1e9);
            }
            return 2.0 * size * size * size / best;
        }
    }

    /** @return the median cost of one native operation on a one-element array */
    static double trivialOperationSeconds() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlDevices.ENGINE_NAME)) {
            NDArray one = manager.ones(new Shape(1));
            int count = 20_000;
            long began = System.nanoTime();
            try (NDManager scope = manager.newSubManager()) {
                NDArray current = one;
                for (int i = 0; i < count; i++) {
                    NDArray next = current.add(1f);
                    next.attach(scope);
                    current = next;
                }
                current.getFloat(0);
            }
            return (System.nanoTime() - began) / 1e9 / count;
        }
    }

    /**
     * @param config the model
     * @param pairs pairs per episode
     * @return matmul FLOPs of one forward pass over one episode
     */
    static double forwardFlops(TransformerConfig config, int pairs) {
        double tokens = TransformerConfig.tokens(pairs);
        double h = config.hidden();
        double a = config.attentionWidth();
        double f = config.mlpHidden();
        double perLayer = tokens * (2 * h * 3 * a + 2 * a * h + 2 * 2 * h * f) + 2 * 2 * tokens * tokens * a;
        return tokens * 2 * config.tokenWidth() * h + config.layers() * perLayer + tokens * 2 * h;
    }

    private static void measure(TrainingSettings settings, int dimension, int steps, double peak, double operation,
            String spec) {
        TransformerConfig config = settings.modelConfig(dimension);
        org.icl4j.api.Task task = BenchTasks.linear(dimension);
        int pairs = settings.model().pairs();
        int count = TransformerConfig.tokens(pairs);
        double data = 0;
        double forward = 0;
        double backward = 0;
        double optimiser = 0;
        long arrays = 0;
        int warmup = 5;
        try (NDManager root = NDManager.newBaseManager(Device.cpu(), DjlDevices.ENGINE_NAME);
                DjlTransformer model = new DjlTransformer(config, settings.model().initialisation().initialise(config, 1), root,
                        Device.cpu(), DataType.FLOAT32);
                DjlAdam adam = new DjlAdam(model, settings.optimiser().beta1(), settings.optimiser().beta2(), settings.optimiser().epsilon(),
                        settings.optimiser().weightDecay(), root)) {
            model.requireGradients();
            for (int step = 0; step < warmup + steps; step++) {
                long t0 = System.nanoTime();
                EpisodeBatch episodes = task.sample(settings.optimiser().batch(), pairs, Rng.of(1, step));
                float[] tokens = Tokens.encode(episodes, dimension);
                long t1 = System.nanoTime();
                long t2;
                long t3;
                long t4;
                try (NDManager scope = root.newSubManager()) {
                    NDArray input = model.tokens(scope, tokens, settings.optimiser().batch(), count);
                    NDArray labels = scope.create(episodes.ys(), new Shape(settings.optimiser().batch(), pairs));
                    try (GradientCollector collector = DjlDevices.engine().newGradientCollector()) {
                        NDArray loss = DjlTransformer.loss(model.forward(scope, input, null), labels);
                        loss.getFloat();
                        t2 = System.nanoTime();
                        collector.backward(loss);
                        model.parameters().get("input.weight").getGradient().attach(scope);
                        t3 = System.nanoTime();
                    }
                    adam.update(scope, step + 1, 1e-4, 1.0);
                    model.parameters().get("readout.bias").getFloat();
                    t4 = System.nanoTime();
                    if (step >= warmup) {
                        // Arrays made by the forward pass and the optimiser; backward's stay inside PyTorch.
                        arrays += scope.getManagedArrays().size();
                    }
                }
                if (step >= warmup) {
                    data += (t1 - t0) / 1e9;
                    forward += (t2 - t1) / 1e9;
                    backward += (t3 - t2) / 1e9;
                    optimiser += (t4 - t3) / 1e9;
                }
            }
        }
        double stepSeconds = (data + forward + backward + optimiser) / steps;
        double tokensPerSecond = settings.optimiser().batch() * (double) count / stepSeconds;
        double flops = 3 * forwardFlops(config, pairs) * settings.optimiser().batch();
        double utilisation = flops / stepSeconds / peak;
        double jni = arrays / (double) steps * operation;
        System.out.printf(Locale.ROOT, "%s%n  L=%d H=%d M=%d s=%d n=%d batch=%d params=%d: %.1f ms/step, %.0f tokens/s, "
                        + "%.2f GFLOP/s model = %.1f%% of peak%n"
                        + "  data %.1f%%, forward %.1f%%, backward %.1f%%, optimiser %.1f%%; native arrays/step %d, "
                        + "JNI estimate %.1f ms/step (%.1f%%)%n",
                spec, config.layers(), config.hidden(), config.heads(), config.headSize(), pairs, settings.optimiser().batch(),
                config.parameterCount(), stepSeconds * 1e3, tokensPerSecond, flops / stepSeconds / 1e9,
                100 * utilisation, 100 * data / steps / stepSeconds, 100 * forward / steps / stepSeconds,
                100 * backward / steps / stepSeconds, 100 * optimiser / steps / stepSeconds, arrays / steps,
                jni * 1e3, 100 * jni / stepSeconds);
    }
}
