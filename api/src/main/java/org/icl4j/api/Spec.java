package org.icl4j.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named component with parameters, written as a short string: {@code name} or
 * {@code name:key=value,key=value}, e.g. {@code ridge:lambda=0.25} or {@code knn:k=3,weights=inverse-square}.
 *
 * <p>Lists of specs are separated by commas or semicolons: a comma-separated item that contains {@code =} but
 * no {@code name:} prefix continues the previous spec's parameters, so
 * {@code ols,knn:k=3,weights=uniform,ridge:lambda=0.1} is three specs.
 *
 * @param name the component's name (letters, digits, {@code - _ .})
 * @param parameters the parameters in the order written; keys are unique
 */
public record Spec(String name, Map<String, String> parameters) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * Validates the name and parameter keys and copies the map.
     *
     * @param name the component's name (letters, digits, {@code - _ .})
     * @param parameters the parameters in the order written; keys are unique
     */
    public Spec {
        requireNonNull(name, "name is null");
        requireNonNull(parameters, "parameters is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("malformed component name '" + name
                    + "': expected letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (!NAME.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException("malformed parameter name '" + entry.getKey() + "' in spec of '"
                        + name + "': expected letters, digits, '-', '_' or '.'");
            }
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw new IllegalArgumentException("parameter '" + entry.getKey() + "' of '" + name
                        + "' has an empty value: write " + entry.getKey() + "=VALUE");
            }
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * A spec without parameters.
     *
     * @param name the component's name
     * @return the spec
     */
    public static Spec of(String name) {
        return new Spec(name, Map.of());
    }

    /**
     * Parses one spec string.
     *
     * @param text e.g. {@code ridge:lambda=0.25}
     * @return the spec
     * @throws IllegalArgumentException naming the malformed part
     */
    public static Spec parse(String text) {
        List<Spec> specs = parseList(text);
        if (specs.size() != 1) {
            throw new IllegalArgumentException("expected one component spec, found " + specs.size() + " in '" + text + "'");
        }
        return specs.get(0);
    }

    /**
     * Parses a list of specs separated by commas or semicolons.
     *
     * @param text e.g. {@code ols,ridge:lambda=0.1,knn:k=3,weights=uniform}
     * @return the specs in order
     * @throws IllegalArgumentException naming the malformed part
     */
    public static List<Spec> parseList(String text) {
        requireNonNull(text, "spec text is null");
        List<Spec> result = new ArrayList<>();
        String currentName = null;
        Map<String, String> currentParameters = null;
        for (String group : text.split(";", -1)) {
            for (String rawItem : group.split(",", -1)) {
                String item = rawItem.strip();
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("empty item in component list '" + text
                            + "': expected NAME or NAME:KEY=VALUE separated by commas");
                }
                int colon = item.indexOf(':');
                int equals = item.indexOf('=');
                boolean startsSpec = equals < 0 || (colon >= 0 && colon < equals);
                String assignment;
                if (startsSpec) {
                    if (currentName != null) {
                        result.add(new Spec(currentName, currentParameters));
                    }
                    currentName = colon >= 0 ? item.substring(0, colon).strip() : item;
                    currentParameters = new LinkedHashMap<>();
                    if (colon < 0) {
                        continue;
                    }
                    assignment = item.substring(colon + 1).strip();
                    if (assignment.isEmpty()) {
                        throw new IllegalArgumentException("'" + item + "' has a ':' but no parameters: write "
                                + currentName + ":KEY=VALUE or just " + currentName);
                    }
                } else {
                    if (currentName == null) {
                        throw new IllegalArgumentException("parameter '" + item + "' comes before any component name in '"
                                + text + "': write NAME:" + item);
                    }
                    assignment = item;
                }
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("malformed parameter '" + assignment + "' of '" + currentName
                            + "': expected KEY=VALUE");
                }
                String key = assignment.substring(0, eq).strip();
                String value = assignment.substring(eq + 1).strip();
                if (currentParameters.put(key, value) != null) {
                    throw new IllegalArgumentException("parameter '" + key + "' given twice for '" + currentName + "'");
                }
            }
        }
        if (currentName != null) {
            result.add(new Spec(currentName, currentParameters));
        }
        return result;
    }

    /**
     * Fails unless every parameter key is one of {@code allowed}.
     *
     * @param allowed the parameter names the component accepts
     * @return this spec
     */
    public Spec requireKnownParameters(Collection<String> allowed) {
        for (String key : parameters.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' for '" + name + "'; "
                        + (allowed.isEmpty() ? "it takes no parameters" : "allowed: " + String.join(", ", allowed)));
            }
        }
        return this;
    }

    /**
     * @param key parameter name
     * @return the raw value, if given
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(parameters.get(key));
    }

    /**
     * @param key parameter name
     * @param defaultValue value when absent
     * @return the parameter as a string
     */
    public String stringValue(String key, String defaultValue) {
        return parameters.getOrDefault(key, defaultValue);
    }

    /**
     * @param key parameter name
     * @param defaultValue value when absent
     * @return the parameter as a finite double; fractions such as {@code 1/16} are accepted
     */
    public double doubleValue(String key, double defaultValue) {
        String raw = parameters.get(key);
        if (raw == null) {
            return defaultValue;
        }
        double value;
        try {
            int slash = raw.indexOf('/');
            value = slash > 0
                    ? Double.parseDouble(raw.substring(0, slash)) / Double.parseDouble(raw.substring(slash + 1))
                    : Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' of '" + name + "' must be a number, found '"
                    + raw + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' of '" + name + "' must be finite, found '"
                    + raw + "'" + (raw.matches("(?i).*[0-9].*") && !raw.matches("(?i).*(nan|inf).*")
                            ? " (beyond the range of a double, about ±1.8e308)" : ""));
        }
        if (value == 0 && raw.matches("[^eE]*[1-9].*")) {
            throw new IllegalArgumentException("parameter '" + key + "' of '" + name + "' is '" + raw
                    + "', which is too small for a double and would be read as 0 (the smallest positive double is "
                    + "about 4.9e-324)");
        }
        return value;
    }

    /**
     * @param key parameter name
     * @param defaultValue value when absent
     * @return the parameter as an int
     */
    public int intValue(String key, int defaultValue) {
        String raw = parameters.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            if (raw.strip().matches("[+-]?[0-9]+")) {
                throw new IllegalArgumentException("parameter '" + key + "' of '" + name + "' is " + raw.strip()
                        + ", beyond the range of an int (" + Integer.MIN_VALUE + " … " + Integer.MAX_VALUE + ")");
            }
            throw new IllegalArgumentException("parameter '" + key + "' of '" + name + "' must be an integer, found '"
                    + raw + "'");
        }
    }

    /**
     * @param key parameter name
     * @param defaultValue value when absent
     * @return the parameter as a boolean ({@code true} or {@code false})
     */
    public boolean booleanValue(String key, boolean defaultValue) {
        String raw = parameters.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new IllegalArgumentException("parameter '" + key + "' of '" + name + "' must be true or false, found '"
                + raw + "'");
    }

    /**
     * A copy with one parameter set (added or replaced).
     *
     * @param key parameter name
     * @param value its value
     * @return the new spec
     */
    public Spec with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value);
        return new Spec(name, copy);
    }

    /** @return the canonical string form, {@code name} or {@code name:k=v,k=v}, which {@link #parse} reads back */
    @Override
    public String toString() {
        if (parameters.isEmpty()) {
            return name;
        }
        StringBuilder text = new StringBuilder(name).append(':');
        String separator = "";
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
            separator = ",";
        }
        return text.toString();
    }
}
