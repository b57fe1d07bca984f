package org.icl4j.engine.djl;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the settings records as text by their component names, so that a setting's name in a spec,
 * in {@code --set}, in config.json and in docs/TRAINING.md is, by construction, the name of its record component.
 * Components are {@code int}, {@code long}, {@code double}, {@code String}, or a type with {@code id()} and a
 * static {@code fromId(String)} (the model's enums).
 */
final class SettingValues {

    private SettingValues() {
    }

    /**
     * @param type a settings record type
     * @return its setting names, in component order
     */
    static List<String> names(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName());
        }
        return names;
    }

    /**
     * @param settings a settings record
     * @return name → value text, in component order
     */
    static Map<String, String> values(Record settings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value = invoke(component.getAccessor(), settings);
            values.put(component.getName(), text(value));
        }
        return values;
    }

    /**
     * @param type a settings record type
     * @param values text of at least every component, by name
     * @param <R> the type
     * @return the validated record
     * @throws IllegalArgumentException naming a missing, malformed or out-of-range setting
     */
    static <R extends Record> R parse(Class<R> type, Map<String, String> values) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            types[i] = components[i].getType();
            String text = values.get(name);
            if (text == null) {
                throw new IllegalArgumentException("setting '" + name + "' is missing");
            }
            arguments[i] = value(name, types[i], text.strip());
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("settings record " + type.getName() + " cannot be built", e);
        }
    }

    private static Object value(String name, Class<?> type, String text) {
        try {
            if (type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class) {
                return Long.parseLong(text);
            }
            if (type == double.class) {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("setting '" + name + "' must be a finite number, found '" + text + "'");
                }
                return value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + name + "' must be " + (type == double.class ? "a number"
                    : "an integer") + ", found '" + text + "'");
        }
        if (type == String.class) {
            return text;
        }
        Method fromId;
        try {
            fromId = type.getMethod("fromId", String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("setting '" + name + "' has type " + type.getName()
                    + ", which has no fromId(String)", e);
        }
        return invoke(fromId, null, text);
    }

    private static String text(Object value) {
        if (value instanceof Number || value instanceof String) {
            return String.valueOf(value);
        }
        try {
            return (String) value.getClass().getMethod("id").invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a setting of type " + value.getClass().getName() + " has no id()", e);
        }
    }

    private static Object invoke(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
