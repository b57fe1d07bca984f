/**
 * The built-in components of icl4j: {@link org.icl4j.algorithms.BuiltinPlugin} contributes the Gaussian linear
 * regression task ({@code org.icl4j.algorithms.task}), the reference in-context learning algorithms of the paper
 * ({@code org.icl4j.algorithms.estimator}) and its metrics ({@code org.icl4j.algorithms.metric}), found by
 * {@link java.util.ServiceLoader} like any other plugin.
 */
package org.icl4j.algorithms;
