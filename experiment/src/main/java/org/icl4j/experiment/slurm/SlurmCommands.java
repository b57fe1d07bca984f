package org.icl4j.experiment.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs SLURM's client commands ({@code sbatch}, {@code squeue}, {@code sacct}, {@code scancel}), found on a
 * search path, each with a time limit, and returns what they printed.
 */
public final class SlurmCommands {
    private static final long TIMEOUT_SECONDS = 120;
    private final String searchPath;

    /** @param searchPath where the commands are looked up, in the format of {@code PATH} */
    public SlurmCommands(String searchPath) {
        this.searchPath = requireNonNull(searchPath, "searchPath is null");
    }

    /** @return commands found on this process's {@code PATH} */
    public static SlurmCommands onPath() {
        String path = System.getenv("PATH");
        return new SlurmCommands(path == null ? "" : path);
    }

    /**
     * @param name a command, such as {@code sbatch}
     * @return its executable on the search path, if there is one
     */
    public Optional<Path> find(String name) {
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a command, such as {@code sbatch}
     * @return its executable on the search path
     * @throws SlurmException when it is not there
     */
    public Path require(String name) throws SlurmException {
        Optional<Path> executable = find(name);
        if (executable.isEmpty()) {
            throw new SlurmException(name + " is not on PATH (" + searchPath + "); run this on a host of the SLURM cluster "
                    + "(a login node) where SLURM's client commands are installed");
        }
        return executable.get();
    }

    /**
     * What a command printed and how it exited.
     *
     * @param command the command line as run
     * @param exitCode its exit status
     * @param out its standard output
     * @param err its standard error
     */
    public record Result(List<String> command, int exitCode, String out, String err) {
        /** @return the command line as one string, for messages */
        public String commandLine() {
            return String.join(" ", command);
        }

        /** @return standard error, else standard output, on one line; or a note that it printed nothing */
        public String message() {
            String text = err.isBlank() ? out : err;
            String line = text.strip().lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse("");
            return line.isEmpty() ? "(it printed nothing)" : line;
        }
    }

    /**
     * Runs a command and waits for it.
     *
     * @param name the command, such as {@code sbatch}
     * @param arguments its arguments
     * @return what it printed and its exit status, whatever that is
     * @throws SlurmException when the command is not on the search path, cannot start, or runs past its time limit
     * @throws IOException when its output cannot be read
     */
    public Result run(String name, List<String> arguments) throws IOException {
        Path executable = require(name);
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Path out = Files.createTempFile("icl4j-" + name, ".out");
        Path err = Files.createTempFile("icl4j-" + name, ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new SlurmException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
            }
            boolean ended;
            try {
                ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new SlurmException(String.join(" ", command) + " was interrupted");
            }
            if (!ended) {
                process.destroyForcibly();
                throw new SlurmException(String.join(" ", command) + " did not answer within " + TIMEOUT_SECONDS
                        + " s; is slurmctld up (sinfo)?");
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
