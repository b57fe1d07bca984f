package org.icl4j.cli.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.icl4j.experiment.ExperimentSpec;
import org.icl4j.experiment.Scale;
import org.icl4j.experiment.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j reproduce}: the paper's figures from the specs in {@code experiments/}, each training shared by
 * several figures run once, resumable, with {@code report.html} and {@code claims.json} (docs/EXPERIMENTS.md).
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Reproduce the paper's figures and check its claims (docs/REPRODUCTION.md).")
public final class ReproduceCommand extends SuiteCommand {

    @Option(names = "--scale", paramLabel = "smoke|quick|paper", defaultValue = "smoke",
            description = "smoke (default; every figure end to end in minutes, claims not expected to hold), quick "
                    + "(2 CPU cores, about an hour), paper (GPUs: prints its run count and cost; runs with --executor slurm).")
    String scale;

    @Option(names = "--only", paramLabel = "FIG,…", split = ",", description = "Only these experiments, e.g. fig2,fig3.")
    List<String> only = new ArrayList<>();

    @Option(names = "--experiments", paramLabel = "DIR",
            description = "The folder of experiment specs (default: the checkout's experiments/).")
    Path experiments;

    @Override
    List<ExperimentSpec> specs() throws Exception {
        Path folder = experiments != null ? experiments : Launcher.root().resolve("experiments");
        return Suite.read(folder, new LinkedHashSet<>(only));
    }

    @Override
    Scale scale() {
        return Scale.of(scale);
    }
}
