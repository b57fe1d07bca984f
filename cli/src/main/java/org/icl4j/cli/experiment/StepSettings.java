package org.icl4j.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.experiment.Settings;

/** Turns a run's settings into the harness's spec strings: {@code {name: linear, d: 8}} → {@code linear:d=8}. */
final class StepSettings {

    private StepSettings() {
    }

    /**
     * @param where the setting's name, for messages
     * @param component a mapping with {@code name} and the component's parameters
     * @return the spec string, parameters in key order
     */
    static String spec(String where, Settings component) {
        Map<String, String> parameters = parameters(where, component, "name");
        String name = text(where + ".name", component.get("name").orElseThrow(() -> new IllegalArgumentException(
                "setting '" + where + "' needs a name, e.g. {name: linear, d: 8}; found " + component)));
        if (parameters.isEmpty()) {
            return name;
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((key, value) -> pairs.add(key + "=" + value));
        return name + ":" + String.join(",", pairs);
    }

    /**
     * @param where the setting's name, for messages
     * @param component a mapping of plain values
     * @param except a key to leave out
     * @return every other key's value as text, in key order
     */
    static Map<String, String> parameters(String where, Settings component, String except) {
        Map<String, String> parameters = new LinkedHashMap<>();
        component.values().forEach((key, value) -> {
            if (!key.equals(except)) {
                parameters.put(key, text(where + "." + key, value));
            }
        });
        return parameters;
    }

    /**
     * @param where the setting's name, for messages
     * @param value a string, number or boolean
     * @return its text in a spec: whole numbers without a decimal point
     */
    static String text(String where, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("setting '" + where + "' must be a string, number or boolean, found " + value);
    }

    /**
     * @param where the setting's name, for messages
     * @param value a list of strings
     * @return the list's elements as text
     */
    static List<String> list(String where, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("setting '" + where + "' must be a non-empty list, found " + value);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            texts.add(text(where + "[" + i + "]", list.get(i)));
        }
        return texts;
    }
}
