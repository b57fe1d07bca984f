package org.icl4j.engine.djl;

import java.util.List;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Provides the {@code djl} engine; creating it is deferred, so listing engines loads no native library. */
public final class DjlEngineProvider implements EngineProvider {

    /** The engine's rank: above inference-only engines, since it also trains. */
    public static final int RANK = 10;

    private volatile Engine engine;

    @Override
    public String getEngineName() {
        return DjlEngine.NAME;
    }

    @Override
    public int getEngineRank() {
        return RANK;
    }

    @Override
    public Engine getEngine() {
        Engine current = engine;
        if (current == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = new DjlEngine();
                }
                current = engine;
            }
        }
        return current;
    }

    @Override
    public List<Parameter> getEngineOptions() {
        return DjlEngine.OPTIONS;
    }

    /** An engine with the spec's {@code device} and {@code threads}; creating it loads nothing. */
    @Override
    public Engine getEngine(Spec spec) {
        return spec.parameters().isEmpty() ? getEngine() : DjlEngine.fromSpec(spec);
    }
}
