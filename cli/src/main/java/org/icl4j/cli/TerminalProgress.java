package org.icl4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.icl4j.harness.Progress;

/**
 * The command line's {@link Progress}: a terminal progress bar on standard error when standard output is a
 * terminal, nothing otherwise (pipes, files, tests), so logs stay clean. Lines a command wants shown while the bar
 * runs (training's periodic evaluations) go through {@link #println}: on a terminal the bar's line is cleared, the
 * text printed and the bar drawn again below it, so the text scrolls up above the bar instead of being overwritten
 * by it; without a terminal the text is simply printed.
 */
public final class TerminalProgress implements Progress {

    /** Erases the terminal's current line (ANSI "erase in line", whole line) and returns to its start. */
    private static final String ERASE_LINE = "\r\u001b[2K";

    private final ProgressBar bar;
    private final LineConsumer consumer;
    private final PrintWriter text;

    /** With {@code bar} and {@code consumer} null: no terminal, lines go to {@code text}. */
    private TerminalProgress(ProgressBar bar, LineConsumer consumer, PrintWriter text) {
        this.bar = bar;
        this.consumer = consumer;
        this.text = text;
    }

    /**
     * A progress bar when standard output is a terminal, else {@link Progress#NONE}.
     *
     * @param task the job's name
     * @param steps the planned number of steps
     * @return the progress
     */
    public static Progress forTerminal(String task, long steps) {
        return System.console() == null ? Progress.NONE : withText(task, steps, new PrintWriter(System.out, true));
    }

    /**
     * Progress that can also print lines: a bar on standard error with lines above it when standard output is a
     * terminal, else no bar and the lines printed to {@code text}.
     *
     * @param task the job's name
     * @param steps the planned number of steps
     * @param text where lines go when there is no terminal (the command's standard output)
     * @return the progress
     */
    public static TerminalProgress withText(String task, long steps, PrintWriter text) {
        if (System.console() == null) {
            return new TerminalProgress(null, null, text);
        }
        LineConsumer consumer = new LineConsumer(new ConsoleProgressBarConsumer(System.err), text);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setConsumer(consumer)
                .clearDisplayOnFinish().build();
        return new TerminalProgress(bar, consumer, text);
    }

    /** @return whether a bar is drawn */
    public boolean showsBar() {
        return bar != null;
    }

    /**
     * Prints a line above the bar (or just prints it when there is no bar).
     *
     * @param line the text, without a line break
     */
    public void println(String line) {
        if (consumer == null) {
            text.println(line);
            text.flush();
        } else {
            consumer.above(line);
        }
    }

    @Override
    public void step(String message) {
        if (bar != null) {
            bar.setExtraMessage(" " + message);
            bar.step();
        }
    }

    @Override
    public void total(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /**
     * Draws the bar through the library's console consumer, remembering the last drawing so that a line printed
     * above it can be followed by the bar again; one lock orders the bar's refresh thread and the printed lines.
     */
    private static final class LineConsumer implements ProgressBarConsumer {
        private final ConsoleProgressBarConsumer console;
        private final PrintWriter text;
        private String last = "";

        LineConsumer(ConsoleProgressBarConsumer console, PrintWriter text) {
            this.console = console;
            this.text = text;
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public synchronized void accept(String rendered) {
            last = rendered;
            console.accept(rendered);
        }

        synchronized void above(String line) {
            System.err.print(ERASE_LINE);
            System.err.flush();
            text.println(line);
            text.flush();
            if (!last.isEmpty()) {
                console.accept(last);
            }
        }

        @Override
        public synchronized void clear() {
            console.clear();
        }

        @Override
        public synchronized void close() {
            console.close();
        }
    }
}
