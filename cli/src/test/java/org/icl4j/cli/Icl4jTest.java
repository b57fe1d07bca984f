package org.icl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes, error lines and --verbose of the top-level command. */
class Icl4jTest {

    @TempDir
    Path temp;

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        CliRunner.Result unknownOption = CliRunner.run("compare", "--nosuch");
        assertThat(unknownOption.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(unknownOption.errLines()).singleElement().asString()
                .startsWith("icl4j compare: Unknown option: '--nosuch'").endsWith("(see 'icl4j compare --help')");
        CliRunner.Result unknownCommand = CliRunner.run("nosuch");
        assertThat(unknownCommand.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(unknownCommand.errLines()).hasSize(1);
    }

    @Test
    void failuresExitWithOneAndPrintTheStackTraceOnlyWhenVerbose() {
        Path out = temp.resolve("run");
        String[] args = {"compare", "--task", "fake-linear", "--d", "2", "--n", "3", "--episodes", "4",
            "--estimators", "fake-zero,fake-failing", "--reference", "fake-zero", "--metrics", "fake-squared-error",
            "--out", out.toString()};
        CliRunner.Result quiet = CliRunner.run(args);
        assertThat(quiet.exitCode()).isEqualTo(Icl4j.FAILURE);
        assertThat(quiet.errLines()).singleElement().asString()
                .isEqualTo("icl4j compare: estimator 'fake-failing' failed while predicting: IllegalStateException (internal state broken); "
                        + "this is a fault of that component, not of the input: report it to its author");
        assertThat(out).doesNotExist();

        String[] verboseArgs = new String[args.length + 1];
        verboseArgs[0] = "--verbose";
        System.arraycopy(args, 0, verboseArgs, 1, args.length);
        CliRunner.Result verbose = CliRunner.run(verboseArgs);
        assertThat(verbose.exitCode()).isEqualTo(Icl4j.FAILURE);
        assertThat(verbose.errLines().get(0)).isEqualTo("icl4j compare: estimator 'fake-failing' failed while predicting: IllegalStateException (internal state broken); "
                        + "this is a fault of that component, not of the input: report it to its author");
        assertThat(verbose.err()).contains("\tat org.icl4j.cli.fake.FakeEstimators");
        assertThat(out).doesNotExist();
    }

    @Test
    void illegalArgumentFromAComponentIsBadInput() {
        Path out = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("compare", "--task", "fake-linear", "--d", "2", "--n", "3",
                "--episodes", "4", "--estimators", "fake-zero,fake-failing:bad-input=true", "--reference", "fake-zero",
                "--metrics", "fake-squared-error", "--out", out.toString());
        assertThat(result.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("icl4j compare: episodes of dimension 2 do not fit");
        assertThat(out).doesNotExist();
    }

    @Test
    void missingFilesAreBadInputAndKeepTheThrowersReason() {
        // Npz.read explains what it looked for; the JDK's own NoSuchFileException has no reason.
        Path missing = temp.resolve("missing.npz");
        CliRunner.Result episodes = CliRunner.run("compare", "--episodes-file", missing.toString(),
                "--out", temp.resolve("run").toString());
        assertThat(episodes.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(episodes.errLines()).singleElement().asString()
                .isEqualTo("icl4j compare: cannot access " + missing + ": no such .npz file");
        Path folder = temp.resolve("no-such-folder");
        CliRunner.Result plugins = CliRunner.run("--plugins", folder.toString(), "list");
        assertThat(plugins.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(plugins.errLines()).hasSize(1);
    }

    @Test
    void fakeComponentsRunEndToEndWithAKnownValue() throws Exception {
        Path out = temp.resolve("run");
        CliRunner.Result result = CliRunner.run("compare", "--task", "fake-linear", "--d", "2", "--n", "3",
                "--episodes", "4", "--estimators", "fake-zero,fake-mean:scale=0", "--reference", "fake-zero",
                "--metrics", "fake-squared-error,fake-spd", "--out", out.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        // fake-mean with scale 0 predicts 0 like fake-zero, so their SPD is exactly 0 at every k.
        assertThat(java.nio.file.Files.readAllLines(out.resolve("fake-spd.csv")))
                .containsExactly("k,estimator,reference,mean,lower,upper",
                        "0,fake-mean:scale=0,fake-zero,0.0,0.0,0.0",
                        "1,fake-mean:scale=0,fake-zero,0.0,0.0,0.0",
                        "2,fake-mean:scale=0,fake-zero,0.0,0.0,0.0");
    }

    @Test
    void versionComesFromTheBuild() {
        CliRunner.Result result = CliRunner.run("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).matches("icl4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
