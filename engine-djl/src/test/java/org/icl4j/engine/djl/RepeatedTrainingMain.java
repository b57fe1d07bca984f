package org.icl4j.engine.djl;

import java.nio.file.Path;
import org.icl4j.algorithms.task.GaussianLinearRegressionTask;
import org.icl4j.api.Spec;
import org.icl4j.api.TrainingOutcome;
import org.icl4j.api.TrainingRun;

/**
 * The child JVM of {@link TrainingDeterminismTest}: trains {@code args[1]} (a learner spec) on linear regression
 * with d = 4 into the run folder {@code args[0]} while another thread collects garbage every millisecond, so that
 * any native memory whose only owner is an unreachable Java object is freed during the run.
 */
final class RepeatedTrainingMain {

    private RepeatedTrainingMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread collector = new Thread(() -> {
            while (true) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "garbage-collection-stress");
        collector.setDaemon(true);
        collector.start();
        DjlTransformerLearner learner = new DjlTransformerLearner(TrainingSettings.fromSpec(Spec.parse(args[1])));
        TrainingOutcome outcome = learner.train(TrainingRun.of(GaussianLinearRegressionTask.standard(4, 0.0, 1.0),
                Path.of(args[0])));
        System.out.println("trained " + outcome.checkpoint());
    }
}
