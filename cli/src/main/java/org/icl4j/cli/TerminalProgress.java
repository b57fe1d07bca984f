package org.icl4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.icl4j.harness.Progress;

/**
 * The command line's {@link Progress}: a terminal progress bar on standard error when standard output is a
 * terminal, nothing otherwise (pipes, files, tests), so logs stay clean.
 */
public final class TerminalProgress {

    private TerminalProgress() {
    }

    /**
     * A progress bar when standard output is a terminal, else {@link #NONE}.
     *
     * @param task the job's name
     * @param steps the planned number of steps
     * @return the progress
     */
    public static Progress forTerminal(String task, long steps) {
        if (System.console() == null) {
            return Progress.NONE;
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
        return new Progress() {
            @Override
            public void step(String message) {
                bar.setExtraMessage(" " + message);
                bar.step();
            }

            @Override
            public void total(long total) {
                bar.maxHint(total);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
