package org.icl4j.cli.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icl4j.cli.Icl4j;

/** {@code icl4j} in a child JVM, for the tests that stop or kill training from outside. */
final class ChildTrain {

    private ChildTrain() {
    }

    /**
     * Starts {@code icl4j} in a child JVM with this test's class path, offline, with one PyTorch thread (as the
     * launcher does: more threads spin-wait on a busy machine and make these small steps many times slower).
     *
     * @param arguments the command line after {@code icl4j}
     * @param log where standard output and error go (appended)
     * @return the child
     * @throws IOException when it cannot be started
     */
    static Process start(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), Icl4j.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * @param log a child's log
     * @return its content, empty when it does not exist yet
     * @throws IOException when it cannot be read
     */
    static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
