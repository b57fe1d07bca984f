/**
 * Probing hidden states (the paper's Fig. 4 and 5): which layer of a trained learner holds Xᵀy or the least-squares
 * weights. {@link org.icl4j.algorithms.probe.HiddenStateStream} streams per-layer states of episodes in batches;
 * the built-in {@link org.icl4j.api.ProbeTarget}s are {@code xty} ({@link org.icl4j.algorithms.probe.MomentTarget}),
 * {@code w-ols} ({@link org.icl4j.algorithms.probe.LeastSquaresTarget}) and {@code w}
 * ({@link org.icl4j.algorithms.probe.TrueWeightsTarget}); {@link org.icl4j.algorithms.probe.Probing} trains a
 * {@link org.icl4j.api.ProbeTrainer} per target and layer and scores it on held-out episodes
 * ({@link org.icl4j.algorithms.probe.ProbeScore}). The closed-form last-position linear probe lives here; the
 * paper's attention probes, trained with Adam, live in the DJL engine.
 */
package org.icl4j.algorithms.probe;
