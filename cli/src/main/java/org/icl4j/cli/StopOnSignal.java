package org.icl4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.icl4j.api.CancellationToken;

/**
 * The command line's handling of Ctrl-C and {@code kill} during long work: a JVM shutdown hook (SIGINT and SIGTERM
 * both run shutdown hooks) that cancels a {@link CancellationToken} and then holds the JVM until the work has
 * stopped at a safe point, said so and released it ({@link #close()}), at most {@value #WAIT_SECONDS} s. Without the
 * wait the JVM would end as soon as the signal arrives, under the work; the bound keeps stuck work from blocking the
 * exit for ever. Libraries and engines only see the token.
 */
public final class StopOnSignal implements AutoCloseable {

    /** The longest the JVM waits for the work after a signal. */
    public static final long WAIT_SECONDS = 120;

    private final CancellationToken token = new CancellationToken();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook = new Thread(this::holdJvm, "icl4j-stop-on-signal");

    private final Runnable alsoOnSignal;

    private StopOnSignal(Runnable alsoOnSignal) {
        this.alsoOnSignal = alsoOnSignal;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return a handler that is installed from now until {@link #close()} */
    public static StopOnSignal install() {
        return new StopOnSignal(() -> { });
    }

    /**
     * @param alsoOnSignal run by the signal after the token is cancelled (e.g. to cancel a request of another kind)
     * @return a handler that is installed from now until {@link #close()}
     */
    public static StopOnSignal install(Runnable alsoOnSignal) {
        return new StopOnSignal(java.util.Objects.requireNonNull(alsoOnSignal, "alsoOnSignal is null"));
    }

    /** @return the token that a signal cancels */
    public CancellationToken token() {
        return token;
    }

    private void holdJvm() {
        token.cancel();
        alsoOnSignal.run();
        try {
            released.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the JVM end (if a signal is ending it) and uninstalls the hook (if not). */
    @Override
    public void close() {
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running; releasing it was all that was left.
        }
    }
}
