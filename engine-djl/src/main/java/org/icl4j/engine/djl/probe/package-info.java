/**
 * The paper's attention probes on DJL ({@link org.icl4j.engine.djl.probe.DjlAttentionProbe}, names
 * {@code attention-mlp} and {@code attention-linear}), trained with the engine's Adam.
 */
package org.icl4j.engine.djl.probe;
