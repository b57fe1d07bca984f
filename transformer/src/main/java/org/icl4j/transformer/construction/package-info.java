/**
 * Explicit constructions (docs/PAPER.md, Constructions; Akyürek et al. 2023, Section 3 and Appendices A–C): an IR for
 * the paper's primitives mov, aff, mul, div and the general RAW operator over the hidden-state matrix, an exact
 * interpreter, the programs for one gradient-descent step, online SGD and Sherman–Morrison ridge, and a compiler
 * that lowers every primitive to one transformer layer and writes an ordinary checkpoint (docs/CONSTRUCTIONS.md).
 */
package org.icl4j.transformer.construction;
