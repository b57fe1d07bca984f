package org.icl4j.engine.onnx;

/**
 * How ONNX Runtime runs a model.
 *
 * @param device          where the model runs; {@link Device#CUDA} needs the {@code onnxruntime_gpu} artifact
 *                        in place of {@code onnxruntime} (docs/ONNX.md, "GPU")
 * @param deviceId        the CUDA device index (ignored on the CPU), at least 0
 * @param intraOpThreads  threads ONNX Runtime uses inside one operator; 0 lets ONNX Runtime choose (one per
 *                        physical core)
 * @param maxBatch        the most episodes sent to ONNX Runtime in one run; larger requests are split, so
 *                        memory stays bounded; at least 1
 */
public record OnnxOptions(Device device, int deviceId, int intraOpThreads, int maxBatch) {

    /** Where a model runs. */
    public enum Device {
        /** ONNX Runtime's CPU execution provider (bundled). */
        CPU,
        /** ONNX Runtime's CUDA execution provider (needs {@code com.microsoft.onnxruntime:onnxruntime_gpu}). */
        CUDA
    }

    /** The episodes per run used by {@link #defaults()}: large enough to amortise a run's fixed cost. */
    public static final int DEFAULT_MAX_BATCH = 512;

    /** Validates the settings. */
    public OnnxOptions {
        java.util.Objects.requireNonNull(device, "device is null");
        if (deviceId < 0) {
            throw new IllegalArgumentException("deviceId must be >= 0, found " + deviceId);
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be >= 0 (0 lets ONNX Runtime choose), found " + intraOpThreads);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, found " + maxBatch);
        }
    }

    /**
     * One intra-operator thread by default: the models are small (an episode of the {@code quick} model is
     * ~37 MFLOP), so a thread pool's hand-offs cost more than they save on one episode, and pool threads that
     * spin compete with the application's own parallelism (parallel evaluations, other sessions). docs/BENCHMARKS.md
     * ("ONNX Runtime inference") has the measurements; large batches of wide models on an idle many-core machine
     * may gain from {@code withIntraOpThreads(0)}.
     */
    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    /** @return CPU, {@value #DEFAULT_INTRA_OP_THREADS} intra-operator thread, {@value #DEFAULT_MAX_BATCH} episodes per run */
    public static OnnxOptions defaults() {
        return new OnnxOptions(Device.CPU, 0, DEFAULT_INTRA_OP_THREADS, DEFAULT_MAX_BATCH);
    }

    /**
     * @param cudaDevice the CUDA device index
     * @return these options on that CUDA device
     */
    public OnnxOptions withCuda(int cudaDevice) {
        return new OnnxOptions(Device.CUDA, cudaDevice, intraOpThreads, maxBatch);
    }

    /**
     * @param threads intra-operator threads, 0 for ONNX Runtime's choice
     * @return these options with that thread count
     */
    public OnnxOptions withIntraOpThreads(int threads) {
        return new OnnxOptions(device, deviceId, threads, maxBatch);
    }

    /**
     * @param episodes the most episodes per run
     * @return these options with that batch limit
     */
    public OnnxOptions withMaxBatch(int episodes) {
        return new OnnxOptions(device, deviceId, intraOpThreads, episodes);
    }
}
