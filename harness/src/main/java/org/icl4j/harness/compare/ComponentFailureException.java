package org.icl4j.harness.compare;

/**
 * A component (an estimator or a metric, often a plugin's) failed with an unexpected exception while a comparison
 * ran; the message names the component and the original exception, which is the cause.
 */
public final class ComponentFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which component failed, doing what, and with which exception
     * @param cause the exception the component threw
     */
    public ComponentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
