package org.icl4j.harness.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (one jar, or the jars of one plugin folder). It sees three things, in this order:
 * the JDK (through the platform class loader, so a plugin cannot replace {@code java.*} classes); the SPI, that
 * is the classes and resources of the packages in {@link #SPI_PACKAGES}, taken from the host so that a plugin's
 * {@code Plugin}, {@code Estimator} and the rest are the host's types; and the plugin's own jars. Every other
 * class of the host (the harness, the built-in algorithms, Jackson, DJL) is invisible: a plugin resolves its
 * dependencies inside its own jars and can bundle its own version of a library the host also uses.
 */
final class PluginClassLoader extends URLClassLoader {

    /** The packages a plugin shares with the host: the API and nothing else (its sub-packages are not included). */
    static final List<String> SPI_PACKAGES = List.of("org.icl4j.api");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    /**
     * @param name the loader's name, shown in stack traces (the plugin's jar or folder)
     * @param urls the plugin's jars
     * @param spiLoader the host class loader that defines the SPI classes
     */
    PluginClassLoader(String name, URL[] urls, ClassLoader spiLoader) {
        super(name, urls, ClassLoader.getPlatformClassLoader());
        this.spiLoader = requireNonNull(spiLoader, "spiLoader is null");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && isSpiClass(name)) {
                loaded = spiLoader.loadClass(name);
            }
            if (loaded == null) {
                // Parent first: the parent is the platform class loader, so this is the JDK, then the plugin's jars.
                return super.loadClass(name, resolve);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        return isSpiResource(name) ? spiLoader.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isSpiResource(name) ? spiLoader.getResources(name) : super.getResources(name);
    }

    static boolean isSpiClass(String className) {
        int dot = className.lastIndexOf('.');
        return dot > 0 && SPI_PACKAGES.contains(className.substring(0, dot));
    }

    private static boolean isSpiResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        int slash = path.lastIndexOf('/');
        return slash > 0 && SPI_PACKAGES.contains(path.substring(0, slash).replace('/', '.'));
    }
}
