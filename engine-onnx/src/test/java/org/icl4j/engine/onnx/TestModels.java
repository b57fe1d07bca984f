package org.icl4j.engine.onnx;

import static org.icl4j.engine.onnx.export.OnnxGraph.attribute;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.engine.onnx.export.OnnxGraph;

/** Hand-built ONNX models and independent expectations for the tests. */
final class TestModels {

    private TestModels() {
    }

    /**
     * The averaging estimator as an ONNX graph: w_k = (1/k) Σ_{i<k} y_i x_i, ŷ_k = w_k · x_k, and ŷ_0 = 0.
     * Written with cumulative sums: an exclusive CumSum over pairs gives Σ_{i<k} y_i x_i, and an exclusive
     * CumSum of ones gives k.
     *
     * @param config       the icl4j.config metadata, or null for none
     * @param hiddenStates whether to add hidden_states [2, batch, n, d]: layer 0 = xs, layer 1 = Σ_{i<k} y_i x_i
     * @return the model's bytes
     */
    static byte[] averaging(String config, boolean hiddenStates) {
        OnnxGraph graph = new OnnxGraph("averaging");
        String xs = graph.floatInput("xs", "batch", "n", "d");
        String ys = graph.floatInput("ys", "batch", "n");
        String yx = graph.node("Mul", xs, graph.node("Unsqueeze", ys, graph.axes(-1)));
        String pairAxis = graph.longs("pair_axis", new long[] {1});
        List<OnnxMl.AttributeProto> exclusive = List.of(attribute("exclusive", 1));
        String sums = graph.node("CumSum", exclusive, yx, pairAxis);
        String dot = graph.node("ReduceSum", List.of(attribute("keepdims", 0)),
                graph.node("Mul", sums, xs), graph.axes(2));
        String ones = graph.node("ConstantOfShape",
                List.of(attribute("value", OnnxGraph.floatTensor("one", new float[] {1f}, 1))),
                graph.node("Shape", ys));
        String k = graph.node("CumSum", exclusive, ones, pairAxis);
        String count = graph.node("Max", k, graph.floats("one", new float[] {1f}));
        graph.floatOutput("predictions", graph.node("Div", dot, count), "batch", "n");
        if (hiddenStates) {
            String layer0 = graph.node("Unsqueeze", xs, graph.axes(0));
            String layer1 = graph.node("Unsqueeze", sums, graph.axes(0));
            graph.floatOutput("hidden_states", graph.node("Concat", List.of(attribute("axis", 0)), layer0, layer1),
                    "layers", "batch", "tokens", "hidden");
        }
        return graph.toBytes("icl4j-tests", "1", config == null ? Map.of() : Map.of("icl4j.config", config));
    }

    /** @return an icl4j.config with this dimension and maximum pairs */
    static String config(int dimension, int maxPairs) {
        return "{\"format\": \"icl4j-checkpoint\", \"formatVersion\": 1, \"model\": {\"dimension\": " + dimension
                + ", \"maxPairs\": " + maxPairs + ", \"layers\": 1}, \"task\": \"linear:d=" + dimension + "\"}";
    }

    static Path write(Path directory, String name, byte[] model) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, model);
        return file;
    }

    /** The averaging estimator's prediction, computed directly in double. */
    static double[] averagingPredictions(EpisodeBatch episodes) {
        int n = episodes.length();
        int d = episodes.dimension();
        double[] out = new double[episodes.batch() * n];
        for (int b = 0; b < episodes.batch(); b++) {
            double[] w = new double[d];
            for (int k = 0; k < n; k++) {
                double prediction = 0;
                for (int j = 0; j < d; j++) {
                    prediction += (k == 0 ? 0 : w[j] / k) * episodes.x(b, k, j);
                }
                out[b * n + k] = prediction;
                for (int j = 0; j < d; j++) {
                    w[j] += episodes.y(b, k) * episodes.x(b, k, j);
                }
            }
        }
        return out;
    }

    /** Gaussian episodes with linear labels, as the paper's task draws them. */
    static EpisodeBatch episodes(int batch, int n, int d, long seed) {
        Rng rng = new Rng(seed);
        float[] xs = new float[batch * n * d];
        float[] ys = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            double[] w = new double[d];
            for (int j = 0; j < d; j++) {
                w[j] = rng.nextGaussian();
            }
            for (int k = 0; k < n; k++) {
                double y = 0;
                for (int j = 0; j < d; j++) {
                    float x = (float) rng.nextGaussian();
                    xs[(b * n + k) * d + j] = x;
                    y += w[j] * x;
                }
                ys[b * n + k] = (float) y;
            }
        }
        return EpisodeBatch.of(batch, n, d, xs, ys);
    }
}
