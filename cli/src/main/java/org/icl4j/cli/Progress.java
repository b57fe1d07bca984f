package org.icl4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of a long job: a terminal progress bar on standard error when standard output is a terminal, nothing
 * otherwise (pipes, files, tests), so logs stay clean.
 */
public interface Progress extends AutoCloseable {

    /** Progress that shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void step(String message) {
        }

        @Override
        public void total(long steps) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Marks one step done.
     *
     * @param message what was just done, shown beside the bar
     */
    void step(String message);

    /**
     * Updates the planned number of steps.
     *
     * @param steps the total
     */
    void total(long steps);

    @Override
    void close();

    /**
     * A progress bar when standard output is a terminal, else {@link #NONE}.
     *
     * @param task the job's name
     * @param steps the planned number of steps
     * @return the progress
     */
    static Progress forTerminal(String task, long steps) {
        if (System.console() == null) {
            return NONE;
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
