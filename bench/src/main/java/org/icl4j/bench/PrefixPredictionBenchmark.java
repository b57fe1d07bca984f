package org.icl4j.bench;

import java.util.concurrent.TimeUnit;

import org.icl4j.algorithms.BuiltinPlugin;
import org.icl4j.algorithms.task.GaussianLinearRegressionTask;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Rng;
import org.icl4j.api.Spec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prefix predictions per second of the least-squares family (issue 2's performance target): one call predicts
 * every prefix of B = 1280 episodes of n = 40 pairs, so one operation is one prefix prediction. {@code allCores}
 * runs with the default parallelism (all available processors), {@code singleThread} in a JVM started with
 * {@code -Dicl4j.parallelism=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrefixPredictionBenchmark {

    /** Episodes per call. */
    public static final int BATCH = 1280;

    /** Pairs per episode. */
    public static final int PAIRS = 40;

    /** The estimator's spec string. */
    @Param({"ols", "ridge:lambda=0.1"})
    public String estimator;

    /** Input dimension d. */
    @Param({"8", "20"})
    public int dimension;

    private EpisodeBatch episodes;
    private Estimator underTest;

    /** Samples the episodes and creates the estimator from its spec, as the command line does. */
    @Setup
    public void setUp() {
        GaussianLinearRegressionTask task = GaussianLinearRegressionTask.standard(dimension, 0.0, 1.0);
        episodes = task.sample(BATCH, PAIRS, new Rng(0));
        Spec spec = Spec.parse(estimator);
        ComponentFactory<Estimator> factory = new BuiltinPlugin().estimators().stream()
                .filter(candidate -> candidate.name().equals(spec.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown estimator '" + spec.name() + "'"));
        underTest = factory.create(spec, new CreationContext(task));
    }

    /** @return every prefix prediction, using all cores */
    @Benchmark
    @OperationsPerInvocation(BATCH * PAIRS)
    public float[] allCores() {
        return underTest.predictPrefixes(episodes);
    }

    /** @return every prefix prediction, on one thread */
    @Benchmark
    @OperationsPerInvocation(BATCH * PAIRS)
    @Fork(value = 1, jvmArgsAppend = "-Dicl4j.parallelism=1")
    public float[] singleThread() {
        return underTest.predictPrefixes(episodes);
    }
}
