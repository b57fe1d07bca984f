package org.icl4j.plugins.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command in a new process, its standard output and error together in a log file under {@code temp}. */
final class FreshJvm {

    private FreshJvm() {
    }

    /**
     * @param code the exit code
     * @param output standard output and error
     */
    record Run(int code, String output) {
    }

    /**
     * Runs the icl4j command in a fresh JVM on this test's class path, which holds the cli but no plugin module.
     *
     * @param temp where the log goes
     * @param args the command's arguments
     * @return how it ended
     */
    static Run icl4j(Path temp, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.icl4j.cli.Icl4j"));
        command.addAll(List.of(args));
        return run(temp, temp, command);
    }

    /**
     * @param temp where the log goes
     * @param folder the working folder
     * @param command the command and its arguments
     * @return how it ended
     */
    static Run run(Path temp, Path folder, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "run", ".log");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
