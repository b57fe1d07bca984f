/**
 * The paper's metrics (docs/PAPER.md, Metrics) as {@link org.icl4j.api.Metric}s: squared error ({@code squared-error}),
 * SPD ({@code spd}), ILWD ({@code ilwd}), R² of the implicit linear fit ({@code r2}) and MSPD ({@code mspd}),
 * each per prefix length k (MSPD as one value), dimension-normalised where the paper says so, with a 95%
 * confidence interval over episodes ({@link org.icl4j.algorithms.metric.ConfidenceIntervals}).
 * {@link org.icl4j.algorithms.metric.DefaultEvaluation} caches predictions and implicit weights across metrics.
 */
package org.icl4j.algorithms.metric;
