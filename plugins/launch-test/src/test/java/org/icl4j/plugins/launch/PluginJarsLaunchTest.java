package org.icl4j.plugins.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.plugins.launch.FreshJvm.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code icl4j --plugins plugins/} in a fresh JVM on the jars the plugin modules built
 * ({@code plugins/<module>.jar}, written right after their compilation), as README's command does, and checks that
 * the components appear and that their numbers agree with expectations derived independently of the plugins' code.
 * The plugin classes are not on this JVM's class path, so the command can only reach them through the jars.
 */
class PluginJarsLaunchTest {

    private static final Path PLUGINS = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path temp;

    @Test
    void listShowsEveryPluginWithItsJarAndComponents() throws Exception {
        Run run = icl4j("--plugins", PLUGINS.toString(), "list");
        assertThat(run.code()).as(run.output()).isZero();
        for (String module : List.of("task-diversity", "sparse-regression", "second-order")) {
            assertThat(run.output()).contains(module + "  (" + PLUGINS.resolve(module + ".jar") + ")");
        }
        assertThat(run.output())
                .contains("  pool - ").contains("  dmmse - ")
                .contains("  sparse - ").contains("  lasso - ")
                .contains("  newton - ").contains("  pgd - ")
                .contains("[plugin task-diversity]").contains("[plugin sparse-regression]")
                .contains("[plugin second-order]");
    }

    /**
     * Pool of 16 members, d = 4, σ = 0.25. Ridge with λ = σ²/τ² predicts 0 at k = 0, so its error there is
     * E[y²]/d = (mean ‖w_m‖² + σ²)/d ≈ (d τ² + σ²)/d ≈ 1 (400 episodes: about 7% standard error, 16 members:
     * about 18% spread of the pool's mean squared norm, hence ±50%). dMMSE knows the pool: at k = 1 … 3 it beats
     * ridge, and by k = 7 it has found the member, leaving only the noise, σ²/d = 0.0156.
     */
    @Test
    void dmmseBeatsRidgeOnThePoolTask() throws Exception {
        Map<String, double[]> error = compare("pool:size=16,seed=1,d=4,noise=0.25", 8,
                "dmmse,ridge:lambda=0.0625,ols");
        assertThat(error.get("ridge:lambda=0.0625")[0]).isCloseTo(1.0, within(0.5));
        for (int k = 1; k <= 3; k++) {
            assertThat(error.get("dmmse")[k]).as("k = %d", k).isLessThan(error.get("ridge:lambda=0.0625")[k]);
        }
        assertThat(error.get("dmmse")[7]).isLessThan(2 * 0.0625 / 4);
    }

    /**
     * s = 2 of d = 8 weights, noiseless. Minimum-norm least squares keeps the projection of w onto the span of k
     * random inputs, so its error at k is (1 − k/d) E‖w‖²/d = (1 − k/8)·2/8: 0.125 at k = 4 (±35% for 400
     * episodes of a χ²₂-sized ‖w‖², about 4 standard errors). The Lasso with a small λ is close to ℓ1
     * interpolation, which recovers s-sparse weights from k measurements when s/k is below the Donoho–Tanner weak
     * threshold at k/d (about 0.45 at k/d = 5/8), so it beats least squares for k = 5 … 7 &lt; d.
     */
    @Test
    void lassoBeatsLeastSquaresBelowTheDimensionOnTheSparseTask() throws Exception {
        Map<String, double[]> error = compare("sparse:d=8,s=2,noise=0", 16, "lasso:lambda=0.01,ols");
        assertThat(error.get("ols")[4]).isCloseTo(0.125, within(0.125 * 0.35));
        for (int k = 5; k <= 7; k++) {
            assertThat(error.get("lasso:lambda=0.01")[k]).as("k = %d", k).isLessThan(error.get("ols")[k]);
        }
    }

    /**
     * On the built-in linear task (d = 4, σ = 0.1), Newton with 60 steps is least squares to rounding, and
     * preconditioned gradient descent after 3000 steps is too once k ≥ 3d (well-conditioned contexts): their
     * errors per k equal {@code ols}'s, while one gradient step is still far from it at k = 12.
     */
    @Test
    void secondOrderLearnersReachLeastSquares() throws Exception {
        Map<String, double[]> error = compare("linear:d=4,noise=0.1", 16, "newton:steps=60,pgd:steps=3000,pgd:steps=1,ols");
        double[] ols = error.get("ols");
        for (int k = 0; k < 16; k++) {
            assertThat(error.get("newton:steps=60")[k]).as("k = %d", k).isCloseTo(ols[k], within(1e-4 * (1 + ols[k])));
        }
        for (int k = 12; k < 16; k++) {
            assertThat(error.get("pgd:steps=3000")[k]).as("k = %d", k).isCloseTo(ols[k], within(1e-4 * (1 + ols[k])));
        }
        assertThat(error.get("pgd:steps=1")[12]).isGreaterThan(2 * ols[12]);
    }

    @Test
    void aTransformerTrainsOnThePoolTask() throws Exception {
        Path out = temp.resolve("train");
        Run run = icl4j("--plugins", PLUGINS.toString(), "train", "--task", "pool:size=16,seed=1", "--d", "2",
                "--steps", "6", "--set", "evaluationBatch=16", "--set", "checkpointEvery=6", "--set", "logEvery=3",
                "--layers", "1", "--hidden", "8", "--out", out.toString());
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("pool:size=16,seed=1,d=2");
        assertThat(out.resolve("metrics.jsonl")).exists();
    }

    /** Runs compare with the squared error only and returns it per estimator and k. */
    private Map<String, double[]> compare(String task, int n, String estimators) throws Exception {
        Path out = temp.resolve("compare");
        Run run = icl4j("--plugins", PLUGINS.toString(), "compare", "--task", task, "--n", Integer.toString(n),
                "--episodes", "400", "--estimators", estimators, "--metrics", "squared-error", "--out", out.toString());
        assertThat(run.code()).as(run.output()).isZero();
        Map<String, double[]> error = new HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("squared-error.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("k,estimator,mean,lower,upper");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            error.computeIfAbsent(fields[1], name -> new double[n])[Integer.parseInt(fields[0])] =
                    Double.parseDouble(fields[2]);
        }
        return error;
    }

    private Run icl4j(String... args) throws IOException, InterruptedException {
        return FreshJvm.icl4j(temp, args);
    }
}
