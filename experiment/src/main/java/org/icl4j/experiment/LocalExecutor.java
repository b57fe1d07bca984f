package org.icl4j.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs up to {@code jobs} runs at once in this JVM, each as soon as the run it uses is done. Among the runs
 * that can start, the costliest goes first ({@link CostEstimate#flops}: its own operations and those of the runs
 * that use it, directly or not), a run of unknown cost counting as none, plan order among equals: the long
 * trainings of a suite start early instead of running alone at its end while the other cores idle. A failed run
 * blocks the runs that use it and nothing else. After cancellation no run starts; the running ones are left to
 * stop at their next safe point, and the executor returns when they have.
 */
public final class LocalExecutor implements Executor {
    private static final long POLL_MILLISECONDS = 100;
    private final int jobs;

    /** @param jobs runs at once, at least 1 */
    public LocalExecutor(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, found " + jobs);
        }
        this.jobs = jobs;
    }

    /** @return an executor running one run per available processor */
    public static LocalExecutor perCore() {
        return new LocalExecutor(Runtime.getRuntime().availableProcessors());
    }

    /** @return runs at once */
    public int jobs() {
        return jobs;
    }

    @Override
    public void execute(SuiteFolder folder, Plan plan, RunStep step, Cancellation cancellation, SuiteListener listener)
            throws IOException, InterruptedException {
        if (!plan.scale().runsLocally()) {
            throw new IllegalArgumentException("the " + plan.scale().key() + " scale (" + plan.runs().size()
                    + " runs) is meant for GPUs and is not run here; use --scale smoke or quick, or a cluster executor");
        }
        RunExecution execution = new RunExecution(folder, step);
        Set<RunId> done = new HashSet<>();
        Set<RunId> ended = new HashSet<>();
        List<PlannedRun> waiting = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            if (folder.state(run.id()) == RunState.DONE) {
                done.add(run.id());
            } else {
                waiting.add(run);
            }
        }
        waiting = longestFirst(plan, waiting);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, task -> {
            Thread thread = new Thread(task, "icl4j-run-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Finished> completion = new ExecutorCompletionService<>(pool);
        int running = 0;
        IOException failure = null;
        try {
            while (true) {
                for (Iterator<PlannedRun> it = waiting.iterator(); it.hasNext(); ) {
                    PlannedRun run = it.next();
                    boolean inputEnded = run.input().isPresent() && ended.contains(run.input().get()) && !done.contains(run.input().get());
                    if (inputEnded) {
                        it.remove();
                        ended.add(run.id());
                        listener.finished(run, RunOutcome.BLOCKED);
                    } else if (running < jobs && failure == null && !cancellation.isCancelled()
                            && (run.input().isEmpty() || done.contains(run.input().get()))) {
                        it.remove();
                        listener.started(run);
                        completion.submit(() -> new Finished(run, execution.execute(plan, run, cancellation)));
                        running++;
                    }
                }
                if (running == 0) {
                    break;
                }
                Future<Finished> next = completion.poll(POLL_MILLISECONDS, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                running--;
                try {
                    Finished finished = next.get();
                    ended.add(finished.run().id());
                    if (finished.outcome() == RunOutcome.FINISHED || finished.outcome() == RunOutcome.ALREADY_DONE) {
                        done.add(finished.run().id());
                    }
                    listener.finished(finished.run(), finished.outcome());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        failure = failure == null ? io : failure;
                    } else {
                        throw new IllegalStateException("a run's execution failed outside its step", e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.DAYS);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * @param plan the plan
     * @param runs some of its runs, in plan order
     * @return {@code runs} by descending cost of the run with every run downstream of it, plan order among equals
     */
    static List<PlannedRun> longestFirst(Plan plan, List<PlannedRun> runs) {
        Map<RunId, Double> chain = new HashMap<>();
        List<PlannedRun> all = plan.runs();
        // plan order is dependency order, so walking it backwards totals every run's users before the run itself
        for (int i = all.size() - 1; i >= 0; i--) {
            PlannedRun run = all.get(i);
            double own = CostEstimate.flops(plan, run).orElse(0.0);
            chain.merge(run.id(), own, Double::sum);
            double total = chain.get(run.id());
            run.input().ifPresent(input -> chain.merge(input, total, Double::sum));
        }
        List<PlannedRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble((PlannedRun run) -> -chain.get(run.id())));
        return sorted;
    }

    private record Finished(PlannedRun run, RunOutcome outcome) {
    }
}
