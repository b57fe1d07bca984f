package org.icl4j.harness;


/**
 * Progress of a long job, reported by the harness to its host: the command line shows a terminal progress bar, an
 * embedding application whatever it likes; {@link #NONE} shows nothing.
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
}
