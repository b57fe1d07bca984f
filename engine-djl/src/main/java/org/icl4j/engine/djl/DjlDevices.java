package org.icl4j.engine.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * DJL's PyTorch engine, its thread pool and its devices, as the {@code djl} engine's options {@code device} and
 * {@code threads} ask for them.
 *
 * <p>PyTorch keeps one thread pool per process: its inter-operator pool can be sized only before its first use,
 * and resizing the intra-operator pool while models run on other threads is unsafe. So the first use of the
 * engine in a process fixes the thread count (the {@code threads} option of the first {@code djl} engine that
 * runs, {@value #DEFAULT_THREADS} by default: the models are small, and OpenMP threads that spin-wait for a busy
 * core made training several times slower), and asking for another count later in the same process fails with a
 * message naming the count in force. The inter-operator pool always has one thread.
 */
public final class DjlDevices {

    /** DJL's name for its PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";
    /** The intra-operator thread count when no engine option sets one. */
    public static final int DEFAULT_THREADS = 1;

    private static volatile Integer fixedThreads;

    private DjlDevices() {
    }

    /** @return DJL's PyTorch engine (loads the native library on first use, with the thread count in force) */
    public static Engine engine() {
        if (fixedThreads == null) {
            useThreads(DEFAULT_THREADS);
        }
        return Engine.getEngine(ENGINE_NAME);
    }

    /**
     * Fixes PyTorch's intra-operator thread count for this process, or checks it against the count in force.
     *
     * @param threads the count, at least 1
     * @throws IllegalArgumentException when another count is already in force in this process
     */
    public static synchronized void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        if (fixedThreads == null) {
            Engine.getEngine(ENGINE_NAME);
            JniUtils.setNumThreads(threads);
            if (JniUtils.getNumInteropThreads() != 1) {
                try {
                    JniUtils.setNumInteropThreads(1);
                } catch (RuntimeException e) {
                    // Already sized by earlier native work: PyTorch allows it only once, so the pool stays as it is.
                }
            }
            fixedThreads = threads;
        } else if (fixedThreads != threads) {
            throw new IllegalArgumentException("djl engine option threads=" + threads + " cannot apply: PyTorch's thread "
                    + "count is fixed once per process and this process already runs with threads=" + fixedThreads
                    + "; use threads=" + fixedThreads + " or start another process");
        }
    }

    /** @return the number of GPUs DJL's PyTorch engine sees */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /**
     * @param name {@code cpu} or {@code gpu}
     * @return the device
     * @throws IllegalArgumentException for another name, or {@code gpu} when DJL sees no GPU
     */
    public static Device resolve(String name) {
        switch (name) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpuCount() == 0) {
                    throw new IllegalArgumentException("device gpu was requested but DJL's PyTorch engine sees no GPU "
                            + "(the bundled natives are pytorch-native-cpu, or no CUDA device is visible); use "
                            + "djl:device=cpu (--device cpu), or put a CUDA build of the PyTorch natives on the class path");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException("device must be cpu or gpu, found '" + name + "'");
        }
    }
}
