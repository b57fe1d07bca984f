package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A garbage collection between the forward and the backward pass must not change the gradients. Autograd keeps
 * some of the forward pass's tensors for backward; if one of them lies in a Java direct buffer that is no longer
 * reachable (DJL's {@code Number} overloads make such tensors), the collection frees it and the gradients differ
 * (docs/TRAINING.md, "Determinism").
 */
class BackwardAfterGarbageCollectionTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientsAreTheSameWhenGarbageIsCollectedBeforeBackward(Activation activation) throws InterruptedException {
        TransformerConfig config = new TransformerConfig(3, 4, 2, 8, 2, 4, 16, BlockVariant.AUTHORS, activation, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.random(config, 11, 0.5);
        EpisodeBatch episodes = RandomCheckpoints.episodes(4, 4, 3, 12);

        Map<String, float[]> undisturbed = gradients(config, weights, episodes, false);
        Map<String, float[]> collected = gradients(config, weights, episodes, true);

        assertThat(collected.keySet()).isEqualTo(config.tensorShapes().keySet());
        for (String name : undisturbed.keySet()) {
            assertThat(collected.get(name)).as("gradient of %s", name).containsExactly(undisturbed.get(name));
        }
    }

    private static Map<String, float[]> gradients(TransformerConfig config, Map<String, Tensor> weights,
            EpisodeBatch episodes, boolean collectGarbage) throws InterruptedException {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager root = NDManager.newBaseManager(Device.cpu());
                DjlTransformer model = new DjlTransformer(config, weights, root, Device.cpu(), DataType.FLOAT32)) {
            model.requireGradients();
            try (NDManager scope = root.newSubManager();
                    GradientCollector collector = DjlDevices.engine().newGradientCollector()) {
                NDArray tokens = model.tokens(scope, Tokens.encode(episodes, config.dimension()), episodes.batch(),
                        TransformerConfig.tokens(episodes.length()));
                NDArray labels = scope.create(episodes.ys(), new Shape(episodes.batch(), episodes.length()));
                NDArray loss = DjlTransformer.loss(model.forward(scope, tokens, null), labels);
                if (collectGarbage) {
                    freeUnreachableDirectBuffers();
                }
                collector.backward(loss);
            }
            for (Map.Entry<String, NDArray> entry : model.parameters().entrySet()) {
                try (NDArray gradient = entry.getValue().getGradient()) {
                    gradients.put(entry.getKey(), gradient.toFloatArray());
                }
            }
        }
        return gradients;
    }

    /**
     * Collects garbage until the JVM's count of direct buffers drops (their cleaners have freed the memory) or
     * half a second has passed (nothing was unreachable).
     */
    private static void freeUnreachableDirectBuffers() throws InterruptedException {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        long before = direct.getCount();
        for (int attempt = 0; attempt < 50 && direct.getCount() >= before; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
    }
}
