package org.icl4j.cli.plugin;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the Guice injector that holds the registries, and turns Guice's start-up errors into one clear line.
 */
public final class Bootstrap {

    private static final Pattern DUPLICATE_MAP =
            Pattern.compile("\\[Guice/DuplicateMapKey].*Map<String, Registered<(?:ComponentFactory<)?(\\w+)");
    private static final Pattern KEY = Pattern.compile("^\\s*Key: \"(.*)\"\\s*$");
    private static final Pattern SOURCE = Pattern.compile("^\\s+\\d+ : (.+)$");

    private Bootstrap() {
    }

    /**
     * Creates the injector for the given plugins plus any extra modules (which, like every module, only bind).
     *
     * @param plugins the discovered plugins
     * @param extraModules further modules, e.g. a command's own bindings
     * @return the injector
     * @throws DuplicateNameException when two plugins contribute one name of one kind
     * @throws IllegalStateException for any other wiring error, with Guice's messages
     */
    public static Injector createInjector(List<LoadedPlugin> plugins, Module... extraModules) {
        List<Module> modules = new ArrayList<>();
        modules.add(new PluginModule(plugins));
        modules.addAll(List.of(extraModules));
        try {
            return Guice.createInjector(modules);
        } catch (CreationException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(CreationException e) {
        List<String> duplicates = duplicates(e.getMessage());
        if (!duplicates.isEmpty()) {
            return new DuplicateNameException(String.join("; ", duplicates)
                    + "; names must be unique across plugins: remove one of the plugin jars or rename the component", e);
        }
        List<String> lines = new ArrayList<>();
        for (Message message : e.getErrorMessages()) {
            lines.add(message.getMessage().lines().findFirst().orElse(""));
        }
        return new IllegalStateException("cannot wire the plugins: " + String.join("; ", lines), e);
    }

    /**
     * Reads Guice's duplicate-map-key report, which lists per map every duplicate key and the source of each of its
     * bindings (our {@link LoadedPlugin}s, set with {@code withSource}).
     */
    static List<String> duplicates(String report) {
        List<String> result = new ArrayList<>();
        String kind = "component";
        String key = null;
        Set<String> sources = new LinkedHashSet<>();
        for (String line : report.split("\\R")) {
            Matcher header = DUPLICATE_MAP.matcher(line);
            Matcher keyLine = KEY.matcher(line);
            Matcher sourceLine = SOURCE.matcher(line);
            if (header.find() || keyLine.find() || line.isBlank()) {
                if (key != null && sources.size() > 1) {
                    result.add("duplicate " + kind + " name '" + key + "' contributed by " + String.join(" and by ", sources));
                }
                key = null;
                sources = new LinkedHashSet<>();
                if (header.find(0)) {
                    kind = kindOf(header.group(1));
                } else if (keyLine.find(0)) {
                    key = keyLine.group(1);
                }
            } else if (key != null && sourceLine.find()) {
                sources.add(sourceLine.group(1).strip());
            }
        }
        if (key != null && sources.size() > 1) {
            result.add("duplicate " + kind + " name '" + key + "' contributed by " + String.join(" and by ", sources));
        }
        return result;
    }

    private static String kindOf(String typeName) {
        return switch (typeName) {
            case "Task" -> "task";
            case "Estimator" -> "estimator";
            case "Metric" -> "metric";
            case "EngineProvider" -> "engine";
            default -> typeName;
        };
    }
}
