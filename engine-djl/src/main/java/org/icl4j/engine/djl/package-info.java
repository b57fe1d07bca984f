/**
 * The {@code djl} engine: the transformer of docs/MODEL.md trained and run with DJL on PyTorch.
 *
 * <p>{@link org.icl4j.engine.djl.DjlTransformer} is the model as NDArray operations, with parameters named as the
 * checkpoint tensors; {@link org.icl4j.engine.djl.DjlTransformerLearner} trains it (AdamW, warm-up then
 * half-cosine, fresh episodes each update, optional curriculum, atomic checkpoints, exact resume);
 * {@link org.icl4j.engine.djl.DjlTransformerEstimator} runs a checkpoint as an estimator with hidden states;
 * {@link org.icl4j.engine.djl.DjlEngine} and {@link org.icl4j.engine.djl.DjlPlugin} make it available to the host.
 * Settings and presets are documented in docs/TRAINING.md.
 */
package org.icl4j.engine.djl;
