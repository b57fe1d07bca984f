package org.icl4j.harness.plugin;

import static java.util.Objects.requireNonNull;

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
import org.icl4j.api.ModelExporter;
import org.icl4j.api.Spec;

/**
 * Every registered engine provider, by name. Engines are created only when selected, so listing engines loads no
 * native library. Jobs name an engine by an engine spec, {@code NAME} or {@code NAME:OPTION=VALUE,…} (e.g.
 * {@code djl:device=cpu,threads=1}), or leave the choice to capability and rank; no engine name is built in.
 */
public final class Engines {

    private final Map<String, Registered<EngineProvider>> providers;
    private final Exporters exporters;

    /**
     * Engines without exporters: a model loads only on an engine that reads it as it is.
     *
     * @param providers engine providers by engine name
     */
    public Engines(Map<String, Registered<EngineProvider>> providers) {
        this(providers, new Exporters(Map.of()));
    }

    /**
     * @param providers engine providers by engine name
     * @param exporters the exporters that convert a model for an engine that cannot read it as it is (e.g. a
     *     checkpoint folder for an engine that runs {@code .onnx} files)
     */
    public Engines(Map<String, Registered<EngineProvider>> providers, Exporters exporters) {
        this.providers = new TreeMap<>(providers);
        this.exporters = requireNonNull(exporters, "exporters is null");
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
     * @param engineSpec the engine the user asked for, with its options ({@code djl:threads=2}), or empty for the
     *     highest-ranked engine that has the capability, with its default options
     * @param capability what the job needs
     * @return the engine
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an unknown option, an engine
     *     without the capability, or when no registered engine has it
     */
    public Engine select(Optional<String> engineSpec, Capability capability) {
        if (engineSpec.isPresent()) {
            Engine engine = create(Spec.parse(engineSpec.get()));
            if (!engine.hasCapability(capability)) {
                throw new IllegalArgumentException("engine '" + engine.name() + "' lacks the " + capability
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

    private Engine create(Spec spec) {
        Registered<EngineProvider> registered = providers.get(spec.name());
        if (registered == null) {
            throw new IllegalArgumentException("unknown engine '" + spec.name() + "'; " + knownEngines());
        }
        return registered.component().getEngine(spec);
    }

    /**
     * Loads a saved model as an estimator. With an engine spec, that engine loads it, after converting it with a
     * registered exporter when the engine cannot read it as it is ({@link Engine#canLoad}) but reads the
     * exporter's output (a checkpoint folder for an engine that runs {@code .onnx} files). Without one, the
     * highest-ranked engine with {@link Capability#INFERENCE} that reads the model as it is loads it.
     *
     * @param model the checkpoint folder, run folder or model file
     * @param engineSpec the engine to use, or empty to choose by the model's kind
     * @return the estimator; the caller closes it
     * @throws NoSuchFileException when the model does not exist
     * @throws IOException when the engine cannot read the model
     * @throws IllegalArgumentException when the engine is unknown or cannot run inference, or no registered engine
     *     reads the model
     */
    public Estimator load(Path model, Optional<String> engineSpec) throws IOException {
        if (!Files.exists(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such model (a checkpoint folder or a model file)");
        }
        if (engineSpec.isPresent()) {
            Engine engine = select(engineSpec, Capability.INFERENCE);
            if (engine.canLoad(model)) {
                return engine.load(model);
            }
            Optional<Estimator> converted = loadConverted(engine, model);
            return converted.isPresent() ? converted.get() : engine.load(model);
        }
        for (Registered<EngineProvider> registered : all()) {
            Engine engine = registered.component().getEngine();
            // canLoad first: it looks at the path only, while capabilities may load an engine's native library.
            if (engine.canLoad(model) && engine.hasCapability(Capability.INFERENCE)) {
                return engine.load(model);
            }
        }
        throw new IllegalArgumentException("cannot load model " + model + ": no registered engine reads "
                + (Files.isDirectory(model) ? "this folder" : "this kind of file") + " (" + knownEngines()
                + "); add the plugin jar of an engine that does with --plugins DIR, or name an engine with --engine");
    }

    /** Exports {@code model} into a temporary file that {@code engine} reads, loads it and deletes the file. */
    private Optional<Estimator> loadConverted(Engine engine, Path model) throws IOException {
        if (!Files.isDirectory(model)) {
            return Optional.empty();
        }
        String name = model.toAbsolutePath().normalize().getFileName() == null ? "model"
                : model.toAbsolutePath().normalize().getFileName().toString();
        for (Registered<ModelExporter> registered : exporters.all()) {
            ModelExporter exporter = registered.component();
            // Named after the model, so the loaded estimator's name says which model it runs.
            Path folder = Files.createTempDirectory("icl4j-export-");
            Path file = folder.resolve(name + exporter.fileExtension());
            try {
                if (engine.canLoad(file)) {
                    // Hidden states are exported too, so the converted model can be probed like the original.
                    exporter.export(model, file, true);
                    return Optional.of(engine.load(file));
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            }
        }
        return Optional.empty();
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
