package org.icl4j.api;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop long work, owned by the host (the command line cancels it on Ctrl-C or {@code kill}; an
 * embedding app cancels it from its own thread). Engines poll {@link #isCancelled()} between units of work and
 * stop at the next safe point, leaving their output resumable; they never install signal or shutdown handlers.
 */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token that is not cancelled. */
    public CancellationToken() {
    }

    /** @return a fresh token that nobody cancels unless they hold it */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    /** Asks the work to stop; safe from any thread, and calling it again changes nothing. */
    public void cancel() {
        cancelled.set(true);
    }

    /** @return whether {@link #cancel()} has been called */
    public boolean isCancelled() {
        return cancelled.get();
    }
}
