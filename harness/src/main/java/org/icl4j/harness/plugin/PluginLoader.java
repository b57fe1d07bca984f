package org.icl4j.harness.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.icl4j.api.Plugin;

/**
 * Finds {@link Plugin}s with {@link ServiceLoader}: those on the class path (the built-in algorithms and engines)
 * and those in the jars of an optional plugins folder, which are loaded by a {@link URLClassLoader} whose parent
 * is the application's class loader, so plugin jars see the API and may omit it (scope {@code provided}).
 */
public final class PluginLoader {

    private PluginLoader() {
    }

    /**
     * Discovers plugins.
     *
     * @param parent the class loader that sees the class path (normally the application's)
     * @param pluginsFolder a folder whose {@code *.jar} files are plugin jars, or null for the class path only
     * @return the plugins in discovery order (class path first, then jars by file name); each class once
     * @throws IllegalArgumentException when the folder does not exist, is not a folder, or a plugin cannot be
     *     instantiated
     * @throws IOException when the folder cannot be listed
     */
    public static List<LoadedPlugin> discover(ClassLoader parent, Path pluginsFolder) throws IOException {
        ClassLoader loader = parent;
        if (pluginsFolder != null) {
            loader = new URLClassLoader("icl4j-plugins", jarUrls(pluginsFolder), parent);
        }
        List<LoadedPlugin> result = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        try {
            for (Plugin plugin : ServiceLoader.load(Plugin.class, loader)) {
                // A jar that is both on the class path and in the folder yields the class-path class twice.
                if (seen.add(plugin.getClass())) {
                    result.add(new LoadedPlugin(plugin, plugin.name(), location(plugin.getClass())));
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("cannot load a plugin: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
                    + "; check the plugin jar's META-INF/services/org.icl4j.api.Plugin and its dependencies", e);
        }
        return List.copyOf(result);
    }

    private static URL[] jarUrls(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("plugins folder " + folder + " does not exist; pass a folder of plugin jars");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--plugins must name a folder of plugin jars, found a file: " + folder);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IOException("cannot form a URL for plugin jar " + jars.get(i), e);
            }
        }
        return urls;
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "class path";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (Exception e) {
            return source.getLocation().toString();
        }
    }
}
