package org.icl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.icl4j.api.Plugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds real plugin jars inside the test (source compiled with the JDK's compiler, packed with
 * META-INF/services) and checks that {@code --plugins DIR} discovers them.
 */
class PluginJarTest {

    private static final String PLUGIN_SOURCE = """
            package org.example.icl;

            import java.util.Collection;
            import java.util.List;
            import org.icl4j.api.*;

            public final class ConstantPlugin implements Plugin {
                @Override public String name() { return "constant-plugin"; }

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

    private Path buildPluginJar(Path jar, String estimatorName) throws IOException, URISyntaxException {
        Path source = Files.createDirectories(temp.resolve("src-" + estimatorName + "/org/example/icl"))
                .resolve("ConstantPlugin.java");
        Files.writeString(source, PLUGIN_SOURCE.formatted(estimatorName));
        Path classes = Files.createDirectories(temp.resolve("classes-" + estimatorName));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String apiClasses = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int status = compiler.run(null, null, null, "-classpath", apiClasses, "-d", classes.toString(), source.toString());
        assertThat(status).as("plugin source compiles").isZero();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.icl4j.api.Plugin"));
            out.write("org.example.icl.ConstantPlugin\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

}
