package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.icl4j.api.EpisodeBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InContextRegressorTest {

    /** float32 model arithmetic on unit-scale values, compared with a double closed form. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path directory;

    @Test
    void predictsTheAverageEstimatorsLabel() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(TestModels.config(2, 10), false));
        double[][] xs = {{1, 2}, {3, -1}, {0.5, 0.5}};
        double[] ys = {2, -1, 4};
        double[] query = {1, 1};
        // w = (2·[1,2] − 1·[3,−1] + 4·[0.5,0.5]) / 3 = [1, 7] / 3, so ŷ = 8/3.
        try (var learner = InContextRegressor.load(model)) {
            assertThat(learner.dimension()).isEqualTo(2);
            assertThat(learner.maxPairs()).isEqualTo(10);
            assertThat(learner.predict(xs, ys, query)).isCloseTo(8.0 / 3.0, within(TOLERANCE));
            assertThat(learner.predict(new double[0][], new double[0], query)).isZero();
        }
    }

    @Test
    void batchedPredictionsGroupEpisodesOfDifferentLengths() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, false));
        EpisodeBatch episodes = TestModels.episodes(7, 6, 3, 21);
        double[] expected = TestModels.averagingPredictions(episodes);
        int[] contexts = {0, 5, 2, 5, 3, 2, 1};
        double[][][] xs = new double[7][][];
        double[][] ys = new double[7][];
        double[][] queries = new double[7][3];
        for (int e = 0; e < 7; e++) {
            xs[e] = new double[contexts[e]][3];
            ys[e] = new double[contexts[e]];
            for (int i = 0; i < contexts[e]; i++) {
                for (int j = 0; j < 3; j++) {
                    xs[e][i][j] = episodes.x(e, i, j);
                }
                ys[e][i] = episodes.y(e, i);
            }
            for (int j = 0; j < 3; j++) {
                queries[e][j] = episodes.x(e, contexts[e], j);
            }
        }
        try (var learner = InContextRegressor.load(model)) {
            double[] predictions = learner.predict(xs, ys, queries);
            for (int e = 0; e < 7; e++) {
                assertThat(predictions[e]).as("episode %d", e).isCloseTo(expected[e * 6 + contexts[e]], within(TOLERANCE));
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnAnswers() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, false));
        EpisodeBatch episodes = TestModels.episodes(64, 9, 4, 5);
        double[] expected = TestModels.averagingPredictions(episodes);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (var learner = InContextRegressor.load(model)) {
            List<Future<Double>> futures = new ArrayList<>();
            for (int e = 0; e < 64; e++) {
                int episode = e;
                futures.add(pool.submit(() -> {
                    double[][] xs = new double[8][4];
                    double[] ys = new double[8];
                    double[] query = new double[4];
                    for (int i = 0; i < 8; i++) {
                        for (int j = 0; j < 4; j++) {
                            xs[i][j] = episodes.x(episode, i, j);
                        }
                        ys[i] = episodes.y(episode, i);
                    }
                    for (int j = 0; j < 4; j++) {
                        query[j] = episodes.x(episode, 8, j);
                    }
                    return learner.predict(xs, ys, query);
                }));
            }
            for (int e = 0; e < 64; e++) {
                assertThat(futures.get(e).get(30, TimeUnit.SECONDS)).isCloseTo(expected[e * 9 + 8], within(TOLERANCE));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void explainsBadArguments() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(TestModels.config(2, 3), false));
        try (var learner = InContextRegressor.load(model)) {
            double[] query = {1, 1};
            assertThatThrownBy(() -> learner.predict(new double[][] {{1, Double.NaN}}, new double[] {1}, query))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("xs[0][1] is NaN; inputs must be finite in float32 (magnitude below 3.4028235E38)");
            // Finite as a double, infinite once the model's float32 input holds it.
            assertThatThrownBy(() -> learner.predict(new double[][] {{1, 2}}, new double[] {1}, new double[] {1e39, 0}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("query[0] is 1.0E39; inputs must be finite in float32 (magnitude below 3.4028235E38)");
            assertThatThrownBy(() -> learner.predict(new double[][] {{1, 2}}, new double[] {Double.NaN}, query))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ys[0] is NaN; labels must be finite in float32 (magnitude below 3.4028235E38)");
            assertThatThrownBy(() -> learner.predict(new double[][] {{1, 2}}, new double[] {-1e40}, query))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ys[0] is -1.0E40; labels must be finite in float32 (magnitude below 3.4028235E38)");
            assertThatThrownBy(() -> learner.predict(new double[][] {{1, 2}}, new double[] {1}, new double[] {1, 2, 3}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("query has 3 values, but the model takes inputs of dimension d = 2");
            assertThatThrownBy(() -> learner.predict(new double[][] {{1, 2}}, new double[] {1, 2}, query))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 examples but ys has 2 labels");
            double[][] three = {{1, 2}, {1, 2}, {1, 2}};
            assertThatThrownBy(() -> learner.predict(three, new double[3], query))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 2 examples plus the query (maxPairs = 3), found 3 examples");
        }
    }

    /**
     * Runs {@link FacadeMain} in a fresh JVM whose class path holds only this module's classes, the api module
     * and ONNX Runtime: the facade must work without Guice, DJL, Tribuo or protobuf.
     */
    @Test
    void facadeRunsWithOnlyEngineOnnxApiAndOnnxRuntimeOnTheClassPath() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(TestModels.config(2, 10), false));
        String classPath = String.join(File.pathSeparator,
                location(InContextRegressor.class), location(EpisodeBatch.class),
                location(ai.onnxruntime.OrtSession.class), location(FacadeMain.class));
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, FacadeMain.class.getName(), model.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        // The same worked example as above: ŷ = 8/3.
        assertThat(output).contains("no protobuf on the class path").contains("prediction 2.6666");
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
