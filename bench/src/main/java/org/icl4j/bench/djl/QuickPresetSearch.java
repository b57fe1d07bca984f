package org.icl4j.bench.djl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.icl4j.algorithms.estimator.LeastSquares;
import org.icl4j.api.Spec;
import org.icl4j.api.TrainingOutcome;
import org.icl4j.api.TrainingRun;
import org.icl4j.api.TrainingListener;
import org.icl4j.engine.djl.DjlTransformerLearner;
import org.icl4j.engine.djl.TrainingSettings;

/**
 * The search behind the {@code quick} preset: trains each candidate on noise-free d-dimensional linear regression
 * and prints, at every evaluation, the elapsed minutes, the model's squared error/d and its SPD/d against
 * minimum-norm least squares at k ≥ d (docs/PAPER.md, "Metrics").
 *
 * <p>Run: {@code java -cp CLASSPATH -Dai.djl.offline=true org.icl4j.bench.djl.QuickPresetSearch OUT_DIR d spec …}
 */
public final class QuickPresetSearch {

    private QuickPresetSearch() {
    }

    /**
     * @param args the output folder, the task dimension d, then learner specs
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int dimension = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            String spec = args[i];
            TrainingSettings settings = TrainingSettings.fromSpec(Spec.parse(spec));
            Path run = out.resolve("candidate-" + (i - 1));
            Files.createDirectories(out);
            long began = System.nanoTime();
            System.out.println("candidate " + (i - 1) + ": " + spec);
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onEvaluation(long step, String summary) {
                    System.out.printf(Locale.ROOT, "  step %6d  %6.2f min  %s%n", step,
                            (System.nanoTime() - began) / 6e10, summary);
                }
            };
            try (LeastSquares baseline = new LeastSquares()) {
                TrainingOutcome outcome = new DjlTransformerLearner(settings).train(TrainingRun.of(
                        BenchTasks.linear(dimension), run).withBaseline(baseline).withListener(listener));
                System.out.printf(Locale.ROOT, "  done in %.2f min; checkpoint %s%n",
                        (System.nanoTime() - began) / 6e10, outcome.checkpoint());
            }
        }
    }
}
