package org.icl4j.experiment;

import org.icl4j.formats.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A suite's output folder, the only state of a suite: {@code suite.json} (the plan), and per run
 * {@code runs/<id>/} with {@code run.json} (kind, settings, input; written when the run starts), the step's own
 * files, {@code error.txt} after a failed attempt, {@code timing.json}, and {@code done.json} (the result), which
 * is written last and atomically: a run is done exactly when {@code done.json} exists.
 */
public final class SuiteFolder {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PLAN = "suite.json";
    private static final String STARTED = "run.json";
    private static final String DONE = "done.json";
    private static final String ERROR = "error.txt";

    private final Path root;

    /** @param root the suite's folder; created when the plan is written */
    public SuiteFolder(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** @return the suite's folder */
    public Path root() {
        return root;
    }

    /**
     * @param id a run
     * @return its folder
     */
    public Path runFolder(RunId id) {
        return root.resolve("runs").resolve(id.value());
    }

    /**
     * Writes {@code suite.json}, replacing the plan of an earlier invocation; run folders are kept.
     *
     * @param plan the plan
     * @throws IOException when it cannot be written
     */
    public void writePlan(Plan plan) throws IOException {
        Files.createDirectories(root.resolve("runs"));
        AtomicFiles.writeString(root.resolve(PLAN), JSON.writeValueAsString(plan.toJson()) + "\n");
    }

    /**
     * @return the plan in {@code suite.json}
     * @throws IOException when it is missing or unreadable
     */
    public Plan readPlan() throws IOException {
        Path file = root.resolve(PLAN);
        try {
            return Plan.fromJson(JSON.readTree(file.toFile()));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no suite plan; is " + root + " a suite folder?");
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a suite plan: " + e.getMessage(), e);
        }
    }

    /**
     * @param id a run
     * @return its state
     */
    public RunState state(RunId id) {
        Path folder = runFolder(id);
        if (Files.exists(folder.resolve(DONE))) {
            return RunState.DONE;
        }
        if (Files.exists(folder.resolve(ERROR))) {
            return RunState.FAILED;
        }
        return Files.exists(folder.resolve(STARTED)) ? RunState.STARTED : RunState.PENDING;
    }

    /**
     * @param plan a plan
     * @return how many of its runs are in each state
     */
    public Map<RunState, Integer> count(Plan plan) {
        Map<RunState, Integer> counts = new EnumMap<>(RunState.class);
        for (RunState state : RunState.values()) {
            counts.put(state, 0);
        }
        for (PlannedRun run : plan.runs()) {
            counts.merge(state(run.id()), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @param id a run that is done
     * @return its result
     * @throws IOException when {@code done.json} is missing or unreadable
     */
    public RunResult result(RunId id) throws IOException {
        JsonNode done = JSON.readTree(runFolder(id).resolve(DONE).toFile());
        return RunResult.fromJson(done.get("result"));
    }

    /**
     * @param id a run whose last attempt failed
     * @return the error it left
     * @throws IOException when there is none
     */
    public String error(RunId id) throws IOException {
        return Files.readString(runFolder(id).resolve(ERROR));
    }

    void markStarted(PlannedRun run) throws IOException {
        Path folder = runFolder(run.id());
        Files.createDirectories(folder);
        if (!Files.exists(folder.resolve(STARTED))) {
            AtomicFiles.writeString(folder.resolve(STARTED), RunId.identityJson(run.kind(), run.settings(), run.input()) + "\n");
        }
        Files.deleteIfExists(folder.resolve(ERROR));
    }

    void markFailed(RunId id, String error) throws IOException {
        AtomicFiles.writeString(runFolder(id).resolve(ERROR), error);
    }

    void markDone(RunId id, RunResult result, double wallSeconds) throws IOException {
        Path folder = runFolder(id);
        ObjectNode timing = JSON.createObjectNode().put("wallSeconds", wallSeconds);
        AtomicFiles.writeString(folder.resolve("timing.json"), JSON.writeValueAsString(timing) + "\n");
        ObjectNode done = JSON.createObjectNode().put("id", id.value());
        done.set("result", result.toJson());
        AtomicFiles.writeString(folder.resolve(DONE), JSON.writeValueAsString(done) + "\n");
    }

    /**
     * Writes a file of the suite atomically (an aggregate, {@code claims.json}).
     *
     * @param name a file name in the suite's folder
     * @param json its contents
     * @throws IOException when it cannot be written
     */
    public void write(String name, JsonNode json) throws IOException {
        Files.createDirectories(root);
        AtomicFiles.writeString(root.resolve(name), JSON.writeValueAsString(json) + "\n");
    }
}
