package org.icl4j.harness.probe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.icl4j.algorithms.probe.ProbeScore;
import org.icl4j.algorithms.probe.Probing;
import org.icl4j.formats.AtomicFiles;
import org.icl4j.formats.BadInputException;

/**
 * A folder that keeps the score of every (role, target, layer) as soon as it is computed, so that a probing job
 * that was interrupted resumes where it stopped. {@value #REQUEST_FILE} records what the scores belong to (models,
 * task, targets, probe, sizes, seed); a folder of another request is refused rather than mixed in. Each score is
 * one small JSON file written atomically, with its numbers in shortest round-trip form, so a resumed run gives the
 * same numbers as an uninterrupted one.
 */
public final class ScoreFolder {

    /** The file naming the request the scores belong to. */
    public static final String REQUEST_FILE = "request.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;
    private final ObjectNode request;
    private boolean created;

    private ScoreFolder(Path folder, ObjectNode request, boolean created) {
        this.folder = folder;
        this.request = request;
        this.created = created;
    }

    /**
     * Opens a score folder for a request. Nothing is written until the first score is kept, so a request that
     * fails before any probe is trained leaves no folder behind.
     *
     * @param folder the folder
     * @param request what the scores belong to, as names and values
     * @return the folder
     * @throws BadInputException when the folder holds scores of another request, or cannot be written
     */
    public static ScoreFolder open(Path folder, Map<String, String> request) {
        requireNonNull(folder, "folder is null");
        ObjectNode wanted = JSON.createObjectNode();
        new TreeMap<>(request).forEach(wanted::put);
        Path file = folder.resolve(REQUEST_FILE);
        if (!Files.isRegularFile(file)) {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new BadInputException("score folder " + folder + " is a file; remove it or choose another folder");
            }
            return new ScoreFolder(folder, wanted, false);
        }
        JsonNode found;
        try {
            found = readJson(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + " (" + e.getMessage() + "); delete the score folder "
                    + folder + " to start afresh", e);
        }
        if (!found.equals(wanted)) {
            throw new BadInputException("score folder " + folder + " holds the scores of another probing request ("
                    + difference(found, wanted) + "); rerun with the same settings to resume it, or delete it");
        }
        return new ScoreFolder(folder, wanted, true);
    }

    /** @return whether the folder exists (a score was kept, now or by an earlier run) */
    public boolean exists() {
        return created;
    }

    private void create() throws IOException {
        if (!created) {
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve(REQUEST_FILE), JSON.writeValueAsBytes(request));
            created = true;
        }
    }

    /** @return the folder */
    public Path path() {
        return folder;
    }

    /**
     * @param role the model's role, e.g. {@code model}
     * @return the store of that model's scores
     */
    public Store forRole(String role) {
        return new Store(role);
    }

    /** The scores of one role; counts the scores it gave back. */
    public final class Store implements Probing.ScoreStore {
        private final String role;
        private int reused;

        private Store(String role) {
            this.role = requireNonNull(role, "role is null");
        }

        /** @return how many scores were read back so far */
        public int reused() {
            return reused;
        }

        @Override
        public Optional<ProbeScore> find(String target, int layer) {
            Path file = fileOf(target, layer);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                JsonNode node = readJson(file);
                ProbeScore score = new ProbeScore(doubles(node.get("squaredError"), file), doubles(node.get("baseline"), file));
                reused++;
                return Optional.of(score);
            } catch (IOException | IllegalArgumentException e) {
                throw new BadInputException("score file " + file + " is malformed (" + e.getMessage()
                        + "); delete it to probe that layer again", e);
            }
        }

        @Override
        public void put(String target, int layer, ProbeScore score) {
            ObjectNode node = JSON.createObjectNode();
            node.put("role", role).put("target", target).put("layer", layer);
            ArrayNode error = node.putArray("squaredError");
            ArrayNode baseline = node.putArray("baseline");
            for (int k = 0; k < score.prefixes(); k++) {
                error.add(score.squaredError()[k]);
                baseline.add(score.baseline()[k]);
            }
            try {
                create();
                AtomicFiles.write(fileOf(target, layer), JSON.writeValueAsBytes(node));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a score into " + folder, e);
            }
        }

        private Path fileOf(String target, int layer) {
            return folder.resolve(safe(role) + "-" + safe(target) + "-layer-" + layer + ".json");
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(Files.readAllBytes(file));
    }

    private static double[] doubles(JsonNode array, Path file) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("expected a non-empty array of numbers in " + file);
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber()) {
                throw new IllegalArgumentException("expected numbers, found " + value);
            }
            values[i] = value.doubleValue();
        }
        return values;
    }

    /** A file-name-safe form of a name: characters other than letters, digits, '.', '_' and '-' become '_'. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String difference(JsonNode found, ObjectNode wanted) {
        StringBuilder text = new StringBuilder();
        for (Iterator<String> keys = wanted.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!wanted.get(key).equals(found.get(key))) {
                text.append(text.length() == 0 ? "" : ", ").append(key).append(" was ")
                        .append(found.has(key) ? found.get(key).asText() : "absent").append(", now ")
                        .append(wanted.get(key).asText());
            }
        }
        return text.length() == 0 ? "other keys" : text.toString();
    }
}
