package org.icl4j.bench.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.icl4j.bench.ResidentMemory;
import org.icl4j.engine.onnx.InContextRegressor;

/**
 * Resident memory over many predictions through the {@link InContextRegressor} facade from several threads at
 * once: each prediction is one {@code predict(xs, ys, query)} call with a random number of examples (0 to the
 * model's maximum) drawn from a seeded generator per thread, so every call is one ONNX Runtime run. Prints RSS
 * (VmRSS) and the JVM heap in use before the first prediction and every {@code every} predictions, then the
 * summary: at the start, after warm-up (the first row at or past 10% of the predictions), at the end, and the
 * maximum.
 *
 * <p>Usage: {@code OnnxFacadeMemory MODEL.onnx [predictions] [threads] [every]} (defaults 1 000 000, 8,
 * 50 000); the model needs a fixed d, e.g. one written by {@code icl4j export}.
 */
public final class OnnxFacadeMemory {

    private OnnxFacadeMemory() {
    }

    /**
     * @param args the model, then optionally predictions, threads and the reporting interval
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        long predictions = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long every = args.length > 3 ? Long.parseLong(args[3]) : 50_000;
        try (InContextRegressor regressor = InContextRegressor.load(model)) {
            int d = regressor.dimension();
            int maxPairs = regressor.maxPairs() > 0 ? regressor.maxPairs() : 40;
            if (d <= 0) {
                throw new IllegalArgumentException(model + " takes any d; export a model with a fixed d");
            }
            AtomicLong claimed = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            DoubleAdder checksum = new DoubleAdder();
            List<Thread> workers = new ArrayList<>();
            long began = System.nanoTime();
            System.out.printf(Locale.ROOT, "model %s (d = %d, up to %d pairs), %d predictions, %d threads%n", model,
                    d, maxPairs, predictions, threads);
            System.out.println("predictions, seconds, rss MiB, heap used MiB, heap committed MiB");
            double start = ResidentMemory.mebibytes();
            System.out.printf(Locale.ROOT, "0, 0.0, %.1f, %.1f, %.1f%n", start, ResidentMemory.heapUsedMebibytes(),
                    ResidentMemory.heapCommittedMebibytes());
            for (int t = 0; t < threads; t++) {
                Random random = new Random(1000 + t);
                Thread worker = new Thread(() -> {
                    while (claimed.getAndIncrement() < predictions) {
                        int k = random.nextInt(maxPairs);
                        double[][] xs = new double[k][d];
                        double[] ys = new double[k];
                        double[] query = new double[d];
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < d; j++) {
                                xs[i][j] = random.nextGaussian();
                            }
                            ys[i] = random.nextGaussian();
                        }
                        for (int j = 0; j < d; j++) {
                            query[j] = random.nextGaussian();
                        }
                        double y = regressor.predict(xs, ys, query);
                        if (!Double.isFinite(y)) {
                            throw new IllegalStateException("a prediction is " + y);
                        }
                        checksum.add(y);
                        completed.incrementAndGet();
                    }
                }, "predict-" + t);
                worker.start();
                workers.add(worker);
            }
            double warm = Double.NaN;
            double max = start;
            double last = start;
            long next = every;
            while (next <= predictions) {
                if (completed.get() >= next || workers.stream().noneMatch(Thread::isAlive)) {
                    last = ResidentMemory.mebibytes();
                    max = Math.max(max, last);
                    if (Double.isNaN(warm) && next >= predictions / 10) {
                        warm = last;
                    }
                    System.out.printf(Locale.ROOT, "%d, %.1f, %.1f, %.1f, %.1f%n", completed.get(),
                            (System.nanoTime() - began) / 1e9, last, ResidentMemory.heapUsedMebibytes(),
                            ResidentMemory.heapCommittedMebibytes());
                    next += every;
                    if (workers.stream().noneMatch(Thread::isAlive)) {
                        break;
                    }
                } else {
                    Thread.sleep(20);
                }
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (completed.get() != predictions) {
                throw new IllegalStateException("only " + completed.get() + " of " + predictions + " predictions ran");
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(Locale.ROOT, "RSS MiB: start %.0f, after warm-up %.0f, end %.0f, max %.0f; "
                    + "%.0f predictions/s (checksum %.6g)%n", start, warm, last, max, predictions / seconds,
                    checksum.sum());
        }
    }
}
