package org.icl4j.harness.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Plugin;
import org.icl4j.testkit.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each plugin jar or plugin folder is loaded in its own class loader that shares only {@code org.icl4j.api} (and the
 * JDK) with the host. The test plugins look classes up from inside their own code and report what they found in
 * their estimator's description, so the assertions read what the plugin itself saw.
 */
class PluginIsolationTest {

    /** A plugin whose one estimator factory describes how the plugin's loader resolves a list of class names. */
    private static final String PROBE_PLUGIN = """
            package org.example.probe;

            import java.util.ArrayList;
            import java.util.Collection;
            import java.util.List;
            import org.icl4j.api.*;

            public final class ProbePlugin implements Plugin {
                static final String[] NAMES = {%s};

                @Override public String name() { return "%s"; }

                @Override public Collection<ComponentFactory<Estimator>> estimators() {
                    return List.of(new ComponentFactory<Estimator>() {
                        @Override public String name() { return "%s"; }
                        @Override public String description() { return probe() + ";" + %s; }
                        @Override public List<Parameter> parameters() { return List.of(); }
                        @Override public Estimator create(Spec spec, CreationContext context) {
                            throw new UnsupportedOperationException("a probe");
                        }
                    });
                }

                static String probe() {
                    List<String> found = new ArrayList<>();
                    ClassLoader own = ProbePlugin.class.getClassLoader();
                    for (String name : NAMES) {
                        try {
                            Class<?> type = Class.forName(name, false, own);
                            found.add(name + "=" + (type.getClassLoader() == own ? "own"
                                    : type.getClassLoader() == Plugin.class.getClassLoader() ? "spi" : "jdk"));
                        } catch (ClassNotFoundException e) {
                            found.add(name + "=ClassNotFoundException");
                        }
                    }
                    return String.join(",", found);
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void aPluginSeesTheSpiAndTheJdkButNoHostInternalClass() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        // Each of these is on this test's class path, so a shared class loader would find them.
        assertThat(List.of(org.icl4j.harness.Icl4j.class, com.fasterxml.jackson.databind.ObjectMapper.class,
                org.icl4j.formats.Provenance.class, org.icl4j.algorithms.BuiltinPlugin.class)).hasSize(4);
        probeJar(plugins.resolve("probe.jar"), "probe", "probe-estimator", "\"\"",
                "org.icl4j.harness.Icl4j", "com.fasterxml.jackson.databind.ObjectMapper",
                "org.icl4j.formats.Provenance", "org.icl4j.algorithms.BuiltinPlugin", "org.icl4j.testkit.TestEpisodes",
                "org.icl4j.api.Estimator", "java.util.List");

        String seen = description(PluginLoader.discover(getClass().getClassLoader(), plugins), "probe-estimator");

        assertThat(seen.split(";")[0].split(",")).containsExactly(
                "org.icl4j.harness.Icl4j=ClassNotFoundException",
                "com.fasterxml.jackson.databind.ObjectMapper=ClassNotFoundException",
                "org.icl4j.formats.Provenance=ClassNotFoundException",
                "org.icl4j.algorithms.BuiltinPlugin=ClassNotFoundException",
                "org.icl4j.testkit.TestEpisodes=ClassNotFoundException",
                "org.icl4j.api.Estimator=spi",
                "java.util.List=jdk");
    }

    @Test
    void aPluginThatBundlesItsOwnCopyOfAHostClassSeesItsOwn() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        // Same names as classes of the host's class path, with members the host's classes do not have: the plugin
        // compiles and links against its own copies only if its loader resolves them in its own jar.
        PluginJars.in(temp)
                .source("org.example.probe.ProbePlugin", probeSource("bundling", "bundling-estimator",
                        "com.fasterxml.jackson.databind.ObjectMapper.origin() + \",\" + org.icl4j.formats.Provenance.origin()",
                        "com.fasterxml.jackson.databind.ObjectMapper", "org.icl4j.formats.Provenance"))
                .source("com.fasterxml.jackson.databind.ObjectMapper", """
                        package com.fasterxml.jackson.databind;
                        public final class ObjectMapper { public static String origin() { return "plugin's ObjectMapper"; } }
                        """)
                .source("org.icl4j.formats.Provenance", """
                        package org.icl4j.formats;
                        public final class Provenance { public static String origin() { return "plugin's Provenance"; } }
                        """)
                .plugin("org.example.probe.ProbePlugin")
                .build(plugins.resolve("bundling.jar"));

        List<LoadedPlugin> loaded = PluginLoader.discover(getClass().getClassLoader(), plugins);

        assertThat(description(loaded, "bundling-estimator")).isEqualTo(
                "com.fasterxml.jackson.databind.ObjectMapper=own,org.icl4j.formats.Provenance=own;"
                        + "plugin's ObjectMapper,plugin's Provenance");
        // ...while the host keeps its own classes of the same names.
        assertThat(com.fasterxml.jackson.databind.ObjectMapper.class.getClassLoader())
                .isSameAs(getClass().getClassLoader());
    }

    @Test
    void twoPluginsWithDifferentVersionsOfOneLibraryEachUseTheirOwn() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        for (String version : List.of("1", "2")) {
            PluginJars.in(temp)
                    .source("org.example.probe.ProbePlugin", probeSource("uses-v" + version, "estimator-v" + version,
                            "org.example.shared.Library.version()", "org.example.shared.Library"))
                    .source("org.example.shared.Library", """
                            package org.example.shared;
                            public final class Library { public static String version() { return "library %s"; } }
                            """.formatted(version))
                    .plugin("org.example.probe.ProbePlugin")
                    .build(plugins.resolve("uses-v" + version + ".jar"));
        }

        List<LoadedPlugin> loaded = PluginLoader.discover(getClass().getClassLoader(), plugins);

        assertThat(description(loaded, "estimator-v1")).isEqualTo("org.example.shared.Library=own;library 1");
        assertThat(description(loaded, "estimator-v2")).isEqualTo("org.example.shared.Library=own;library 2");
    }

    @Test
    void aPluginFolderIsOnePluginWhoseDependencyJarsResolveInsideItsLoader() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path folder = Files.createDirectories(plugins.resolve("with-dependency"));
        Path library = PluginJars.in(temp)
                .source("org.example.dependency.Greeting", """
                        package org.example.dependency;
                        public final class Greeting { public static String text() { return "from the dependency jar"; } }
                        """)
                .build(folder.resolve("dependency.jar"));
        PluginJars.in(temp)
                .classPath(library)
                .source("org.example.probe.ProbePlugin", probeSource("with-dependency", "dependent-estimator",
                        "org.example.dependency.Greeting.text()", "org.example.dependency.Greeting"))
                .plugin("org.example.probe.ProbePlugin")
                .build(folder.resolve("plugin.jar"));
        // Folders without jars (such as a Maven module's source folder next to the built jars) are not plugins.
        Files.createDirectories(plugins.resolve("sources/src"));
        Files.writeString(plugins.resolve("README.md"), "not a jar");

        List<LoadedPlugin> loaded = PluginLoader.discover(getClass().getClassLoader(), plugins);

        assertThat(description(loaded, "dependent-estimator"))
                .isEqualTo("org.example.dependency.Greeting=own;from the dependency jar");
        assertThat(loaded.stream().filter(p -> p.name().equals("with-dependency")).findFirst().orElseThrow().location())
                .isEqualTo(folder.resolve("plugin.jar").toString());
    }

    @Test
    void theSameJarLoadedTwiceGivesTwoDistinctClassesAndADuplicatePluginName() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = probeJar(plugins.resolve("probe-1.0.jar"), "probe", "probe-estimator", "\"\"", "java.util.List");
        Path stale = Files.copy(jar, plugins.resolve("probe-0.9.jar"));

        List<LoadedPlugin> loaded = PluginLoader.discover(getClass().getClassLoader(), plugins);
        List<LoadedPlugin> copies = loaded.stream().filter(p -> p.name().equals("probe")).toList();

        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).plugin().getClass()).isNotSameAs(copies.get(1).plugin().getClass());
        assertThatThrownBy(() -> Registry.of(loaded))
                .isInstanceOf(DuplicateNameException.class)
                .hasMessageContaining("duplicate plugin name 'probe'")
                .hasMessageContaining(stale.toString())
                .hasMessageContaining(jar.toString());
    }

    @Test
    void classPathPluginsStayOnTheApplicationClassLoader() throws Exception {
        List<LoadedPlugin> loaded = PluginLoader.discover(getClass().getClassLoader(), null);

        LoadedPlugin builtin = loaded.stream().filter(p -> p.plugin() instanceof org.icl4j.algorithms.BuiltinPlugin)
                .findFirst().orElseThrow();
        assertThat(builtin.plugin().getClass().getClassLoader()).isSameAs(getClass().getClassLoader());
    }

    private Path probeJar(Path jar, String pluginName, String estimatorName, String extra, String... names)
            throws Exception {
        return PluginJars.in(temp)
                .source("org.example.probe.ProbePlugin", probeSource(pluginName, estimatorName, extra, names))
                .plugin("org.example.probe.ProbePlugin")
                .build(jar);
    }

    private static String probeSource(String pluginName, String estimatorName, String extra, String... names) {
        String quoted = String.join(", ", java.util.Arrays.stream(names).map(n -> "\"" + n + "\"").toList());
        return PROBE_PLUGIN.formatted(quoted, pluginName, estimatorName, extra);
    }

    private static String description(List<LoadedPlugin> plugins, String estimator) {
        for (LoadedPlugin loaded : plugins) {
            Plugin plugin = loaded.plugin();
            for (ComponentFactory<Estimator> factory : plugin.estimators()) {
                if (factory.name().equals(estimator)) {
                    return factory.description();
                }
            }
        }
        throw new AssertionError("no estimator " + estimator + " in " + plugins);
    }
}
