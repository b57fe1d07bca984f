package org.icl4j.experiment;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Several experiment specs at one scale: their usages, the merged plan (each distinct run once), its cost, and
 * the suite's execution and report ({@code aggregate.json}, {@code claims.json}).
 */
public final class Suite {
    private final List<ExperimentSpec> specs;
    private final Scale scale;
    private final List<Usage> usages;
    private final Plan plan;

    /**
     * @param specs the experiments, in the order their runs are planned
     * @param scale the scale
     */
    public Suite(List<ExperimentSpec> specs, Scale scale) {
        this.specs = List.copyOf(specs);
        this.scale = requireNonNull(scale, "scale is null");
        List<Usage> all = new ArrayList<>();
        for (ExperimentSpec spec : this.specs) {
            all.addAll(spec.expand(scale));
        }
        this.usages = List.copyOf(all);
        this.plan = Plan.of(scale, usages);
    }

    /**
     * Reads every {@code *.yaml} spec of a folder, sorted by name, or only those named.
     *
     * @param folder a folder of specs, such as the repository's {@code experiments/}
     * @param only experiment names to keep; empty for all
     * @return the specs
     * @throws IOException when the folder or a file cannot be read
     * @throws MalformedSpecException when a spec is invalid
     * @throws IllegalArgumentException when {@code only} names an experiment the folder lacks
     */
    public static List<ExperimentSpec> read(Path folder, Set<String> only) throws IOException, MalformedSpecException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        List<ExperimentSpec> specs = new ArrayList<>();
        for (Path file : files) {
            specs.add(ExperimentSpec.read(file));
        }
        List<String> names = specs.stream().map(ExperimentSpec::name).toList();
        for (String name : only) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown experiment '" + name + "'; known: " + String.join(", ", names));
            }
        }
        return only.isEmpty() ? specs : specs.stream().filter(spec -> only.contains(spec.name())).toList();
    }

    /** @return the experiments */
    public List<ExperimentSpec> specs() {
        return specs;
    }

    /** @return the scale */
    public Scale scale() {
        return scale;
    }

    /** @return every usage of every experiment */
    public List<Usage> usages() {
        return usages;
    }

    /** @return the distinct runs in dependency order */
    public Plan plan() {
        return plan;
    }

    /** @return the plan's cost estimate */
    public CostEstimate cost() {
        return CostEstimate.of(plan);
    }

    /** @return what the suite would run: usages and distinct runs per experiment, then the total and its cost */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (ExperimentSpec spec : specs) {
            List<Usage> own = spec.expand(scale);
            long distinct = own.stream().map(Usage::id).distinct().count();
            lines.add(spec.name() + ": " + distinct + " runs (" + spec.title() + ")");
        }
        lines.add("suite at scale " + scale.key() + ": " + cost().describe()
                + (usages.size() > plan.runs().size() ? "; " + (usages.size() - plan.runs().size()) + " shared uses run once" : ""));
        return lines;
    }

    /**
     * Writes the plan, executes every run not done, then writes the report.
     *
     * @param folder the suite's folder
     * @param executor where runs execute
     * @param step the host's run step
     * @param cancellation the host's cancellation
     * @param listener progress
     * @return how many runs are in each state afterwards
     * @throws IOException when the folder cannot be written
     * @throws InterruptedException when interrupted while waiting for runs
     */
    public Map<RunState, Integer> run(SuiteFolder folder, Executor executor, RunStep step, Cancellation cancellation,
                                      SuiteListener listener) throws IOException, InterruptedException {
        folder.writePlan(plan);
        executor.execute(folder, plan, step, cancellation, listener);
        report(folder);
        return folder.count(plan);
    }

    /**
     * Writes {@code aggregate.json} (each point's series averaged over its done seeds, with 95% intervals) and
     * {@code claims.json} (each claim's verdict) from the run folders as they are.
     *
     * @param folder the suite's folder
     * @throws IOException when it cannot be read or written
     */
    public void report(SuiteFolder folder) throws IOException {
        Results results = new Results(folder);
        ObjectNode aggregate = JsonNodeFactory.instance.objectNode();
        aggregate.put("scale", scale.key());
        aggregate.set("experiments", results.aggregate(usages));
        folder.write("aggregate.json", aggregate);
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("scale", scale.key());
        Map<String, Integer> counts = new TreeMap<>();
        claims.set("claims", new ClaimEvaluation(results, scale).evaluate(specs));
        claims.get("claims").forEach(claim -> counts.merge(claim.get("verdict").asText(), 1, Integer::sum));
        ObjectNode summary = claims.putObject("verdicts");
        counts.forEach(summary::put);
        folder.write("claims.json", claims);
    }
}
