package org.icl4j.experiment;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import static java.util.Objects.requireNonNull;

/**
 * Executes one run of a plan: the single code path of every executor (the local pool's threads and a cluster's
 * {@code run-one} tasks). A done run is skipped; a run that started before resumes; the result is written last.
 */
public final class RunExecution {
    private final SuiteFolder folder;
    private final RunStep step;

    /**
     * @param folder the suite's folder
     * @param step the host's run step
     */
    public RunExecution(SuiteFolder folder, RunStep step) {
        this.folder = requireNonNull(folder, "folder is null");
        this.step = requireNonNull(step, "step is null");
    }

    /**
     * @param plan the suite's plan
     * @param run one of its runs
     * @param cancellation the host's cancellation
     * @return what came of it
     * @throws IOException when the run folder cannot be written
     */
    public RunOutcome execute(Plan plan, PlannedRun run, Cancellation cancellation) throws IOException {
        RunState state = folder.state(run.id());
        if (state == RunState.DONE) {
            return RunOutcome.ALREADY_DONE;
        }
        Optional<UsedRun> input = Optional.empty();
        if (run.input().isPresent()) {
            RunId used = run.input().get();
            if (folder.state(used) != RunState.DONE) {
                return RunOutcome.BLOCKED;
            }
            PlannedRun usedRun = plan.run(used).orElseThrow(() -> new IllegalStateException(used + " is not in the plan"));
            input = Optional.of(new UsedRun(used, usedRun.kind(), usedRun.settings(), folder.runFolder(used), folder.result(used)));
        }
        if (cancellation.isCancelled()) {
            return RunOutcome.CANCELLED;
        }
        boolean resume = state != RunState.PENDING;
        folder.markStarted(run);
        long start = System.nanoTime();
        RunResult result;
        try {
            result = step.run(new RunRequest(run.id(), run.kind(), run.settings(), folder.runFolder(run.id()), input, resume),
                    cancellation);
            requireNonNull(result, "the run step returned no result");
        } catch (CancellationException e) {
            return RunOutcome.CANCELLED;
        } catch (Exception | Error e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            folder.markFailed(run.id(), trace.toString());
            return RunOutcome.FAILED;
        }
        folder.markDone(run.id(), result, (System.nanoTime() - start) / 1e9);
        return RunOutcome.FINISHED;
    }

    /**
     * The {@code run-one} entry: executes run {@code index} of the plan in {@code suite.json}, as one task of a
     * job array does.
     *
     * @param folder the suite's folder (holding {@code suite.json})
     * @param index the run's index in the plan
     * @param step the host's run step
     * @param cancellation the host's cancellation
     * @return what came of it
     * @throws IOException when the plan cannot be read or the run folder written
     * @throws IllegalArgumentException when the index is out of range
     */
    public static RunOutcome runOne(SuiteFolder folder, int index, RunStep step, Cancellation cancellation) throws IOException {
        Plan plan = folder.readPlan();
        if (index < 0 || index >= plan.runs().size()) {
            throw new IllegalArgumentException("run index must be between 0 and " + (plan.runs().size() - 1)
                    + " (the plan in " + folder.root() + " has " + plan.runs().size() + " runs), found " + index);
        }
        return new RunExecution(folder, step).execute(plan, plan.runs().get(index), cancellation);
    }
}
