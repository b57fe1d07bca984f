package org.icl4j.api;

/**
 * Finds an {@link Engine} through {@link java.util.ServiceLoader} or a {@link Plugin}. Creating the engine is
 * deferred to {@link #getEngine()}, so listing engines loads no native libraries.
 */
public interface EngineProvider {

    /** @return the engine's name */
    String getEngineName();

    /** @return the engine's rank; the highest-ranked engine with a needed capability is the default */
    int getEngineRank();

    /** @return the engine, created on first use */
    Engine getEngine();
}
