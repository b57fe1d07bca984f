/**
 * The sparse-regression plugin: the task {@code sparse}, whose weights have s non-zero coordinates on a uniformly
 * drawn support, and {@code lasso}, ℓ1-penalised least squares by coordinate descent warm-started from the
 * previous prefix. Depends on the icl4j API alone.
 */
package org.icl4j.plugins.sparseregression;
