package org.icl4j.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a YAML document together with its key path and its position in the file, so that every schema
 * check can fail with one message naming the file, line and key. Jackson's tree model drops token positions,
 * so the document is built here from the parser's tokens.
 */
final class SpecNode {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Path file;
    private final Map<String, JsonLocation> locations;
    private final String path;
    private final JsonNode value;

    private SpecNode(Path file, Map<String, JsonLocation> locations, String path, JsonNode value) {
        this.file = file;
        this.locations = locations;
        this.path = path;
        this.value = value;
    }

    /**
     * Reads a YAML document. A duplicate key is an error.
     *
     * @param file the file
     * @param text its contents
     * @return the root node
     * @throws MalformedSpecException when the text is not YAML or holds a duplicate key
     */
    static SpecNode parse(Path file, String text) throws MalformedSpecException {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new MalformedSpecException(file, 0, 0, "", "the file is empty; expected an experiment spec");
            }
            JsonNode root = read(file, parser, "", locations);
            return new SpecNode(file, locations, "", root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedSpecException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " ").trim());
        } catch (IOException e) {
            throw new MalformedSpecException(file, 0, 0, "", "cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode read(Path file, JsonParser parser, String path, Map<String, JsonLocation> locations)
            throws IOException, MalformedSpecException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonLocation here = parser.currentTokenLocation();
        locations.putIfAbsent(path, here);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = child(path, name);
                    JsonLocation keyAt = parser.currentTokenLocation();
                    if (object.has(name)) {
                        throw new MalformedSpecException(file, keyAt.getLineNr(), keyAt.getColumnNr(), child,
                                "duplicate key; each key may appear once");
                    }
                    locations.put(child, keyAt);
                    parser.nextToken();
                    object.set(name, read(file, parser, child, locations));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(file, parser, path + "[" + index++ + "]", locations));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return nodes.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new MalformedSpecException(file, here.getLineNr(), here.getColumnNr(), path,
                    "unexpected YAML token " + token);
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** @return the spec file */
    Path file() {
        return file;
    }

    /** @return the key path, such as {@code stages[0].settings} */
    String path() {
        return path;
    }

    /** @return the Jackson value */
    JsonNode value() {
        return value;
    }

    /** @return the 1-based line of this node */
    int line() {
        JsonLocation at = locations.get(path);
        return at == null ? 0 : at.getLineNr();
    }

    /**
     * @param problem what is wrong and what is allowed
     * @return an error located at this node
     */
    MalformedSpecException error(String problem) {
        JsonLocation at = locations.get(path);
        return new MalformedSpecException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                path, problem);
    }

    private SpecNode at(String childPath, JsonNode childValue) {
        return new SpecNode(file, locations, childPath, childValue);
    }

    /**
     * Checks that this node is a mapping whose keys are all allowed and that the required ones are present.
     *
     * @param what what the mapping is, for messages ("a stage")
     * @param required keys that must be present
     * @param optional keys that may be present
     * @return this node
     * @throws MalformedSpecException otherwise
     */
    SpecNode mapping(String what, Collection<String> required, Collection<String> optional) throws MalformedSpecException {
        if (!value.isObject()) {
            throw error("expected " + what + " (a mapping), found " + describe(value));
        }
        List<String> allowed = new ArrayList<>(required);
        allowed.addAll(optional);
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw at(child(path, name), value.get(name)).error("unknown key '" + name + "' in " + what
                        + "; allowed: " + String.join(", ", allowed));
            }
        }
        for (String name : required) {
            if (!value.has(name)) {
                throw error("missing key '" + name + "' in " + what + "; required: " + String.join(", ", required));
            }
        }
        return this;
    }

    /**
     * @param name a key of this mapping that {@link #mapping} found present
     * @return its node
     */
    SpecNode get(String name) {
        return at(child(path, name), value.get(name));
    }

    /**
     * @param name a key of this mapping
     * @return its node, or empty when absent
     */
    Optional<SpecNode> find(String name) {
        return value.has(name) ? Optional.of(get(name)) : Optional.empty();
    }

    /** @return the entries of this mapping in file order */
    Map<String, SpecNode> entries() throws MalformedSpecException {
        if (!value.isObject()) {
            throw error("expected a mapping, found " + describe(value));
        }
        Map<String, SpecNode> entries = new LinkedHashMap<>();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            entries.put(name, get(name));
        }
        return entries;
    }

    /** @return the elements of this sequence */
    List<SpecNode> elements() throws MalformedSpecException {
        if (!value.isArray()) {
            throw error("expected a list, found " + describe(value));
        }
        List<SpecNode> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(at(path + "[" + i + "]", value.get(i)));
        }
        return elements;
    }

    /** @return this node's text */
    String text() throws MalformedSpecException {
        if (!value.isTextual()) {
            throw error("expected a string, found " + describe(value));
        }
        return value.textValue();
    }

    /**
     * @param pattern a regular expression the text must match
     * @param rule the rule in words, for the message
     * @return this node's text
     */
    String text(String pattern, String rule) throws MalformedSpecException {
        String text = text();
        if (!text.matches(pattern)) {
            throw error("'" + text + "' is not allowed; " + rule);
        }
        return text;
    }

    /**
     * @param allowed the allowed values
     * @return this node's text, one of {@code allowed}
     */
    String oneOf(List<String> allowed) throws MalformedSpecException {
        String text = text();
        if (!allowed.contains(text)) {
            throw error("'" + text + "' is not allowed; allowed: " + String.join(", ", allowed));
        }
        return text;
    }

    /** @return this node as a whole number */
    long integer() throws MalformedSpecException {
        if (!value.isIntegralNumber()) {
            throw error("expected a whole number, found " + describe(value));
        }
        return value.longValue();
    }

    /** @return this node as a finite number */
    double number() throws MalformedSpecException {
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw error("expected a finite number, found " + describe(value));
        }
        return value.doubleValue();
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the string '" + node.textValue() + "'";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        return "nothing (null)";
    }
}
