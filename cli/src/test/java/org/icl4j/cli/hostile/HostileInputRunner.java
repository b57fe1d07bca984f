package org.icl4j.cli.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.icl4j.cli.Icl4j;

/**
 * Runs many command lines of {@code icl4j} in this JVM, one after another, through the same entry point as
 * {@link Icl4j#main} ({@link Icl4j#execute}), and records for each its exit code, its standard error, anything else
 * written to {@link System#out} or {@link System#err} meanwhile, an exception that escaped, and which files under
 * the working folder changed. {@link HostileInputTest} starts it in a child JVM with a small heap, so that an
 * allocation made before a size is checked fails the case (as an {@link OutOfMemoryError}) instead of passing slowly.
 *
 * <p>Arguments: the cases file (one JSON object per line with {@code id} and {@code args}) and the results file to
 * write (one JSON object per line). The working folder holds the inputs.
 */
public final class HostileInputRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files up to this size are compared by content, larger ones by size and modification time. */
    private static final long HASHED_BYTES = 1 << 20;

    private HostileInputRunner() {
    }

    /**
     * @param args the cases file and the results file
     * @throws IOException when they cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path cases = Path.of(args[0]);
        Path results = Path.of(args[1]);
        Path root = Path.of("").toAbsolutePath();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        try (BufferedWriter writer = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
            for (String line : Files.readAllLines(cases, StandardCharsets.UTF_8)) {
                JsonNode testCase = JSON.readTree(line);
                List<String> arguments = new ArrayList<>();
                testCase.get("args").forEach(argument -> arguments.add(argument.asText()));
                Map<String, String> before = snapshot(root);
                ByteArrayOutputStream stray = new ByteArrayOutputStream();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code;
                String escaped = null;
                long began = System.nanoTime();
                PrintStream capture = new PrintStream(stray, true, StandardCharsets.UTF_8);
                System.setOut(capture);
                System.setErr(capture);
                try {
                    code = Icl4j.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                            arguments.toArray(String[]::new));
                } catch (Throwable thrown) {
                    code = -1;
                    escaped = thrown.toString();
                } finally {
                    System.setOut(realOut);
                    System.setErr(realErr);
                }
                long millis = (System.nanoTime() - began) / 1_000_000;
                Map<String, String> after = snapshot(root);
                TreeSet<String> changed = new TreeSet<>(before.keySet());
                changed.addAll(after.keySet());
                changed.removeIf(path -> Objects.equals(before.get(path), after.get(path)));
                ObjectNode result = JSON.createObjectNode();
                result.put("id", testCase.get("id").asText());
                result.put("exit", code);
                result.put("err", err.toString());
                result.put("stray", stray.toString(StandardCharsets.UTF_8));
                result.put("escaped", escaped);
                result.put("millis", millis);
                changed.forEach(result.putArray("changed")::add);
                writer.write(JSON.writeValueAsString(result));
                writer.newLine();
                writer.flush();
            }
        }
        // Engines may leave non-daemon threads; the results are written.
        System.exit(0);
    }

    /** @return every file and folder under root with its content hash (or size and time), by relative path */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String key = root.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    state.put(key, "folder");
                } else if (Files.size(path) <= HASHED_BYTES) {
                    CRC32 crc = new CRC32();
                    crc.update(Files.readAllBytes(path));
                    state.put(key, Files.size(path) + ":" + Long.toHexString(crc.getValue()));
                } else {
                    state.put(key, Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
                }
            }
        }
        return state;
    }
}
