package org.icl4j.cli.construct;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.icl4j.api.Capability;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;
import org.icl4j.cli.Icl4j;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.formats.BadInputException;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.Limits;
import org.icl4j.formats.RunFolder;
import org.icl4j.formats.RunLayout;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.harness.plugin.Components;
import org.icl4j.harness.plugin.Registered;
import org.icl4j.transformer.construction.CompiledConstruction;
import org.icl4j.transformer.construction.ConstructionCompiler;
import org.icl4j.transformer.construction.InterpretedProgram;
import org.icl4j.transformer.construction.LearningPrograms;
import org.icl4j.transformer.construction.Precision;
import org.icl4j.transformer.construction.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code icl4j construct gd|sgd|ridge}: compiles one of the paper's constructions (Section 3, Appendices A–B)
 * into transformer weights and writes a run folder with the checkpoint ({@code model/}), the ONNX model
 * ({@code model.onnx}) and a report comparing the compiled model, the exactly interpreted program and the
 * reference algorithm on random episodes of the linear task.
 */
@Command(name = "construct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compile gradient descent, online SGD or Sherman–Morrison ridge into transformer weights; write "
                + "the checkpoint, an .onnx model and a report to a run folder.")
public final class ConstructCommand extends Icl4jCommand {

    /** The export format of {@code model.onnx}. */
    private static final String ONNX_FORMAT = "onnx";

    /** The context pairs k when --k is omitted. */
    public static final int DEFAULT_PAIRS = 8;

    @Parameters(index = "0", paramLabel = "ALGORITHM", description = "gd (one full-batch step), sgd (one online pass) "
            + "or ridge (Sherman–Morrison updates).")
    private String algorithm;

    @Option(names = "--d", paramLabel = "D", defaultValue = "4", description = "Input dimension (default ${DEFAULT-VALUE}).")
    private int dimension;

    @Option(names = "--k", paramLabel = "K", defaultValue = "" + DEFAULT_PAIRS,
            description = "Context pairs the model handles; the model reads episodes of up to k + 1 pairs "
                    + "(default ${DEFAULT-VALUE}).")
    private int pairs;

    @Option(names = "--lr", paramLabel = "ALPHA", description = "Learning rate α of gd and sgd (default 0.01).")
    private Double learningRate;

    @Option(names = "--lambda", paramLabel = "LAMBDA",
            description = "Penalty λ of sgd (default 0) and ridge (default 0.1); gd starts at w = 0, where λ has no effect.")
    private Double lambda;

    @Option(names = "--precision", paramLabel = "P", description = "The compiler's accuracy knob p >= 1 (default "
            + "30, best for float32 engines; larger is more accurate in double precision, see docs/CONSTRUCTIONS.md).")
    private Double precision;

    @Option(names = "--episodes", paramLabel = "B", defaultValue = "64",
            description = "Random episodes of the linear task for the report (default ${DEFAULT-VALUE}).")
    private int episodeCount;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the report's episodes (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--no-onnx", description = "Do not write model.onnx (the checkpoint is always written).")
    private boolean noOnnx;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Run folder to write.")
    private Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out run folder that icl4j wrote (never other files).")
    private boolean overwrite;

    /** The largest --d of a construction (docs/LIMITS.md). */
    public static final int MAX_DIMENSION = 16;
    /** The largest --k of a construction (docs/LIMITS.md). */
    public static final int MAX_PAIRS = 128;

