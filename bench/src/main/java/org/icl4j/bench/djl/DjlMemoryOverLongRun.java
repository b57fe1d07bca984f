package org.icl4j.bench.djl;

import java.nio.file.Path;
import java.util.Locale;
import org.icl4j.api.Spec;
import org.icl4j.api.TrainingOutcome;
import org.icl4j.api.TrainingRun;
import org.icl4j.api.TrainingListener;
import org.icl4j.bench.ResidentMemory;
import org.icl4j.engine.djl.DjlTransformerLearner;
import org.icl4j.engine.djl.TrainingSettings;

/**
 * Resident memory of a long training run: trains the {@code tiny} preset (or the given spec) for many updates and
 * prints the process's VmRSS (from /proc/self/status) and the JVM heap in use every {@code every} updates. A flat
 * RSS after warm-up shows that every step's native arrays are released.
 *
 * <p>Run: {@code java -cp CLASSPATH -Dai.djl.offline=true org.icl4j.bench.djl.DjlMemoryOverLongRun OUT_DIR steps
 * every [spec]}
 */
public final class DjlMemoryOverLongRun {

    private DjlMemoryOverLongRun() {
    }

    /**
     * @param args output folder, steps, reporting interval, optional learner spec
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long steps = Long.parseLong(args[1]);
        long every = Long.parseLong(args[2]);
        String spec = args.length > 3 ? args[3] : "djl:preset=tiny";
        TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse(spec))
                .with(java.util.Map.of("steps", String.valueOf(steps), "logEvery", String.valueOf(every)));
        long began = System.nanoTime();
        System.out.println("spec: " + settings.toSpec());
        System.out.println("step, seconds, rss MiB, heap used MiB");
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(long step, long totalSteps, double loss, double learningRate) {
                if (step % every == 0 || step == 1) {
                    System.out.printf(Locale.ROOT, "%d, %.1f, %.1f, %.1f%n", step, (System.nanoTime() - began) / 1e9,
                            ResidentMemory.mebibytes(), ResidentMemory.heapUsedMebibytes());
                }
            }
        };
        TrainingOutcome outcome = new DjlTransformerLearner(settings)
                .train(TrainingRun.of(BenchTasks.linear(2), out).withListener(listener));
        System.out.println("checkpoint: " + outcome.checkpoint());
    }
}
