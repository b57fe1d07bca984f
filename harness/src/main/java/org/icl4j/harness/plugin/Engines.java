package org.icl4j.harness.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Estimator;

/**
 * Every registered engine provider, by name. Engines are created only when selected, so listing engines loads no
 * native library.
 */
public final class Engines {

    /** The engine that loads checkpoint folders when no engine is named. */
    public static final String CHECKPOINT_ENGINE = "djl";
    /** The engine that loads {@code .onnx} files when no engine is named. */
    public static final String ONNX_ENGINE = "onnx";

    private final Map<String, Registered<EngineProvider>> providers;

    /**
     * @param providers engine providers by engine name
     */
    public Engines(Map<String, Registered<EngineProvider>> providers) {
        this.providers = new TreeMap<>(providers);
    }

    /** @return every provider, highest rank first (ties by name) */
    public List<Registered<EngineProvider>> all() {
        List<Registered<EngineProvider>> all = new ArrayList<>(providers.values());
        all.sort(Comparator.comparingInt((Registered<EngineProvider> r) -> -r.component().getEngineRank())
                .thenComparing(r -> r.component().getEngineName()));
        return all;
    }

    /** @return the registered engine names, sorted */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /**
     * Selects the engine to use for a job that needs {@code capability}.
     *
     * @param name the engine the user asked for, or empty for the highest-ranked engine that has the capability
     * @param capability what the job needs
     * @return the engine
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an engine without the
     *     capability, or when no registered engine has it
     */
    public Engine select(Optional<String> name, Capability capability) {
        if (name.isPresent()) {
            Registered<EngineProvider> registered = providers.get(name.get());
            if (registered == null) {
                throw new IllegalArgumentException("unknown engine '" + name.get() + "'; " + knownEngines());
            }
            Engine engine = registered.component().getEngine();
            if (!engine.hasCapability(capability)) {
                throw new IllegalArgumentException("engine '" + name.get() + "' lacks the " + capability
                        + " capability (it has " + engine.capabilities() + "); " + withCapability(capability));
            }
            return engine;
        }
        for (Registered<EngineProvider> registered : all()) {
            Engine engine = registered.component().getEngine();
            if (engine.hasCapability(capability)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("no registered engine has the " + capability + " capability; "
                + knownEngines() + "; add an engine plugin jar with --plugins DIR");
    }

    /**
     * Loads a saved model as an estimator. The engine is {@code name} when given; otherwise a directory (a
     * checkpoint) goes to the engine named {@value #CHECKPOINT_ENGINE}, an {@code .onnx} file to the engine named
     * {@value #ONNX_ENGINE}, and any other file to the highest-ranked engine with {@link Capability#INFERENCE}.
     *
     * @param model the checkpoint folder or model file
     * @param name the engine to use, or empty to choose by the model's kind
     * @return the estimator; the caller closes it
     * @throws NoSuchFileException when the model does not exist
     * @throws IOException when the engine cannot read the model
     * @throws IllegalArgumentException when the engine is unknown, not registered or cannot run inference
     */
    public Estimator load(Path model, Optional<String> name) throws IOException {
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such model (a checkpoint folder or an .onnx file)");
        }
        Optional<String> engine = name;
        if (engine.isEmpty()) {
            boolean folder = Files.isDirectory(model);
            if (folder) {
                engine = Optional.of(CHECKPOINT_ENGINE);
            } else if (model.getFileName().toString().endsWith(".onnx")) {
                engine = Optional.of(ONNX_ENGINE);
            }
            if (engine.isPresent() && !providers.containsKey(engine.get())) {
                throw new IllegalArgumentException("cannot load model " + model + ": " + (folder ? "a checkpoint folder"
                        : "an .onnx file") + " is loaded by the engine '" + engine.get() + "', which is not registered ("
                        + knownEngines() + "); add its plugin jar with --plugins DIR or choose an engine with --engine");
            }
        }
        return select(engine, Capability.INFERENCE).load(model);
    }

    private String withCapability(Capability capability) {
        List<String> names = new ArrayList<>();
        for (Registered<EngineProvider> registered : all()) {
            if (registered.component().getEngine().hasCapability(capability)) {
                names.add(registered.component().getEngineName());
            }
        }
        return names.isEmpty() ? "no registered engine has it" : "engines with it: " + String.join(", ", names);
    }

    private String knownEngines() {
        return providers.isEmpty() ? "no engines are registered" : "known engines: " + String.join(", ", providers.keySet());
    }
}
