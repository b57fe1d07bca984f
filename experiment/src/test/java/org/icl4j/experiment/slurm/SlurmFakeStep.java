package org.icl4j.experiment.slurm;

import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.RunRequest;
import org.icl4j.experiment.RunResult;
import org.icl4j.experiment.RunStep;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deterministic fake step, the same in the test JVM (local pool) and in the array tasks: a training writes its
 * seed as its "model"; an evaluation reads it back from the training's folder into known series. A training
 * holds while the suite folder has a file {@code hold-<run id>}, after writing {@code holding} into its folder,
 * so that a test can watch the queue or kill the task mid-run.
 */
final class SlurmFakeStep implements RunStep {
    @Override
    public RunResult run(RunRequest request, Cancellation cancellation) throws Exception {
        long seed = request.settings().integer("seed");
        if (request.kind().equals("train")) {
            Path hold = request.folder().getParent().getParent().resolve("hold-" + request.id().value());
            if (Files.exists(hold)) {
                Files.writeString(request.folder().resolve("holding"), "");
                long end = System.nanoTime() + 120_000_000_000L;
                while (Files.exists(hold)) {
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("held for 120 s and neither released nor killed");
                    }
                    Thread.sleep(50);
                }
            }
            Files.writeString(request.folder().resolve("model.txt"), String.valueOf(seed));
            return RunResult.builder().series("loss", 1.0 / (seed + 1)).build();
        }
        long trained = Long.parseLong(Files.readString(request.input().orElseThrow().folder().resolve("model.txt")));
        double ols = 0.1 * (trained + 1);
        return RunResult.builder().series("spd/ols", 0, ols, ols, ols).series("spd/ridge", 0, 0.5, 0.5, 0.5).build();
    }
}
