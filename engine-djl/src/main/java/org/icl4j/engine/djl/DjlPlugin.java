package org.icl4j.engine.djl;

import java.util.Collection;
import java.util.List;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.EngineProvider;
import org.icl4j.api.Plugin;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.engine.djl.probe.DjlAttentionProbe;
import org.icl4j.engine.djl.probe.DjlAttentionProbeFactory;

/**
 * Contributes the {@code djl} engine and the paper's attention probes ({@code attention-mlp},
 * {@code attention-linear}); registered in {@code META-INF/services/org.icl4j.api.Plugin}.
 */
public final class DjlPlugin implements Plugin {

    @Override
    public String name() {
        return "icl4j-engine-djl";
    }

    @Override
    public Collection<EngineProvider> engines() {
        return List.of(new DjlEngineProvider());
    }

    @Override
    public Collection<ComponentFactory<ProbeTrainer>> probeTrainers() {
        return List.of(new DjlAttentionProbeFactory(DjlAttentionProbe.Head.MLP),
                new DjlAttentionProbeFactory(DjlAttentionProbe.Head.LINEAR));
    }
}
