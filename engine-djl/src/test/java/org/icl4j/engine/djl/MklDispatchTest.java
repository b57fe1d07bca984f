package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's MKL dispatch library (src/main/native/mkl-dispatch.sh and .c): the script's choices and errors,
 * and, on an AMD CPU with AVX-512, that the preloaded library makes MKL run its AVX-512 path (MKL_VERBOSE names the
 * instruction set it dispatched to) and that the product it computes there is exact.
 */
class MklDispatchTest {

    private static final Path SCRIPT = Path.of("src", "main", "native", "mkl-dispatch.sh").toAbsolutePath();
    private static final String LIBRARY = "libicl4j-mkl-dispatch.so";

    /** Whether this CPU meets the launcher's "auto" condition, read once from /proc/cpuinfo. */
    private static final boolean AMD_WITH_AVX512 = amdWithAvx512();

    @TempDir
    Path out;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(List<String> command, Map<String, String> environment) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ICL4J_MKL_DISPATCH");
        builder.environment().remove("LD_PRELOAD");
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("mkl-dispatch", ".out");
        Path stderr = Files.createTempFile("mkl-dispatch", ".err");
        try {
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("did not finish within 120 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private Result script(Map<String, String> environment) throws IOException, InterruptedException {
        return run(List.of("bash", SCRIPT.toString(), out.toString()), environment);
    }

    /** @return whether /proc/cpuinfo reports an AMD CPU with AVX-512 Foundation, the launcher's "auto" condition */
    private static boolean amdWithAvx512() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo) || !"amd64".equals(System.getProperty("os.arch"))) {
            return false;
        }
        boolean amd = false;
        boolean avx512 = false;
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        for (String line : lines) {
            if (line.startsWith("vendor_id") && line.contains("AuthenticAMD")) {
                amd = true;
            }
            if (line.startsWith("flags") && List.of(line.split("\\s+")).contains("avx512f")) {
                avx512 = true;
            }
        }
        return amd && avx512;
    }

    @Test
    void anUnknownModeIsRefusedNamingTheAllowedOnes() throws Exception {
        Result result = script(Map.of("ICL4J_MKL_DISPATCH", "intel"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("ICL4J_MKL_DISPATCH must be auto, features or vendor, found 'intel'");
        assertThat(out.resolve(LIBRARY)).doesNotExist();
    }

    @Test
    void vendorPreloadsNothingAndBuildsNothing() throws Exception {
        Result result = script(Map.of("ICL4J_MKL_DISPATCH", "vendor"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(out.resolve(LIBRARY)).doesNotExist();
    }

    @Test
    void featuresWithoutACompilerIsAnError() throws Exception {
        Result result = script(Map.of("ICL4J_MKL_DISPATCH", "features", "CC", "no-such-compiler"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("needs a C compiler").contains("'no-such-compiler' is not installed");
    }

    @Test
    void autoWithoutACompilerOnAQualifyingCpuRunsOnWithANote() throws Exception {
        assumeTrue(AMD_WITH_AVX512, "this CPU is not an AMD one with AVX-512");

        Result result = script(Map.of("CC", "no-such-compiler"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("MKL keeps its generic AVX2 path").contains("ICL4J_MKL_DISPATCH=vendor");
    }

    @Test
    void autoBuildsOnceAndReusesTheLibrary() throws Exception {
        assumeTrue(AMD_WITH_AVX512, "this CPU is not an AMD one with AVX-512");

        Result first = script(Map.of());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        Path library = out.resolve(LIBRARY);
        assertThat(first.stdout().strip()).isEqualTo(library.toString());
        assertThat(library).isRegularFile();
        long built = Files.getLastModifiedTime(library).toMillis();

        // A second start finds the library newer than its source and does not need a compiler.
        Result second = script(Map.of("CC", "no-such-compiler"));
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout().strip()).isEqualTo(library.toString());
        assertThat(second.stderr()).isEmpty();
        assertThat(Files.getLastModifiedTime(library).toMillis()).isEqualTo(built);
        try (var leftovers = Files.list(out)) {
            assertThat(leftovers).as("no partial files are left").containsExactly(library);
        }
    }

    private static Result product(Map<String, String> environment) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), MatrixProductMain.class.getName()));
        Map<String, String> withVerbose = new HashMap<>(environment);
        withVerbose.put("MKL_VERBOSE", "1");
        withVerbose.put("OMP_NUM_THREADS", "1");
        return run(command, withVerbose);
    }

    private static void assertExactProduct(String stdout) {
        List<Float> values = stdout.lines().filter(line -> line.startsWith("= "))
                .map(line -> Float.parseFloat(line.substring(2))).toList();
        assertThat(values).hasSize(MatrixProductMain.ROWS * MatrixProductMain.COLUMNS);
        for (int i = 0; i < MatrixProductMain.ROWS; i++) {
            for (int j = 0; j < MatrixProductMain.COLUMNS; j++) {
                int sum = 0;
                for (int k = 0; k < MatrixProductMain.INNER; k++) {
                    sum += MatrixProductMain.left(i, k) * MatrixProductMain.right(k, j);
                }
                assertThat(values.get(i * MatrixProductMain.COLUMNS + j)).as("entry (%d, %d)", i, j)
                        .isEqualTo(sum / 16f);
            }
        }
    }

    @Test
    void thePreloadedLibraryMovesMklToItsAvx512PathAndTheProductStaysExact() throws Exception {
        assumeTrue(AMD_WITH_AVX512, "this CPU is not an AMD one with AVX-512");
        Result built = script(Map.of());
        assertThat(built.exitCode()).as(built.stderr()).isZero();

        Result vendor = product(Map.of());
        Result features = product(Map.of("LD_PRELOAD", built.stdout().strip()));

        assertThat(vendor.exitCode()).as(vendor.stderr()).isZero();
        assertThat(features.exitCode()).as(features.stderr()).isZero();
        // MKL_VERBOSE's first line names the code path, e.g. "… for Intel(R) 64 architecture Intel(R) Advanced
        // Vector Extensions 512 (Intel(R) AVX-512) …"; the generic path says "Intel(R) Architecture processors".
        String vendorBanner = vendor.stdout().lines().filter(line -> line.contains("oneMKL")).findFirst().orElse("");
        String featuresBanner = features.stdout().lines().filter(line -> line.contains("oneMKL")).findFirst()
                .orElse("");
        assertThat(vendorBanner).contains("Intel(R) Architecture processors").doesNotContain("AVX-512");
        assertThat(featuresBanner).contains("(Intel(R) AVX-512)");
        assertExactProduct(vendor.stdout());
        assertExactProduct(features.stdout());
    }
}
