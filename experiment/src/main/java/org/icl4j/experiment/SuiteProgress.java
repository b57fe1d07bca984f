package org.icl4j.experiment;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The suite's one progress line, e.g. {@code runs 7/20 done, 2 running, 1 failed · fig2 · about 12 min left}. The
 * current figure is the experiment of the run started last; the time left is the estimated cost still to run
 * ({@link CostEstimate#flops}) at the rate (cost per wall second) of the runs finished in this session. The host
 * prints {@link #line()} where it wants (a terminal's status line); this class prints nothing.
 */
public final class SuiteProgress implements SuiteListener {
    private final Plan plan;
    private final LongSupplier nanoTime;
    private final long start;
    private final Set<RunId> running = new LinkedHashSet<>();
    private int done;
    private int failed;
    private String figure = "";
    private double finishedCost;
    private double remainingCost;

    /**
     * @param plan the plan being executed
     * @param folder its folder, for the runs done before
     * @param nanoTime the clock ({@code System::nanoTime})
     */
    public SuiteProgress(Plan plan, SuiteFolder folder, LongSupplier nanoTime) {
        this.plan = plan;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        for (PlannedRun run : plan.runs()) {
            if (folder.state(run.id()) == RunState.DONE) {
                done++;
            } else {
                remainingCost += CostEstimate.flops(plan, run).orElse(0.0);
            }
        }
    }

    @Override
    public void started(PlannedRun run) {
        running.add(run.id());
        figure = run.experiments().get(0);
    }

    @Override
    public void finished(PlannedRun run, RunOutcome outcome) {
        running.remove(run.id());
        double cost = CostEstimate.flops(plan, run).orElse(0.0);
        if (outcome == RunOutcome.FINISHED || outcome == RunOutcome.ALREADY_DONE) {
            done++;
            finishedCost += cost;
            remainingCost -= cost;
        } else if (outcome == RunOutcome.FAILED || outcome == RunOutcome.BLOCKED) {
            failed++;
            remainingCost -= cost;
        }
    }

    /** @return the progress line */
    public String line() {
        StringBuilder line = new StringBuilder("runs ").append(done).append('/').append(plan.runs().size()).append(" done");
        if (!running.isEmpty()) {
            line.append(", ").append(running.size()).append(" running");
        }
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed or blocked");
        }
        if (!figure.isEmpty()) {
            line.append(" · ").append(figure);
        }
        double elapsed = (nanoTime.getAsLong() - start) / 1e9;
        if (finishedCost > 0 && elapsed > 0) {
            line.append(" · about ").append(duration(Math.max(0, remainingCost) / (finishedCost / elapsed))).append(" left");
        } else if (done < plan.runs().size()) {
            line.append(" · time left known after the first run");
        }
        return line.toString();
    }

    static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 90 * 60) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
