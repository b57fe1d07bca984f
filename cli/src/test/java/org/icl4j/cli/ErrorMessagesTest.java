package org.icl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors name the paths a user gave, never the hidden temporary siblings that atomic writes go through. */
class ErrorMessagesTest {

    @Test
    void temporarySiblingsAreShownAsTheUsersPath() {
        assertThat(Icl4j.userPaths("cannot access /data/runs/.exp1.partial-4242-1f3a9c/results.json: disk full"))
                .isEqualTo("cannot access /data/runs/exp1/results.json: disk full");
        assertThat(Icl4j.userPaths("cannot write /data/.model.onnx.tmp-77-ab12: permission denied"))
                .isEqualTo("cannot write /data/model.onnx: permission denied");
        assertThat(Icl4j.userPaths("cannot move '/data/.run.previous' back")).isEqualTo("cannot move '/data/run' back");
        assertThat(Icl4j.userPaths("file .hidden.txt and a.partial-1-2 stay")).isEqualTo("file .hidden.txt and a.partial-1-2 stay");
    }

    @Test
    void outOfRangeNumbersAreNamedAsSuchNotAsMalformed() {
        CliRunner.Result tooBig = CliRunner.run("compare", "--episodes", "99999999999");
        assertThat(tooBig.exitCode()).isEqualTo(Icl4j.BAD_INPUT);
        assertThat(tooBig.err()).contains("beyond the range of an int").doesNotContain("is not an int");
        CliRunner.Result tiny = CliRunner.run("compare", "--noise", "1e-400");
        assertThat(tiny.err()).contains("too small for a double");
    }
}
