/**
 * The second-order plugin: the in-context learners that Fu et al. (2024, "Transformers learn higher-order
 * optimization methods for in-context learning") compare trained transformers with. {@code newton} runs
 * Newton–Schulz iterations towards (XᵀX)⁺; {@code pgd} runs preconditioned gradient descent on the context's
 * least-squares loss. Both converge to least squares as their steps grow, Newton quadratically and gradient descent
 * linearly. Depends on the icl4j API alone.
 */
package org.icl4j.plugins.secondorder;