    @Override
    protected int run() throws Exception {
        if (dimension < 1 || pairs < 1 || episodeCount < 1) {
            throw new BadInputException("--d, --k and --episodes must be >= 1, found " + dimension + ", " + pairs
                    + " and " + episodeCount);
        }
        // The compiled programs grow quickly (ridge: width ~ d², layers ~ k for sgd; docs/CONSTRUCTIONS.md), so
        // their sizes are bounded before anything is compiled (docs/LIMITS.md).
        Limits.requireAtMost("--d", dimension, MAX_DIMENSION);
        Limits.requireAtMost("--k", pairs, MAX_PAIRS);
        Limits.requireAtMost("--episodes", episodeCount, Limits.MAX_EPISODES);
        Limits.requireMemory("--episodes " + episodeCount + " of k + 1 = " + (pairs + 1) + " pairs, d = " + dimension,
                Limits.saturatedProduct(3 * Float.BYTES, episodeCount, pairs + 1, dimension + 1));
        RunFolder.checkLocation(out);
        RunFolder.checkReplaceable(out, overwrite);
        Precision knob = precision == null ? Precision.DEFAULT : new Precision(precision);
        Program program;
        String algorithmSpec;
        switch (algorithm) {
            case "gd" -> {
                if (lambda != null) {
                    throw new BadInputException("gd takes one step from w = 0, where the penalty λ has no effect; "
                            + "drop --lambda (sgd and ridge take it)");
                }
                double alpha = learningRate == null ? 0.01 : learningRate;
                program = LearningPrograms.gradientDescent(dimension, pairs + 1, alpha, 0, new double[dimension]);
                algorithmSpec = "gd:lr=" + alpha;
            }
            case "sgd" -> {
                double alpha = learningRate == null ? 0.01 : learningRate;
                double penalty = lambda == null ? 0 : lambda;
                program = LearningPrograms.onlineSgd(dimension, pairs, alpha, penalty);
                algorithmSpec = "sgd:lr=" + alpha + ",lambda=" + penalty;
            }
            case "ridge" -> {
                if (learningRate != null) {
                    throw new BadInputException("ridge has no learning rate; drop --lr (gd and sgd take it)");
                }
                double penalty = lambda == null ? 0.1 : lambda;
                program = LearningPrograms.ridge(dimension, pairs, penalty);
                algorithmSpec = "ridge:lambda=" + penalty;
            }
            default -> throw new BadInputException("unknown construction '" + algorithm + "'; choose gd, sgd or ridge");
        }
        Components components = components();
        Task task = components.tasks().create("linear:d=" + dimension, CreationContext.NONE);
        CompiledConstruction compiled = ConstructionCompiler.compile(program, knob);
        Checkpoint checkpoint = compiled.checkpoint(task.name(),
                Provenance.current(seed));
        // The report runs the compiled model in the double-precision reference forward pass, and the export holds
        // the float weights once more: about 16 bytes per parameter.
        Limits.requireMemory("construct " + algorithm + " --d " + dimension + " --k " + pairs + " (a compiled model of "
                + checkpoint.model().parameterCount() + " parameters)",
                Limits.saturatedProduct(16, checkpoint.model().parameterCount()));

        try (RunFolder folder = RunFolder.create(out, overwrite);
                Estimator reference = components.estimators().create(algorithmSpec, new CreationContext(task))) {
            checkpoint.write(folder.path().resolve(RunLayout.CONSTRUCTION_DIRECTORY));
            Path onnx = null;
            if (!noOnnx) {
                onnx = folder.path().resolve("model.onnx");
                exporters().get(ONNX_FORMAT).export(folder.path().resolve(RunLayout.CONSTRUCTION_DIRECTORY), onnx, false);
            }
            EpisodeBatch episodes = task.sample(episodeCount, program.maxPairs(), new Rng(seed));
            Map<String, float[]> predictions = new LinkedHashMap<>();
            predictions.put("algorithm (" + algorithmSpec + ")", reference.predictPrefixes(episodes));
            predictions.put("interpreted program", new InterpretedProgram(program).predictPrefixes(episodes));
            predictions.put("compiled, reference forward pass (double)", compiled.reference().predictPrefixes(episodes));
            // Every engine that reads the checkpoint or the exported file runs it as it runs a trained model.
            List<Path> models = onnx == null ? List.of(folder.path().resolve(RunLayout.CONSTRUCTION_DIRECTORY))
                    : List.of(folder.path().resolve(RunLayout.CONSTRUCTION_DIRECTORY), onnx);
            for (Registered<EngineProvider> registered : engines().all()) {
                Engine engine = registered.component().getEngine();
                for (Path model : models) {
                    if (engine.canLoad(model) && engine.hasCapability(Capability.INFERENCE)) {
                        try (Estimator loaded = engine.load(model)) {
                            predictions.put("compiled, " + engine.name() + " engine (" + model.getFileName() + ")",
                                    loaded.predictPrefixes(episodes));
                        }
                    }
                }
            }
            List<Difference> differences = differences(predictions);
            writeReport(folder.path(), program, compiled, algorithmSpec, knob, differences);
            Path target = folder.commit();
            out().println("construct " + algorithm + ": " + compiled.config().layers() + " layers, hidden "
                    + compiled.config().hidden() + ", " + compiled.config().parameterCount() + " parameters → " + target);
            for (Difference difference : differences) {
                out().println(String.format(Locale.ROOT, "  max |%s − %s| = %.3e", difference.first(),
                        difference.second(), difference.max()));
            }
        }
        return Icl4j.OK;
    }

