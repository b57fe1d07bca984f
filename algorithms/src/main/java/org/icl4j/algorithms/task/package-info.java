/**
 * In-context regression tasks: {@link org.icl4j.algorithms.task.GaussianLinearRegressionTask}, the paper's
 * Gaussian linear regression with configurable input and weight distributions (spec name {@code linear}).
 */
package org.icl4j.algorithms.task;
