package org.icl4j.cli.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icl4j.cli.Icl4jCommand;
import org.icl4j.harness.eval.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code icl4j eval --model runs/NAME}: the {@code compare} report (error, SPD, ILWD, R² against every algorithm)
 * for a trained model, on episodes of the task it was trained on and of the length it was trained for, both read
 * from the checkpoint's config.json. Every other choice is {@code compare}'s, with the same flags.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Compare a trained model with the reference algorithms on its own task (runs compare).")
public final class EvalCommand extends Icl4jCommand {

    @Option(names = "--model", paramLabel = "PATH", required = true,
            description = "Run folder or checkpoint folder of the trained model.")
    private Path model;

    @Option(names = "--task", paramLabel = "SPEC", description = "Task (default: the one recorded in the checkpoint).")
    private String task;

    @Option(names = "--n", paramLabel = "N", description = "Pairs per episode (default: the model's maxPairs).")
    private Integer length;

    @Option(names = "--estimators", paramLabel = "LIST", description = "Estimators to compare with (default: compare's).")
    private String estimators;

    @Option(names = "--metrics", paramLabel = "LIST", description = "Metrics (default: compare's).")
    private String metrics;

    @Option(names = "--episodes", paramLabel = "B", description = "Episodes to sample (default: compare's).")
    private Integer episodes;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the evaluation episodes (default 0).")
    private Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: compare's).")
    private Path out;

    @Option(names = "--overwrite", description = "Replace an existing --out run folder that icl4j wrote (never other files).")
    private boolean overwrite;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Engine that runs the model (default: djl; onnx exports it and runs it in ONNX Runtime).")
    private String engine;

    @Override
    protected int run() throws Exception {
        Evaluation evaluation = Evaluation.of(model, task, length);
        List<String> arguments = new ArrayList<>(List.of("--model", evaluation.checkpoint().toString(), "--task",
                evaluation.task(), "--n", String.valueOf(evaluation.length())));
        add(arguments, "--estimators", estimators);
        add(arguments, "--metrics", metrics);
        add(arguments, "--episodes", episodes);
        add(arguments, "--seed", seed);
        add(arguments, "--out", out);
        add(arguments, "--engine", engine);
        if (overwrite) {
            arguments.add("--overwrite");
        }
        CommandLine compare = commandSpec().root().subcommands().get("compare");
        compare.parseArgs(arguments.toArray(String[]::new));
        return ((Icl4jCommand) compare.getCommand()).call();
    }

    private static void add(List<String> arguments, String flag, Object value) {
        if (value != null) {
            arguments.add(flag);
            arguments.add(value.toString());
        }
    }
}
