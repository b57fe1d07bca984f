package org.icl4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code icl4j} in this JVM with captured standard output and error. */
public final class CliRunner {

    private CliRunner() {
    }

    /**
     * The outcome of one run.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    public record Result(int exitCode, String out, String err) {
        /** @return standard error's lines */
        public java.util.List<String> errLines() {
            return err.lines().toList();
        }
    }

    /**
     * @param args the arguments after {@code icl4j}
     * @return the outcome
     */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Icl4j.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
