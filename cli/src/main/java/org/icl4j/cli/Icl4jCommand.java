package org.icl4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.Engines;
import org.icl4j.harness.plugin.Exporters;
import org.icl4j.harness.plugin.Plugins;
import org.icl4j.harness.plugin.Registry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base class of every {@code icl4j} subcommand: gives access to the registries (built once per run from the class
 * path and {@code --plugins}), the output streams and the exact command line. Subclasses implement {@link #run()}
 * and return an exit code; exceptions are turned into one stderr line and an exit code by {@link Icl4j}.
 */
public abstract class Icl4jCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command.
     *
     * @return the exit code, normally {@link Icl4j#OK}
     * @throws Exception any failure; see {@link Icl4j} for how it maps to an exit code
     */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** @return every registry: components, engines, exporters and plugins */
    protected final Registry registry() throws IOException {
        return root().registry();
    }

    /** @return the task, estimator and metric registries */
    protected final Components components() throws IOException {
        return registry().components();
    }

    /** @return the engine registry */
    protected final Engines engines() throws IOException {
        return registry().engines();
    }

    /** @return the exporter registry */
    protected final Exporters exporters() throws IOException {
        return registry().exporters();
    }

    /** @return the plugins found at start-up */
    protected final Plugins plugins() throws IOException {
        return registry().plugins();
    }

    /** @return standard output of this run */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return standard error of this run */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return whether {@code --verbose} was given */
    protected final boolean verbose() {
        return root().verbose();
    }

    /** @return the command line as typed, starting with {@code icl4j}, shell-quoted where needed */
    protected final String commandLineText() {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        StringBuilder text = new StringBuilder("icl4j");
        for (String arg : args) {
            text.append(' ').append(arg.matches("[A-Za-z0-9_./:=,+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return text.toString();
    }

    /** @return this command's picocli model */
    protected final CommandSpec commandSpec() {
        return spec;
    }

    private Icl4j root() {
        return (Icl4j) spec.root().userObject();
    }
}
