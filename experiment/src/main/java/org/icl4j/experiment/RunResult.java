package org.icl4j.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What a run step reports: named series of numbers. A per-prefix metric is a series indexed by k (e.g.
 * {@code spd/ols}), a per-layer probe error a series indexed by layer, a single number a series of length one.
 * Claims and aggregation read series by name; docs/EXPERIMENTS.md lists the names each kind of step reports.
 * Non-finite entries are kept (written as {@code null} in JSON).
 */
public final class RunResult {
    private final Map<String, double[]> series;

    private RunResult(Map<String, double[]> series) {
        this.series = Collections.unmodifiableMap(series);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a result with no series (a step whose output is only its folder, such as a training) */
    public static RunResult empty() {
        return new RunResult(new TreeMap<>());
    }

    /** @return the series' names, sorted */
    public java.util.Set<String> names() {
        return series.keySet();
    }

    /**
     * @param name a series' name
     * @return a copy of the series, if present
     */
    public Optional<double[]> series(String name) {
        double[] values = series.get(name);
        return values == null ? Optional.empty() : Optional.of(values.clone());
    }

    /** @return the result as JSON: {@code {"name": [values…]}}, names sorted */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        series.forEach((name, values) -> {
            ArrayNode array = json.putArray(name);
            for (double value : values) {
                if (Double.isFinite(value)) {
                    array.add(value);
                } else {
                    array.addNull();
                }
            }
        });
        return json;
    }

    /**
     * @param json a result written by {@link #toJson()}
     * @return the result
     */
    public static RunResult fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a run result is a JSON object of series, found " + json.getNodeType());
        }
        Builder builder = builder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray()) {
                throw new IllegalArgumentException("series '" + field.getKey() + "' must be an array of numbers");
            }
            double[] values = new double[field.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode value = field.getValue().get(i);
                values[i] = value.isNull() ? Double.NaN : value.doubleValue();
            }
            builder.series(field.getKey(), values);
        }
        return builder.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RunResult result && toJson().equals(result.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** Collects series. */
    public static final class Builder {
        private final Map<String, double[]> series = new TreeMap<>();

        private Builder() {
        }

        /**
         * @param name the series' name, unique in the result
         * @param values its values (copied)
         * @return this builder
         */
        public Builder series(String name, double... values) {
            requireNonNull(name, "name is null");
            requireNonNull(values, "values is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a series needs a name");
            }
            if (series.putIfAbsent(name, values.clone()) != null) {
                throw new IllegalArgumentException("series '" + name + "' given twice");
            }
            return this;
        }

        /** @return the result */
        public RunResult build() {
            return new RunResult(new TreeMap<>(series));
        }
    }
}
