package org.icl4j.bench.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Plugin;
import org.icl4j.api.Rng;
import org.icl4j.engine.onnx.OnnxEngine;
import org.icl4j.engine.onnx.OnnxEstimator;
import org.icl4j.engine.onnx.OnnxOptions;
import org.icl4j.engine.onnx.export.OnnxExporter;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;

/**
 * Latency of one episode and throughput on batches, for every inference engine on the class path, on
 * transformers of two sizes with random weights (timings do not depend on the weights' values): the
 * {@code quick} training preset's architecture (L=4, H=64, M=4, F=256) and the same at width 256, both with
 * the authors' block, d = 8 and position tables for n pairs (the preset itself trains on 16 pairs; the table's
 * size does not change the work of an episode of n pairs).
 *
 * <p>Usage: {@code InferenceBenchmark [seconds-per-measurement] [pairs] [batch] [onnx-only]} (defaults 3, 40,
 * 64; {@code onnx-only} skips the other engines, for comparing ONNX Runtime settings or exports). For each
 * model it prints one row per engine setting: median and 90th-percentile latency of
 * {@code predictPrefixes} on one episode of n pairs, and episodes per second on batches. ONNX Runtime runs
 * with icl4j's default (one intra-operator thread) and with ONNX Runtime's own choice (one thread per physical
 * core); every other engine with its defaults (for DJL + PyTorch, {@code OMP_NUM_THREADS} sets its threads). The
 * engines' predictions are compared first, so the rows time the same computation.
 */
public final class InferenceBenchmark {

    /** The fewest warm-up calls before any measurement. */
    private static final int WARM_UP_CALLS = 10;

    private InferenceBenchmark() {
    }

    /** A model size to time. */
    record Model(String name, int layers, int hidden, int heads) {
    }

    /** One engine setting's results. */
    record Row(String model, String engine, double medianMillis, double p90Millis, double episodesPerSecond,
               double maxDifference) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args seconds per measurement, pairs n, batch size
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        boolean others = args.length <= 3 || !args[3].equals("onnx-only");
        int dimension = 8;
        List<Model> models = List.of(new Model("quick (L=4, H=64, M=4)", 4, 64, 4),
                new Model("wide (L=4, H=256, M=4)", 4, 256, 4));
        System.out.printf(Locale.ROOT, "JVM %s, %d processors, d=%d, n=%d, batch=%d, %.1f s per measurement%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), dimension, pairs, batch,
                seconds);
        List<Row> rows = new ArrayList<>();
        Path directory = Files.createTempDirectory("icl4j-bench");
        for (Model model : models) {
            TransformerConfig config = TransformerConfig.of(dimension, pairs, model.layers(), model.hidden(),
                    model.heads(), HeadSizeConvention.STANDARD, BlockVariant.AUTHORS);
            Path checkpoint = directory.resolve("model-" + model.hidden());
            new Checkpoint(config, "linear:d=" + dimension, null, Provenance.current(0), randomWeights(config), null)
                    .write(checkpoint);
            byte[] onnx = OnnxExporter.export(checkpoint, false);
            EpisodeBatch one = RandomCheckpoints.episodes(1, pairs, dimension, 1);
            EpisodeBatch many = RandomCheckpoints.episodes(batch, pairs, dimension, 2);
            Map<String, Estimator> estimators = new LinkedHashMap<>();
            estimators.put("onnx (default: 1 thread)", OnnxEstimator.load(onnx, "onnx", OnnxOptions.defaults()));
            estimators.put("onnx (threads: ORT's choice)",
                    OnnxEstimator.load(onnx, "onnx", OnnxOptions.defaults().withIntraOpThreads(0)));
            for (Engine engine : others ? otherEngines() : List.<Engine>of()) {
                estimators.put(engine.name(), engine.load(checkpoint));
            }
            float[] baseline = null;
            for (Map.Entry<String, Estimator> entry : estimators.entrySet()) {
                try (Estimator estimator = entry.getValue()) {
                    float[] predictions = estimator.predictPrefixes(many);
                    double difference = baseline == null ? 0 : maxDifference(baseline, predictions);
                    if (baseline == null) {
                        baseline = predictions;
                    }
                    double[] latency = latencies(estimator, one, seconds);
                    double throughput = throughput(estimator, many, seconds);
                    Row row = new Row(model.name(), entry.getKey(), percentile(latency, 0.5), percentile(latency, 0.9),
                            throughput, difference);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "%-24s %-26s median %7.3f ms  p90 %7.3f ms  %9.0f episodes/s"
                                    + "  max|Δ| vs first %.2e%n", row.model(), row.engine(), row.medianMillis(),
                            row.p90Millis(), row.episodesPerSecond(), row.maxDifference());
                }
            }
        }
        System.out.println();
        System.out.println("| model | engine | latency n=" + pairs + " median (ms) | p90 (ms) | throughput batch " + batch
                + " (episodes/s) |");
        System.out.println("|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.0f |%n", row.model(), row.engine(),
                    row.medianMillis(), row.p90Millis(), row.episodesPerSecond());
        }
    }

    /** Inference engines on the class path other than ONNX Runtime, found as the application finds them. */
    private static List<Engine> otherEngines() {
        List<Engine> engines = new ArrayList<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (EngineProvider provider : plugin.engines()) {
                if (!provider.getEngineName().equals(OnnxEngine.NAME)) {
                    Engine engine = provider.getEngine();
                    if (engine.hasCapability(Capability.INFERENCE)) {
                        engines.add(engine);
                    }
                }
            }
        }
        engines.sort(Comparator.comparing(Engine::name));
        return engines;
    }

    /** Per-call latencies in milliseconds, after a warm-up of a fifth of the time. */
    private static double[] latencies(Estimator estimator, EpisodeBatch episode, double seconds) {
        warmUp(estimator, episode, seconds);
        List<Double> samples = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            estimator.predictPrefixes(episode);
            samples.add((System.nanoTime() - start) / 1e6);
        }
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Episodes per second on full batches, after a warm-up. */
    private static double throughput(Estimator estimator, EpisodeBatch batch, double seconds) {
        warmUp(estimator, batch, seconds);
        long start = System.nanoTime();
        int calls = run(estimator, batch, seconds);
        return calls * (double) batch.batch() / ((System.nanoTime() - start) / 1e9);
    }

    private static int run(Estimator estimator, EpisodeBatch episodes, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int calls = 0;
        do {
            estimator.predictPrefixes(episodes);
            calls++;
        } while (System.nanoTime() < end);
        return calls;
    }

    /** Warms up for a fifth of the measuring time and at least {@value #WARM_UP_CALLS} calls (JIT, allocators). */
    private static void warmUp(Estimator estimator, EpisodeBatch episodes, double seconds) {
        run(estimator, episodes, seconds / 5);
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            estimator.predictPrefixes(episodes);
        }
    }

    private static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(fraction * sorted.length))];
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    /** GPT-2-style initialisation: N(0, 0.02²) weights, zero biases, unit LayerNorm weights. */
    private static Map<String, Tensor> randomWeights(TransformerConfig config) {
        Rng random = new Rng(42);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        config.tensorShapes().forEach((name, shape) -> {
            Tensor tensor = Tensor.zeros(shape);
            boolean norm = name.contains("norm");
            for (int i = 0; i < tensor.size(); i++) {
                if (norm) {
                    tensor.values()[i] = name.endsWith(".weight") ? 1f : 0f;
                } else if (name.endsWith(".weight")) {
                    tensor.values()[i] = (float) (0.02 * random.nextGaussian());
                }
            }
            weights.put(name, tensor);
        });
        return weights;
    }

}
