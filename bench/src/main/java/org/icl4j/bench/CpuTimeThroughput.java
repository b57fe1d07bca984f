package org.icl4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import org.icl4j.algorithms.BuiltinPlugin;
import org.icl4j.algorithms.EpisodeParallelism;
import org.icl4j.algorithms.task.GaussianLinearRegressionTask;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;

/**
 * Single-thread prefix predictions per CPU-second: the same work as {@link PrefixPredictionBenchmark#singleThread},
 * timed by the thread's CPU clock instead of the wall clock, so the figure holds on a machine whose cores are
 * shared with other jobs (time the thread spends preempted is not counted). Reports the best of repeated
 * 0.1-second measurements after a warm-up.
 *
 * <p>Usage: {@code java -Dicl4j.parallelism=1 -cp bench/target/benchmarks.jar org.icl4j.bench.CpuTimeThroughput
 * [seconds] [d …]}.
 */
public final class CpuTimeThroughput {

    private CpuTimeThroughput() {
    }

    /**
     * @param arguments optional measuring seconds per case (default 3), then dimensions (default 8 20)
     */
    public static void main(String[] arguments) {
        if (EpisodeParallelism.parallelism() != 1) {
            throw new IllegalStateException("run with -D" + EpisodeParallelism.PROPERTY
                    + "=1: CPU time is measured on the calling thread only");
        }
        double seconds = arguments.length > 0 ? Double.parseDouble(arguments[0]) : 3.0;
        int[] dimensions = arguments.length > 1
                ? java.util.Arrays.stream(arguments, 1, arguments.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 20};
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        int predictions = PrefixPredictionBenchmark.BATCH * PrefixPredictionBenchmark.PAIRS;
        for (int d : dimensions) {
            GaussianLinearRegressionTask task = GaussianLinearRegressionTask.standard(d, 0.0, 1.0);
            EpisodeBatch episodes = task.sample(PrefixPredictionBenchmark.BATCH, PrefixPredictionBenchmark.PAIRS,
                    new Rng(0));
            for (String text : new String[] {"ols", "ridge:lambda=0.1"}) {
                Spec spec = Spec.parse(text);
                ComponentFactory<Estimator> factory = new BuiltinPlugin().estimators().stream()
                        .filter(candidate -> candidate.name().equals(spec.name())).findFirst().orElseThrow();
                Estimator estimator = factory.create(spec, new CreationContext(task));
                long warmUpEnd = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < warmUpEnd) {
                    estimator.predictPrefixes(episodes);
                }
                double best = 0;
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    long start = clock.getCurrentThreadCpuTime();
                    int calls = 0;
                    long used;
                    do {
                        estimator.predictPrefixes(episodes);
                        calls++;
                        used = clock.getCurrentThreadCpuTime() - start;
                    } while (used < 100_000_000L);
                    best = Math.max(best, (double) calls * predictions / (used / 1e9));
                }
                System.out.printf(Locale.ROOT, "%-17s d=%-2d %8.2f million prefix predictions per CPU-second%n",
                        text, d, best / 1e6);
            }
        }
    }
}
