package org.icl4j.engine.onnx;

import java.nio.file.Path;

/** The program {@link InContextRegressorTest} runs on a minimal class path. */
public final class FacadeMain {

    private FacadeMain() {
    }

    /**
     * @param args the model's path
     * @throws Exception on any failure, which the test reports
     */
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("com.google.protobuf.Message");
            throw new IllegalStateException("protobuf is on the class path; the test needs a minimal class path");
        } catch (ClassNotFoundException expected) {
            System.out.println("no protobuf on the class path");
        }
        try (var learner = InContextRegressor.load(Path.of(args[0]))) {
            double y = learner.predict(new double[][] {{1, 2}, {3, -1}, {0.5, 0.5}}, new double[] {2, -1, 4},
                    new double[] {1, 1});
            System.out.println("prediction " + y);
        }
    }
}
