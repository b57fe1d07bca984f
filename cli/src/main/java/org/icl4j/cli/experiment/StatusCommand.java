package org.icl4j.cli.experiment;

import java.nio.file.Path;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.experiment.SuiteFolder;
import org.icl4j.experiment.slurm.SlurmCommands;
import org.icl4j.experiment.slurm.SlurmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code icl4j status DIR}: runs done, running, failed and pending, from the run folders and SLURM's queue. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Where a suite stands: runs done, running, pending and failed (with their error and log).")
public final class StatusCommand extends Icl4jCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The suite's folder.")
    Path suite;

    @Override
    protected int run() throws Exception {
        SlurmStatus.query(new SuiteFolder(suite), SlurmCommands.onPath()).lines().forEach(out()::println);
        return Icl4j.OK;
    }
}
