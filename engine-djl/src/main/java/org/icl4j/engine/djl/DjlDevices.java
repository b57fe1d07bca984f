package org.icl4j.engine.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Chooses the DJL device for {@code --device cpu|gpu}. */
public final class DjlDevices {

    /** DJL's name for its PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private DjlDevices() {
    }

    /** @return DJL's PyTorch engine (loads the native library on first use) */
    public static Engine engine() {
        return Engine.getEngine(ENGINE_NAME);
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
                            + "--device cpu, or put a CUDA build of the PyTorch natives on the class path");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException("device must be cpu or gpu, found '" + name + "'");
        }
    }
}
