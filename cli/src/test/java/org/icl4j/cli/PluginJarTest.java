package org.icl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.testkit.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds real plugin jars inside the test (source compiled with the JDK's compiler, packed with
 * META-INF/services) and checks that {@code --plugins DIR} discovers them, and that a jar that is empty, corrupt,
 * not a plugin, or a second copy of another is one error line (exit 2) naming the jar.
 */
class PluginJarTest {

    private static final String PLUGIN_SOURCE = """
            package org.example.icl;

            import java.util.Collection;
            import java.util.List;
            import org.icl4j.api.*;

            public final class ConstantPlugin implements Plugin {
                @Override public String name() { return "%s"; }

                @Override public Collection<ComponentFactory<Estimator>> estimators() {
                    return List.of(new ComponentFactory<Estimator>() {
                        @Override public String name() { return "%s"; }
                        @Override public String description() { return "predicts a constant c"; }
                        @Override public List<Parameter> parameters() { return List.of(new Parameter("c", "0", "the constant")); }
                        @Override public Estimator create(Spec spec, CreationContext context) {
                            float c = (float) spec.doubleValue("c", 0);
                            return new Estimator() {
                                @Override public String name() { return spec.toString(); }
                                @Override public float[] predictPrefixes(EpisodeBatch e) {
                                    float[] out = new float[e.batch() * e.length()];
                                    java.util.Arrays.fill(out, c);
                                    return out;
                                }
                            };
                        }
                    });
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void pluginJarInFolderIsDiscoveredAndListedWithItsJar() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = buildPluginJar(plugins.resolve("constant-plugin.jar"), "constant");

        CliRunner.Result result = CliRunner.run("--plugins", plugins.toString(), "list");

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("constant-plugin  (" + jar + ")")
                .contains("  constant - predicts a constant c  [plugin constant-plugin]")
                .contains("      c=0  the constant")
                // the class-path test plugin is still there
                .contains("  fake-zero - predicts 0  [plugin fake-plugin]");
    }

    @Test
    void withoutThePluginsFolderTheJarsComponentsAreAbsent() {
        CliRunner.Result result = CliRunner.run("list");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).doesNotContain("constant-plugin").contains("fake-plugin");
    }

    @Test
    void duplicateNameBetweenJarAndClassPathFailsAtStartUpNamingBothPlugins() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = buildPluginJar(plugins.resolve("clash.jar"), "fake-zero");

        CliRunner.Result result = CliRunner.run("--plugins", plugins.toString(), "list");

        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("duplicate estimator name 'fake-zero'")
                .contains("plugin 'fake-plugin'")
                .contains("plugin 'constant-plugin' (from " + jar + ")");
    }

    @Test
    void missingPluginsFolderIsBadInput() {
        CliRunner.Result result = CliRunner.run("--plugins", temp.resolve("absent").toString(), "list");
        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .contains("plugins folder").contains("does not exist");
    }

    @Test
    void anEmptyJarIsBadInputNamingIt() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        buildPluginJar(plugins.resolve("constant-plugin.jar"), "constant");
        Path empty = Files.createFile(plugins.resolve("empty.jar"));

        assertOneErrorLineNaming(CliRunner.run("--plugins", plugins.toString(), "list"), empty, "cannot be read as a jar");
    }

    @Test
    void aCorruptJarIsBadInputNamingIt() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path good = buildPluginJar(temp.resolve("good.jar"), "constant");
        byte[] bytes = Files.readAllBytes(good);
        // The first half of a real jar: entries without the central directory that ends every zip file.
        Path truncated = Files.write(plugins.resolve("truncated.jar"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertOneErrorLineNaming(CliRunner.run("--plugins", plugins.toString(), "list"), truncated, "cannot be read as a jar");
    }

    @Test
    void aJarThatIsNotAPluginIsBadInputNamingIt() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path library = PluginJars.in(temp)
                .source("org.example.util.Helper", "package org.example.util; public final class Helper {}")
                .build(plugins.resolve("helper-library.jar"));

        assertOneErrorLineNaming(CliRunner.run("--plugins", plugins.toString(), "list"), library,
                "is not an icl4j plugin: it has no META-INF/services/org.icl4j.api.Plugin entry");
    }

    @Test
    void aJarWhosePluginClassIsMissingIsBadInputNamingIt() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path jar = PluginJars.in(temp).plugin("org.example.icl.Absent").build(plugins.resolve("absent-class.jar"));

        assertOneErrorLineNaming(CliRunner.run("--plugins", plugins.toString(), "list"), jar, "org.example.icl.Absent");
    }

    @Test
    void aStaleSecondCopyOfAPluginJarIsNotShadowedButNamedWithTheOther() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path current = buildPluginJar(plugins.resolve("constant-plugin-1.1.jar"), "constant");
        Path stale = Files.copy(current, plugins.resolve("constant-plugin-1.0.jar"));

        CliRunner.Result result = CliRunner.run("--plugins", plugins.toString(), "list");

        assertOneErrorLineNaming(result, current, "duplicate plugin name 'constant-plugin'");
        assertThat(result.err()).contains(stale.toString());
    }

    @Test
    void twoJarsContributingOneComponentNameFailNamingBothJars() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path first = buildPluginJar(plugins.resolve("first.jar"), "constant", "first-plugin");
        Path second = buildPluginJar(plugins.resolve("second.jar"), "constant", "second-plugin");

        CliRunner.Result result = CliRunner.run("--plugins", plugins.toString(), "list");

        assertOneErrorLineNaming(result, first, "duplicate estimator name 'constant'");
        assertThat(result.err()).contains("plugin 'second-plugin' (from " + second + ")")
                .doesNotContain("duplicate plugin name");
    }

    @Test
    void aPluginThatNeedsAHostLibraryIsBadInputNamingItsJar() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        // Compiled against a Jackson-like class that the jar does not bundle: the host has Jackson, but a plugin
        // cannot see it, so listing the plugin's estimators fails with NoClassDefFoundError.
        Path library = PluginJars.in(temp)
                .source("com.fasterxml.jackson.databind.ObjectMapper",
                        "package com.fasterxml.jackson.databind; public class ObjectMapper { public static String v() { return \"x\"; } }")
                .build(temp.resolve("jackson-like.jar"));
        Path jar = PluginJars.in(temp)
                .classPath(library)
                .source("org.example.icl.NeedsJackson", """
                        package org.example.icl;
                        import java.util.Collection;
                        import java.util.List;
                        import org.icl4j.api.*;
                        public final class NeedsJackson implements Plugin {
                            @Override public String name() { return "needs-jackson"; }
                            @Override public Collection<ComponentFactory<Estimator>> estimators() {
                                com.fasterxml.jackson.databind.ObjectMapper.v();
                                return List.of();
                            }
                        }
                        """)
                .plugin("org.example.icl.NeedsJackson")
                .build(plugins.resolve("needs-jackson.jar"));

        CliRunner.Result result = CliRunner.run("--plugins", plugins.toString(), "list");

        assertOneErrorLineNaming(result, jar, "com/fasterxml/jackson/databind/ObjectMapper");
        assertThat(result.err()).contains("plugin 'needs-jackson'").contains("org.icl4j.api");
    }

    private static void assertOneErrorLineNaming(CliRunner.Result result, Path jar, String rule) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().contains(jar.toString()).contains(rule);
        assertThat(result.out()).isEmpty();
    }

    private Path buildPluginJar(Path jar, String estimatorName) throws IOException {
        return buildPluginJar(jar, estimatorName, "constant-plugin");
    }

    private Path buildPluginJar(Path jar, String estimatorName, String pluginName) throws IOException {
        return PluginJars.in(temp)
                .source("org.example.icl.ConstantPlugin", PLUGIN_SOURCE.formatted(pluginName, estimatorName))
                .plugin("org.example.icl.ConstantPlugin")
                .build(jar);
    }
}
