package org.icl4j.cli.experiment;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icl4j.cli.Icl4j;
import org.icl4j.formats.Provenance;

/**
 * Where this icl4j runs from: the checkout's root (for {@code experiments/} and {@code plugins/}), and the command
 * that starts the same icl4j in a new JVM, as a SLURM array task does. From the built launcher that is
 * {@code java … -jar <root>/cli/target/icl4j.jar}, never the {@code ./icl4j} wrapper, which may rebuild; from
 * compiled classes (the tests) it is {@code java … -cp <this class path> org.icl4j.cli.Icl4j}.
 */
final class Launcher {

    private Launcher() {
    }

    /** @return {@code cli/target/icl4j.jar} or {@code cli/target/classes} of this icl4j */
    static Path codeSource() {
        try {
            return Path.of(Icl4j.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate icl4j's own classes", e);
        }
    }

    /** @return the checkout's root: three levels above the jar or the classes folder ({@code cli/target/…}) */
    static Path root() {
        Path source = codeSource();
        Path root = source.getParent() == null || source.getParent().getParent() == null ? null : source.getParent().getParent().getParent();
        return root != null && Files.isDirectory(root.resolve("experiments")) ? root : Path.of("").toAbsolutePath();
    }

    /** @return the command that starts this icl4j in a new JVM, without arguments */
    static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Djava.awt.headless=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        command.add("-Dai.djl.pytorch.num_interop_threads=1");
        String commit = System.getProperty(Provenance.GIT_COMMIT_PROPERTY);
        if (commit != null && commit.matches("[A-Za-z0-9+._-]+")) {
            command.add("-D" + Provenance.GIT_COMMIT_PROPERTY + "=" + commit);
        }
        Path source = codeSource();
        if (source.toString().endsWith(".jar")) {
            command.add("-jar");
            command.add(source.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Icl4j.class.getName());
        }
        return command;
    }
}
