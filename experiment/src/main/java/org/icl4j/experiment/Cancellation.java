package org.icl4j.experiment;

import org.icl4j.api.CancellationToken;

/**
 * A cancellation request the host (a CLI's signal handler, an embedding app) sets and executors and run steps
 * poll. Cancelling starts no new run; a run step that sees it stops at its next safe point, leaving its folder
 * resumable, and throws {@link java.util.concurrent.CancellationException}.
 */
public final class Cancellation {
    private final CancellationToken token = new CancellationToken();

    /** Requests cancellation; idempotent. */
    public void cancel() {
        token.cancel();
    }

    /** @return whether cancellation was requested */
    public boolean isCancelled() {
        return token.isCancelled();
    }

    /** @return the same request as the engines' token, for a step that hands it to a learner */
    public CancellationToken token() {
        return token;
    }
}
