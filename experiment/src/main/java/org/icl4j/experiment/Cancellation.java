package org.icl4j.experiment;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation request the host (a CLI's signal handler, an embedding app) sets and executors and run steps
 * poll. Cancelling starts no new run; a run step that sees it stops at its next safe point, leaving its folder
 * resumable, and throws {@link java.util.concurrent.CancellationException}.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Requests cancellation; idempotent. */
    public void cancel() {
        cancelled.set(true);
    }

    /** @return whether cancellation was requested */
    public boolean isCancelled() {
        return cancelled.get();
    }
}
