package org.icl4j.harness.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.icl4j.api.Plugin;

/**
 * Finds {@link Plugin}s with {@link ServiceLoader}: those on the class path (the built-in algorithms, engines and
 * exporter) and those of an optional plugins folder, each in its own {@link PluginClassLoader}.
 *
 * <p>In the plugins folder, every {@code *.jar} file is one plugin, and every sub-folder that holds
 * {@code *.jar} files is one plugin made of those jars (the plugin's own jar with its dependencies). Other files
 * and folders without jars are ignored. A plugin's class loader sees the JDK, the SPI package
 * {@code org.icl4j.api} and its own jars only, so its dependencies never clash with the host's or with another
 * plugin's. A jar that cannot be read, or a jar or folder that contributes no {@link Plugin} (no
 * {@code META-INF/services/org.icl4j.api.Plugin} entry), is an error naming it; so is a plugin class that cannot
 * be loaded or created.
 */
public final class PluginLoader {

    /** The service file that makes a jar a plugin. */
    static final String SERVICE_FILE = "META-INF/services/" + Plugin.class.getName();

    private PluginLoader() {
    }

    /**
     * Discovers plugins.
     *
     * @param parent the class loader that sees the class path (normally the application's)
     * @param pluginsFolder a folder of plugin jars and plugin folders, or null for the class path only
     * @return the plugins in discovery order (class path first, then the folder's plugins by file name)
     * @throws IllegalArgumentException when the folder does not exist or is not a folder, when one of its jars is
     *     unreadable or not a plugin, or when a plugin cannot be loaded or instantiated; the message names the jar
     * @throws IOException when the folder cannot be listed
     */
    public static List<LoadedPlugin> discover(ClassLoader parent, Path pluginsFolder) throws IOException {
        List<LoadedPlugin> result = new ArrayList<>(load(ServiceLoader.load(Plugin.class, parent), "the class path"));
        if (pluginsFolder == null) {
            return List.copyOf(result);
        }
        List<PluginClassLoader> loaders = new ArrayList<>();
        try {
            for (Path source : sources(pluginsFolder)) {
                List<Path> jars = Files.isDirectory(source) ? jarsIn(source) : List.of(source);
                for (Path jar : jars) {
                    requirePluginJar(jar, Files.isDirectory(source));
                }
                PluginClassLoader loader = new PluginClassLoader(source.toString(), urls(jars), Plugin.class.getClassLoader());
                loaders.add(loader);
                List<LoadedPlugin> found = load(ServiceLoader.load(Plugin.class, loader), source.toString());
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("plugin folder " + source + " is not an icl4j plugin: none of its jars "
                            + "has " + SERVICE_FILE + "; a plugin folder holds one plugin's jar and its dependencies");
                }
                result.addAll(found);
            }
        } catch (RuntimeException | IOException e) {
            for (PluginClassLoader loader : loaders) {
                loader.close();
            }
            throw e;
        }
        return List.copyOf(result);
    }

    private static List<LoadedPlugin> load(ServiceLoader<Plugin> services, String from) {
        List<LoadedPlugin> plugins = new ArrayList<>();
        try {
            for (Plugin plugin : services) {
                plugins.add(new LoadedPlugin(plugin, plugin.name(), location(plugin.getClass())));
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("cannot load a plugin from " + from + ": " + e.getMessage()
                    + (cause == e ? "" : " (" + cause + ")")
                    + "; a plugin jar sees only the JDK, org.icl4j.api and its own jars: put the jars it depends on "
                    + "with it in one plugin folder", e);
        }
        return plugins;
    }

    /** The plugin jars and plugin folders of {@code folder}, sorted by name. */
    private static List<Path> sources(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("plugins folder " + folder + " does not exist; pass a folder of plugin jars");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--plugins must name a folder of plugin jars, found a file: " + folder);
        }
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path path : files.sorted().toList()) {
                if (isJar(path) || Files.isDirectory(path) && !jarsIn(path).isEmpty()) {
                    sources.add(path);
                }
            }
        }
        return sources;
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(PluginLoader::isJar).sorted().toList();
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    /**
     * Opens the jar before any class is loaded from it, so that an empty, truncated or non-zip file is named
     * instead of skipped; a jar directly in the plugins folder must also list a plugin.
     */
    private static void requirePluginJar(Path jar, boolean inPluginFolder) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (!inPluginFolder && file.getEntry(SERVICE_FILE) == null) {
                throw new IllegalArgumentException("plugin jar " + jar + " is not an icl4j plugin: it has no " + SERVICE_FILE
                        + " entry; remove it from the plugins folder, or put it in a plugin folder with the plugin that needs it");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("plugin jar " + jar + " cannot be read as a jar ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); rebuild it or remove it from the plugins folder", e);
        }
    }

    private static URL[] urls(List<Path> jars) throws IOException {
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
