package org.icl4j.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.icl4j.api.Plugin;

/**
 * Builds real jars from Java source inside a test, for tests of plugin loading: the sources are compiled with the
 * JDK's compiler against {@code icl4j-api} (and any jars given with {@link #classPath}), and packed with an
 * optional {@code META-INF/services/org.icl4j.api.Plugin} entry.
 *
 * <pre>{@code
 * Path jar = PluginJars.in(temp)
 *         .source("org.example.MyPlugin", "package org.example; public final class MyPlugin implements org.icl4j.api.Plugin {}")
 *         .plugin("org.example.MyPlugin")
 *         .build(plugins.resolve("my-plugin.jar"));
 * }</pre>
 */
public final class PluginJars {

    private final Path work;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();
    private final List<String> plugins = new ArrayList<>();

    private PluginJars(Path work) {
        this.work = requireNonNull(work, "work is null");
    }

    /**
     * @param work a scratch folder (normally a JUnit {@code @TempDir}); sources and classes go in fresh sub-folders
     * @return a builder of one jar
     */
    public static PluginJars in(Path work) {
        return new PluginJars(work);
    }

    /**
     * @param className the fully qualified name of the top-level class the source declares
     * @param source its Java source
     * @return this
     */
    public PluginJars source(String className, String source) {
        sources.put(requireNonNull(className, "className is null"), requireNonNull(source, "source is null"));
        return this;
    }

    /**
     * @param jar a jar (or classes folder) the sources compile against, besides {@code icl4j-api}
     * @return this
     */
    public PluginJars classPath(Path jar) {
        classPath.add(requireNonNull(jar, "jar is null"));
        return this;
    }

    /**
     * @param className a {@link Plugin} implementation to list in the jar's service file
     * @return this
     */
    public PluginJars plugin(String className) {
        plugins.add(requireNonNull(className, "className is null"));
        return this;
    }

    /**
     * Compiles the sources and writes the jar.
     *
     * @param jar the jar file to write (its folder must exist)
     * @return {@code jar}
     * @throws IOException when a file cannot be written
     * @throws AssertionError when the sources do not compile, with the compiler's messages
     */
    public Path build(Path jar) throws IOException {
        Path scratch = Files.createTempDirectory(work, "jar-");
        Path sourceRoot = Files.createDirectories(scratch.resolve("src"));
        Path classes = Files.createDirectories(scratch.resolve("classes"));
        List<String> options = List.of("-classpath", classPathString(), "-d", classes.toString(), "--release", "17");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> entry : sources.entrySet()) {
            Path file = sourceRoot.resolve(entry.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            StringWriter messages = new StringWriter();
            boolean compiled = compiler.getTask(messages, null, null, options, null,
                    compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(files))
                    .call();
            if (!compiled) {
                throw new AssertionError("test plugin sources do not compile:\n" + messages);
            }
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
            if (!plugins.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
                out.write((String.join("\n", plugins) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private String classPathString() {
        List<String> entries = new ArrayList<>();
        entries.add(locationOf(Plugin.class).toString());
        classPath.forEach(path -> entries.add(path.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * @param type a class
     * @return the jar or classes folder it was loaded from
     */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }
}
