package org.icl4j.engine.onnx;

import java.util.List;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/**
 * Provides the {@code onnx} engine. Its options are written in the engine spec, e.g.
 * {@code onnx:device=cuda:0,threads=2,maxBatch=64}: {@code device} ({@code cpu}, {@code cuda} or {@code cuda:N};
 * default {@code cpu}), {@code threads} (intra-operator threads; default
 * {@value OnnxOptions#DEFAULT_INTRA_OP_THREADS}, 0 for ONNX Runtime's choice of one per physical core) and
 * {@code maxBatch} (episodes per run; default {@value OnnxOptions#DEFAULT_MAX_BATCH}). Each ONNX Runtime session
 * takes its own thread count, so engines with different options can run in one process.
 */
public final class OnnxEngineProvider implements EngineProvider {

    /** The engine options. */
    public static final List<Parameter> OPTIONS = List.of(
            new Parameter("device", "cpu", "cpu, cuda or cuda:N (needs ONNX Runtime's CUDA build on the class path)"),
            new Parameter("threads", Integer.toString(OnnxOptions.DEFAULT_INTRA_OP_THREADS),
                    "intra-operator threads per session; 0 = ONNX Runtime's choice (one per physical core)"),
            new Parameter("maxBatch", Integer.toString(OnnxOptions.DEFAULT_MAX_BATCH), "episodes per ONNX Runtime run"));

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
                    current = new OnnxEngine(OnnxOptions.defaults());
                    engine = current;
                }
            }
        }
        return current;
    }

    @Override
    public List<Parameter> getEngineOptions() {
        return OPTIONS;
    }

    @Override
    public Engine getEngine(Spec spec) {
        return spec.parameters().isEmpty() ? getEngine() : new OnnxEngine(options(spec));
    }

    /**
     * @param spec an engine spec, e.g. {@code onnx:device=cuda:1,threads=2}; its name is not read
     * @return the options it sets, the defaults elsewhere
     * @throws IllegalArgumentException naming an unknown option or a malformed value
     */
    static OnnxOptions options(Spec spec) {
        spec.requireKnownParameters(OPTIONS.stream().map(Parameter::name).toList());
        OnnxOptions options = OnnxOptions.defaults();
        String device = spec.stringValue("device", "cpu");
        if (device.equals("cuda")) {
            options = options.withCuda(0);
        } else if (device.startsWith("cuda:")) {
            options = options.withCuda(cudaDevice(device));
        } else if (!device.equals("cpu")) {
            throw new IllegalArgumentException("onnx engine option device must be cpu, cuda or cuda:N, found '" + device + "'");
        }
        options = options.withIntraOpThreads(spec.intValue("threads", OnnxOptions.DEFAULT_INTRA_OP_THREADS));
        return options.withMaxBatch(spec.intValue("maxBatch", OnnxOptions.DEFAULT_MAX_BATCH));
    }

    private static int cudaDevice(String device) {
        try {
            return Integer.parseInt(device.substring("cuda:".length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("onnx engine option device must be cpu, cuda or cuda:N with N an "
                    + "integer, found '" + device + "'", e);
        }
    }
}
