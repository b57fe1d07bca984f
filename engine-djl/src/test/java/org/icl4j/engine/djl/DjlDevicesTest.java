package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DjlDevicesTest {

    @Test
    void gpuWithoutOneFailsAtOnceNamingTheFix() {
        assumeTrue(DjlDevices.gpuCount() == 0, "this machine's PyTorch sees a GPU");
        assertThatThrownBy(() -> DjlDevices.resolve("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sees no GPU").hasMessageContaining("djl:device=cpu")
                .hasMessageContaining("CUDA build of the PyTorch natives");
    }

    @Test
    void cpuAndUnknownNames() {
        assertThat(DjlDevices.resolve("cpu")).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> DjlDevices.resolve("tpu")).hasMessage("device must be cpu or gpu, found 'tpu'");
    }
}
