package org.icl4j.cli.experiment;

import java.nio.file.Path;
import java.util.List;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code icl4j sweep}: a user's own grid, one experiment spec, through the same engine as {@code reproduce}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a grid of trainings and evaluations from one experiment spec (docs/EXPERIMENTS.md).")
public final class SweepCommand extends SuiteCommand {

    @Option(names = "--spec", paramLabel = "FILE.yaml", required = true, description = "The experiment spec.")
    Path spec;

    @Option(names = "--scale", paramLabel = "smoke|quick|paper", defaultValue = "smoke",
            description = "Which of the spec's scales to run, default smoke.")
    String scale;

    @Override
    List<ExperimentSpec> specs() throws Exception {
        return List.of(ExperimentSpec.read(spec));
    }

    @Override
    Scale scale() {
        return Scale.of(scale);
    }
}
