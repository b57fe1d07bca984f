/**
 * Probing a trained model's hidden states layer by layer ({@link org.icl4j.algorithms.probe.Probing}) as a job of
 * the harness: the model (and a control) loaded through the engines, the targets and the probe created from specs
 * through the registries, progress reported, and every finished score kept in a {@link ScoreFolder} so that an
 * interrupted run resumes.
 */
package org.icl4j.harness.probe;
