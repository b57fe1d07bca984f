package org.icl4j.engine.onnx;

import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;

/**
 * Provides the {@code onnx} engine. Its options come from system properties, read when the engine is first
 * used: {@code icl4j.onnx.device} ({@code cpu}, {@code cuda} or {@code cuda:N}; default {@code cpu}),
 * {@code icl4j.onnx.threads} (intra-operator threads; default {@value OnnxOptions#DEFAULT_INTRA_OP_THREADS}, 0 for
 * ONNX Runtime's choice of one per physical core) and
 * {@code icl4j.onnx.maxBatch} (episodes per run; default {@value OnnxOptions#DEFAULT_MAX_BATCH}).
 */
public final class OnnxEngineProvider implements EngineProvider {

    /**
     * The rank: below a training engine's, so commands that need no particular engine default to the engine
     * that also trains, while {@code --engine onnx} picks this one.
     */
    public static final int RANK = 5;

    private volatile OnnxEngine engine;

    @Override
    public String getEngineName() {
        return OnnxEngine.NAME;
    }

    @Override
    public int getEngineRank() {
        return RANK;
    }

    @Override
    public Engine getEngine() {
        OnnxEngine current = engine;
        if (current == null) {
            synchronized (this) {
                current = engine;
                if (current == null) {
                    current = new OnnxEngine(optionsFromSystemProperties());
                    engine = current;
                }
            }
        }
        return current;
    }

    /**
     * Reads the engine's options from system properties.
     *
     * @return the options
     * @throws IllegalArgumentException naming a malformed property
     */
    static OnnxOptions optionsFromSystemProperties() {
        OnnxOptions options = OnnxOptions.defaults();
        String device = System.getProperty("icl4j.onnx.device", "cpu").trim();
        if (device.equals("cuda")) {
            options = options.withCuda(0);
        } else if (device.startsWith("cuda:")) {
            options = options.withCuda(integer("icl4j.onnx.device", device.substring(5), device));
        } else if (!device.equals("cpu")) {
            throw new IllegalArgumentException("system property icl4j.onnx.device must be cpu, cuda or cuda:N, found '"
                    + device + "'");
        }
        String threads = System.getProperty("icl4j.onnx.threads");
        if (threads != null) {
            options = options.withIntraOpThreads(integer("icl4j.onnx.threads", threads, threads));
        }
        String maxBatch = System.getProperty("icl4j.onnx.maxBatch");
        if (maxBatch != null) {
            options = options.withMaxBatch(integer("icl4j.onnx.maxBatch", maxBatch, maxBatch));
        }
        return options;
    }

    private static int integer(String property, String text, String whole) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + property + " must hold an integer, found '"
                    + whole + "'", e);
        }
    }
}
