package org.icl4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The results of a suite's done runs, grouped into points (one stage of one experiment at one set of axis values,
 * all its seeds) and averaged over seeds with confidence intervals: {@code aggregate.json}.
 */
final class Results {
    private final SuiteFolder folder;
    private final Map<RunId, Optional<RunResult>> cache = new HashMap<>();

    Results(SuiteFolder folder) {
        this.folder = folder;
    }

    /** One point: the usages of a stage that differ only by seed. */
    record Point(String experiment, String stage, Settings values, List<Usage> usages) {
    }

    static List<Point> points(List<Usage> usages) {
        Map<List<Object>, List<Usage>> groups = new LinkedHashMap<>();
        for (Usage usage : usages) {
            groups.computeIfAbsent(List.of(usage.experiment(), usage.stage(), usage.point()), key -> new ArrayList<>()).add(usage);
        }
        List<Point> points = new ArrayList<>();
        groups.forEach((key, members) -> points.add(new Point((String) key.get(0), (String) key.get(1), (Settings) key.get(2), members)));
        return points;
    }

    /**
     * @param id a run
     * @return its result when it is done
     */
    Optional<RunResult> result(RunId id) throws IOException {
        if (!cache.containsKey(id)) {
            cache.put(id, folder.state(id) == RunState.DONE ? Optional.of(folder.result(id)) : Optional.empty());
        }
        return cache.get(id);
    }

    /**
     * @param id a run
     * @return the first line of the error its last attempt left, without the exception's class name, when it failed
     */
    Optional<String> failure(RunId id) throws IOException {
        if (folder.state(id) != RunState.FAILED) {
            return Optional.empty();
        }
        String line = folder.error(id).lines().map(String::strip).filter(text -> !text.isEmpty()).findFirst().orElse("");
        int colon = line.indexOf(": ");
        return Optional.of(colon > 0 && line.substring(0, colon).matches("[\\w.$]+") ? line.substring(colon + 2) : line);
    }

    /**
     * @param usage a done run's usage
     * @param name a series name
     * @return the series
     * @throws IllegalStateException when the run's result has no such series (the step and the spec disagree)
     */
    double[] series(Usage usage, String name) throws IOException {
        RunResult result = result(usage.id()).orElseThrow(() -> new IllegalStateException(usage.id() + " is not done"));
        return result.series(name).orElseThrow(() -> new IllegalStateException("run " + usage.id() + " (" + usage.experiment()
                + ", stage " + usage.stage() + ") has no series '" + name + "'; it has: " + String.join(", ", result.names())));
    }

    JsonNode aggregate(List<Usage> usages) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        for (Point point : points(usages)) {
            ObjectNode entry = json.with(point.experiment()).withArray(point.stage()).addObject();
            entry.set("point", point.values().toJson());
            ArrayNode seeds = entry.putArray("seeds");
            ArrayNode runs = entry.putArray("runs");
            List<RunResult> done = new ArrayList<>();
            for (Usage usage : point.usages()) {
                seeds.add(usage.seed());
                runs.add(usage.id().value());
                result(usage.id()).ifPresent(done::add);
            }
            entry.put("done", done.size());
            ObjectNode series = entry.putObject("series");
            if (done.isEmpty()) {
                continue;
            }
            TreeSet<String> names = new TreeSet<>(done.get(0).names());
            done.forEach(result -> names.retainAll(result.names()));
            for (String name : names) {
                List<double[]> values = new ArrayList<>();
                int length = Integer.MAX_VALUE;
                for (RunResult result : done) {
                    double[] one = result.series(name).orElseThrow();
                    values.add(one);
                    length = Math.min(length, one.length);
                }
                ObjectNode aggregate = series.putObject(name);
                ArrayNode mean = aggregate.putArray("mean");
                ArrayNode low = aggregate.putArray("low");
                ArrayNode high = aggregate.putArray("high");
                for (int i = 0; i < length; i++) {
                    double[] atIndex = new double[values.size()];
                    for (int s = 0; s < atIndex.length; s++) {
                        atIndex[s] = values.get(s)[i];
                    }
                    MeanInterval interval = MeanInterval.of(atIndex);
                    add(mean, interval.mean());
                    add(low, interval.low());
                    add(high, interval.high());
                }
            }
        }
        return json;
    }

    static void add(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            array.addNull();
        }
    }

    static void put(ObjectNode object, String name, double value) {
        if (Double.isFinite(value)) {
            object.put(name, value);
        } else {
            object.putNull(name);
        }
    }
}
