/**
 * The reference in-context learning algorithms of docs/PAPER.md as {@link org.icl4j.api.Estimator}s: minimum-norm
 * least squares ({@code ols}), ridge ({@code ridge}), Bayes ridge ({@code bayes}), gradient descent ({@code gd}),
 * online SGD ({@code sgd}), k-nearest neighbours ({@code knn}), averaging ({@code averaging}) and zero
 * ({@code zero}). Those with parameters have a {@link org.icl4j.api.ComponentFactory} class here; the others are
 * created through {@link org.icl4j.algorithms.ParameterlessFactory}.
 *
 * <p>Every algorithm fits all prefixes of an episode in one incremental pass (O(d²) per pair for the
 * least-squares family), computes in double and returns float; large batches are split over threads by
 * {@link org.icl4j.algorithms.EpisodeParallelism}. docs/ALGORITHMS.md states the numerics.
 */
package org.icl4j.algorithms.estimator;
