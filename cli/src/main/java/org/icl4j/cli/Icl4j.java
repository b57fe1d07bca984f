package org.icl4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.cli.compare.CompareCommand;
import org.icl4j.cli.construct.ConstructCommand;
import org.icl4j.cli.eval.EvalCommand;
import org.icl4j.cli.experiment.ReproduceCommand;
import org.icl4j.cli.experiment.RunOneCommand;
import org.icl4j.cli.experiment.StatusCommand;
import org.icl4j.cli.experiment.SweepCommand;
import org.icl4j.cli.export.ExportCommand;
import org.icl4j.cli.train.TrainCommand;
import org.icl4j.experiment.MalformedSpecException;
import org.icl4j.formats.BadInputException;
import org.icl4j.formats.Limits;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.npy.NpyFormatException;
import org.icl4j.cli.probe.ProbeCommand;
import org.icl4j.harness.compare.ComponentFailureException;
import org.icl4j.harness.plugin.LoadedPlugin;
import org.icl4j.harness.plugin.PluginLoader;
import org.icl4j.harness.plugin.Registry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code icl4j} command. Subcommands are listed in the {@code subcommands} attribute below, the one place to
 * add a command; each extends {@link Icl4jCommand} to reach the registries.
 *
 * <p>Exit codes: {@value #OK} success, {@value #FAILURE} failure, {@value #BAD_INPUT} bad usage or input. Errors
 * print one line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(name = "icl4j",
        mixinStandardHelpOptions = true,
        versionProvider = Icl4j.Version.class,
        description = "In-context learning research on the JVM: compare in-context learners on the metrics of "
                + "Akyürek et al. (ICLR 2023).",
        subcommands = {

            CompareCommand.class,
            ConstructCommand.class,
            EvalCommand.class,
            ExportCommand.class,
            ListCommand.class,
            ProbeCommand.class,
            ReproduceCommand.class,
            RunOneCommand.class,
            StatusCommand.class,
            SweepCommand.class,
            TrainCommand.class,
        })
public final class Icl4j {

    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code of a run that failed for a reason other than its input. */
    public static final int FAILURE = 1;
    /** Exit code of bad usage or bad input (a value, a file, an output folder). */
    public static final int BAD_INPUT = 2;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of plugins to load in addition to the class path: each jar, or each sub-folder of "
                    + "jars, is one plugin in its own class loader.")
    private Path pluginsFolder;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    private boolean verbose;

    private Registry registry;

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs a command line in this JVM (used by {@link #main} and by tests).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // A size that no check foresaw (each reader and command checks its own first, docs/LIMITS.md).
            Runtime runtime = Runtime.getRuntime();
            err.println("icl4j: out of memory (maximum heap " + Limits.bytes(runtime.maxMemory()) + "): the input or "
                    + "settings need more than this JVM has; ask for less or give the JVM more memory with -Xmx");
            code = FAILURE;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** @return a fresh command line with icl4j's error handling */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Icl4j());
        commandLine.setExecutionExceptionHandler(Icl4j::handleExecutionException);
        commandLine.setParameterExceptionHandler(Icl4j::handleParameterException);
        commandLine.registerConverter(Integer.class, Icl4j::parseInt);
        commandLine.registerConverter(Integer.TYPE, Icl4j::parseInt);
        commandLine.registerConverter(Long.class, Icl4j::parseLong);
        commandLine.registerConverter(Long.TYPE, Icl4j::parseLong);
        commandLine.registerConverter(Double.class, Icl4j::parseDouble);
        commandLine.registerConverter(Double.TYPE, Icl4j::parseDouble);
        return commandLine;
    }

    /** An int flag: a whole number beyond int is named as out of range, not as "not an int". */
    private static Integer parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("'" + text + "' is beyond the range of an int ("
                    + Integer.MIN_VALUE + " … " + Integer.MAX_VALUE + "); docs/LIMITS.md gives each size's limit");
        }
        return (int) value;
    }

    private static Long parseLong(String text) {
        String value = text.strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            if (value.matches("[+-]?[0-9]+")) {
                throw new CommandLine.TypeConversionException("'" + text + "' is beyond the range of a long");
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
        }
    }

    /** A number flag: values that a double cannot hold (they would become 0 or infinity) are refused. */
    private static Double parseDouble(String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
        }
        if (Double.isInfinite(value) && !text.toLowerCase(java.util.Locale.ROOT).contains("inf")) {
            throw new CommandLine.TypeConversionException("'" + text + "' is beyond the range of a double (about ±1.8e308)");
        }
        if (value == 0 && text.matches("[^eE]*[1-9].*")) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too small for a double and would be read as 0 "
                    + "(the smallest positive double is about 4.9e-324)");
        }
        return value;
    }

    /**
     * The registries, created on first use from the class path and {@code --plugins}.
     *
     * @return the registry
     * @throws IOException when the plugins folder cannot be listed
     */
    Registry registry() throws IOException {
        if (registry == null) {
            List<LoadedPlugin> plugins = PluginLoader.discover(Icl4j.class.getClassLoader(), pluginsFolder);
            registry = Registry.of(plugins);
        }
        return registry;
    }

    /** @return whether {@code --verbose} was given */
    boolean verbose() {
        return verbose;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(prefix(commandLine) + e.getMessage() + " (see '" + commandLine.getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        return BAD_INPUT;
    }

    private static int handleExecutionException(Exception e, CommandLine commandLine,
                                                CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Object root = commandLine.getCommandSpec().root().userObject();
        boolean verbose = root instanceof Icl4j icl4j && icl4j.verbose;
        int code = exitCode(e);
        err.println(prefix(commandLine) + message(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * Maps an exception to an exit code: bad values, bad input files and unusable output folders are bad input.
     *
     * @param e the exception
     * @return {@link #BAD_INPUT} or {@link #FAILURE}
     */
    static int exitCode(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof IllegalArgumentException || cause instanceof BadInputException
                || cause instanceof NpyFormatException || cause instanceof MalformedCheckpointException
                || cause instanceof NoSuchFileException || cause instanceof AccessDeniedException
                || cause instanceof MalformedSpecException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String text = cause.getMessage();
        if (cause instanceof FileSystemException fileSystem && !(cause instanceof BadInputException)) {
            text = describe(fileSystem);
        } else if (text == null || text.isBlank()) {
            text = cause.getClass().getSimpleName();
        } else if (!(cause instanceof IllegalArgumentException) && !(cause instanceof IOException)
                && !(cause instanceof BadInputException) && !(cause instanceof ComponentFailureException)
                && !(cause instanceof MalformedSpecException)) {
            text = cause.getClass().getSimpleName() + ": " + text;
        }
        String line = text.lines().map(String::strip).reduce((a, b) -> a + " " + b).orElse(text);
        return userPaths(line);
    }

    /**
     * Writes that go through a hidden temporary sibling ({@code .NAME.partial-PID-STAMP}, {@code .NAME.tmp-…}) fail
     * naming it; the user knows the path as {@code NAME}, so errors show that.
     */
    static String userPaths(String message) {
        return message.replaceAll("(?<=^|[/\\s'\"(])\\.([^/\\s'\"]+)\\.(?:partial|tmp)-[0-9]+-[0-9a-f]+", "$1")
                .replaceAll("(?<=^|[/\\s'\"(])\\.([^/\\s'\"]+)\\.previous(?=$|[/\\s'\")])", "$1");
    }

    /** The file and why it failed: the thrower's reason when it gave one, else what the exception type means. */
    private static String describe(FileSystemException e) {
        String what = e.getReason() != null && !e.getReason().isBlank() ? e.getReason()
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName();
        return "cannot access " + e.getFile() + (e.getOtherFile() == null ? "" : " or " + e.getOtherFile()) + ": " + what;
    }

    private static String prefix(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName() + ": ";
    }

    /** Reads the version that Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"icl4j " + Provenance.currentVersion()};
        }
    }
}
