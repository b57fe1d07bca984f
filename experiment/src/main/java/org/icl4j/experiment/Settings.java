package org.icl4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The settings of one run, in normal form: keys sorted, whole numbers as {@code Long} whatever their spelling
 * ({@code 1}, {@code 1.0}), other numbers as {@code Double}, strings, booleans, lists and nested mappings. Two
 * spellings of the same settings are equal and have the same {@link #canonicalJson()}, which is what a run's
 * identity is computed from.
 *
 * <p>Values are plain Java objects so that a run step needs no JSON library: {@link #string}, {@link #integer},
 * {@link #number}, {@link #settings} and {@link #get} read them.
 */
public final class Settings {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    /** Integral doubles below this magnitude are exact as longs (2^53). */
    private static final double EXACT_INTEGER_LIMIT = 9.007199254740992E15;

    private final SortedMap<String, Object> values;

    private Settings(SortedMap<String, Object> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /** @return settings with no keys */
    public static Settings empty() {
        return new Settings(new TreeMap<>());
    }

    /**
     * @param values keys to values (strings, numbers, booleans, lists, maps, {@code Settings})
     * @return the settings in normal form
     * @throws IllegalArgumentException for a non-finite number, a null or a value of another type
     */
    public static Settings of(Map<String, ?> values) {
        requireNonNull(values, "values is null");
        SortedMap<String, Object> normal = new TreeMap<>();
        values.forEach((key, value) -> normal.put(requireNonNull(key, "key is null"), normalise(key, value)));
        return new Settings(normal);
    }

    /**
     * @param json a JSON object
     * @return its settings in normal form
     */
    public static Settings fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("settings must be a JSON object, found " + json.getNodeType());
        }
        return (Settings) normalise("settings", json);
    }

    static Object normalise(String key, Object value) {
        if (value instanceof Settings settings) {
            return settings;
        }
        if (value instanceof JsonNode node) {
            return normaliseJson(key, node);
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return normaliseNumber(key, number);
        }
        if (value instanceof List<?> list) {
            List<Object> normal = new ArrayList<>(list.size());
            for (Object element : list) {
                normal.add(normalise(key, element));
            }
            return Collections.unmodifiableList(normal);
        }
        if (value instanceof Map<?, ?> map) {
            SortedMap<String, Object> normal = new TreeMap<>();
            map.forEach((k, v) -> normal.put(String.valueOf(k), normalise(String.valueOf(k), v)));
            return new Settings(normal);
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a string, number, boolean, list or mapping, found "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static Object normaliseJson(String key, JsonNode node) {
        if (node.isObject()) {
            SortedMap<String, Object> normal = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                normal.put(field.getKey(), normaliseJson(field.getKey(), field.getValue()));
            }
            return new Settings(normal);
        }
        if (node.isArray()) {
            List<Object> normal = new ArrayList<>(node.size());
            node.forEach(element -> normal.add(normaliseJson(key, element)));
            return Collections.unmodifiableList(normal);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return normaliseNumber(key, node.numberValue());
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a string, number, boolean, list or mapping, found "
                + node.getNodeType());
    }

    private static Object normaliseNumber(String key, Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("setting '" + key + "' must be a finite number, found " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT) {
            return (long) value;
        }
        return value;
    }

    /** @return the keys and normalised values, sorted by key */
    public SortedMap<String, Object> values() {
        return values;
    }

    /**
     * @param key a key
     * @return its value, if present
     */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key a key that must hold a string
     * @return the string
     */
    public String string(String key) {
        return typed(key, String.class, "a string");
    }

    /**
     * @param key a key that must hold a whole number
     * @return the number
     */
    public long integer(String key) {
        return typed(key, Long.class, "a whole number");
    }

    /**
     * @param key a key that must hold a number
     * @return the number
     */
    public double number(String key) {
        return typed(key, Number.class, "a number").doubleValue();
    }

    /**
     * @param key a key that must hold a mapping
     * @return the nested settings
     */
    public Settings settings(String key) {
        return typed(key, Settings.class, "a mapping");
    }

    private <T> T typed(String key, Class<T> type, String what) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting '" + key + "'; present: " + String.join(", ", values.keySet()));
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("setting '" + key + "' must be " + what + ", found " + value);
        }
        return type.cast(value);
    }

    /**
     * @param key a key
     * @param value its value
     * @return these settings with {@code key} set to {@code value}
     */
    public Settings with(String key, Object value) {
        SortedMap<String, Object> copy = new TreeMap<>(values);
        copy.put(requireNonNull(key, "key is null"), normalise(key, value));
        return new Settings(copy);
    }

    /** @return these settings as a JSON object, keys sorted */
    public ObjectNode toJson() {
        return (ObjectNode) toJson(this);
    }

    static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value instanceof Settings settings) {
            ObjectNode object = nodes.objectNode();
            settings.values.forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        return nodes.textNode((String) value);
    }

    /** @return the canonical JSON text: no spaces, keys sorted, numbers in normal form */
    public String canonicalJson() {
        return canonicalJson(toJson());
    }

    static String canonicalJson(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param value a normalised value
     * @return its text as it appears inside a string: whole numbers without a decimal point
     */
    static String text(Object value) {
        return value instanceof Settings || value instanceof List<?> ? canonicalJson(toJson(value)) : String.valueOf(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings settings && values.equals(settings.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return canonicalJson();
    }
}
