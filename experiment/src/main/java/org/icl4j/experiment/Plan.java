package org.icl4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The distinct runs of a suite at one scale, in dependency order (every run after the run it uses), each once
 * however many experiments use it.
 *
 * @param scale the scale
 * @param runs the runs; {@code runs.get(i).index() == i}
 */
public record Plan(Scale scale, List<PlannedRun> runs) {
    /** Checks the order and copies the list. */
    public Plan {
        requireNonNull(scale, "scale is null");
        runs = List.copyOf(runs);
        Map<RunId, Integer> seen = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            if (run.index() != i) {
                throw new IllegalArgumentException("run " + run.id() + " has index " + run.index() + " at position " + i);
            }
            if (seen.put(run.id(), i) != null) {
                throw new IllegalArgumentException("run " + run.id() + " is planned twice");
            }
            if (run.input().isPresent() && !seen.containsKey(run.input().get())) {
                throw new IllegalArgumentException("run " + run.id() + " uses " + run.input().get() + ", which is not planned before it");
            }
        }
    }

    /**
     * Merges the usages of several experiments: one run per distinct identity, trainings (runs used by others)
     * before the runs that use them, otherwise in the order the experiments first ask for them.
     *
     * @param scale the scale
     * @param usages the usages, in suite order
     * @return the plan
     */
    public static Plan of(Scale scale, List<Usage> usages) {
        Map<RunId, Usage> first = new LinkedHashMap<>();
        Map<RunId, List<String>> experiments = new HashMap<>();
        for (Usage usage : usages) {
            first.putIfAbsent(usage.id(), usage);
            List<String> names = experiments.computeIfAbsent(usage.id(), id -> new ArrayList<>());
            if (!names.contains(usage.experiment())) {
                names.add(usage.experiment());
            }
        }
        Map<RunId, Integer> depth = new HashMap<>();
        int deepest = 0;
        for (Usage usage : first.values()) {
            int level = usage.input().map(input -> depth.get(input) + 1).orElse(0);
            depth.put(usage.id(), level);
            deepest = Math.max(deepest, level);
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (int level = 0; level <= deepest; level++) {
            for (Usage usage : first.values()) {
                if (depth.get(usage.id()) == level) {
                    runs.add(new PlannedRun(runs.size(), usage.id(), usage.kind(), usage.settings(), usage.input(),
                            experiments.get(usage.id())));
                }
            }
        }
        return new Plan(scale, runs);
    }

    /**
     * @param id a run's identity
     * @return the planned run, if any
     */
    public Optional<PlannedRun> run(RunId id) {
        return runs.stream().filter(run -> run.id().equals(id)).findFirst();
    }

    /** @return the plan as JSON, as {@code suite.json} holds it */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("scale", scale.key());
        ArrayNode array = json.putArray("runs");
        for (PlannedRun run : runs) {
            ObjectNode entry = array.addObject();
            entry.put("index", run.index());
            entry.put("id", run.id().value());
            entry.put("kind", run.kind());
            run.input().ifPresent(input -> entry.put("input", input.value()));
            ArrayNode names = entry.putArray("experiments");
            run.experiments().forEach(names::add);
            entry.set("settings", run.settings().toJson());
        }
        return json;
    }

    /**
     * @param json a plan written by {@link #toJson()}
     * @return the plan
     */
    public static Plan fromJson(JsonNode json) {
        List<PlannedRun> runs = new ArrayList<>();
        for (JsonNode entry : json.withArray("runs")) {
            List<String> names = new ArrayList<>();
            entry.withArray("experiments").forEach(name -> names.add(name.asText()));
            runs.add(new PlannedRun(entry.get("index").asInt(), new RunId(entry.get("id").asText()), entry.get("kind").asText(),
                    Settings.fromJson(entry.get("settings")),
                    entry.has("input") ? Optional.of(new RunId(entry.get("input").asText())) : Optional.empty(), names));
        }
        return new Plan(Scale.of(json.get("scale").asText()), runs);
    }
}
