package org.icl4j.engine.djl;

import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;

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
}