    /** The largest and mean absolute difference of two prediction sets over every episode and prefix. */
    record Difference(String first, String second, double max, double mean) {
    }

    private static List<Difference> differences(Map<String, float[]> predictions) {
        List<String> names = new ArrayList<>(predictions.keySet());
        List<Difference> result = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            for (int j = 0; j < i; j++) {
                float[] a = predictions.get(names.get(i));
                float[] b = predictions.get(names.get(j));
                double max = 0;
                double sum = 0;
                for (int e = 0; e < a.length; e++) {
                    double difference = Math.abs((double) a[e] - b[e]);
                    max = Math.max(max, difference);
                    sum += difference;
                }
                result.add(new Difference(names.get(i), names.get(j), max, sum / a.length));
            }
        }
        return result;
    }

    private void writeReport(Path folder, Program program, CompiledConstruction compiled, String algorithmSpec,
            Precision knob, List<Difference> differences) throws java.io.IOException {
        TransformerConfig config = compiled.config();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("command", commandLineText());
        root.put("construction", program.name());
        root.put("algorithm", algorithmSpec);
        root.put("precision", knob.scale());
        root.put("episodes", episodeCount);
        root.put("pairsPerEpisode", program.maxPairs());
        root.put("seed", seed);
        ObjectNode model = root.putObject("model");
        model.put("layers", config.layers());
        model.put("hidden", config.hidden());
        model.put("heads", config.heads());
        model.put("headSize", config.headSize());
        model.put("mlpHidden", config.mlpHidden());
        model.put("parameters", config.parameterCount());
        model.put("programRows", program.rows());
        model.put("divisionBlocks", config.blockOverrides().size());
        ArrayNode table = root.putArray("differences");
        StringBuilder markdown = new StringBuilder();
        markdown.append("# icl4j construct ").append(algorithm).append("\n\n")
                .append("`").append(commandLineText()).append("`\n\n")
                .append("Construction `").append(program.name()).append("` compiled at precision p = ")
                .append(knob.scale()).append(" (docs/CONSTRUCTIONS.md); reference algorithm `").append(algorithmSpec)
                .append("`.\n\n")
                .append(String.format(Locale.ROOT, "Model: %d layers, hidden %d, %d heads of %d, MLP %d, %d parameters "
                        + "(%d program rows, %d division blocks).%n%n", config.layers(), config.hidden(), config.heads(),
                        config.headSize(), config.mlpHidden(), config.parameterCount(), program.rows(),
                        config.blockOverrides().size()))
                .append(String.format(Locale.ROOT, "Differences over %d episodes of %d pairs (seed %d), every prefix:%n%n",
                        episodeCount, program.maxPairs(), seed))
                .append("| predictions | against | max abs | mean abs |\n|---|---|---|---|\n");
        for (Difference difference : differences) {
            ObjectNode row = table.addObject();
            row.put("first", difference.first());
            row.put("second", difference.second());
            row.put("maxAbs", difference.max());
            row.put("meanAbs", difference.mean());
            markdown.append(String.format(Locale.ROOT, "| %s | %s | %.3e | %.3e |%n", difference.first(),
                    difference.second(), difference.max(), difference.mean()));
        }
        Files.writeString(folder.resolve("report.json"), json.writeValueAsString(root), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("report.md"), markdown, StandardCharsets.UTF_8);
    }
}
