/**
 * {@code icl4j compare}: runs in-context learning algorithms (and loaded models) on the same episodes and compares
 * them on the paper's metrics (squared error, SPD, ILWD, R², MSPD), writing a run folder with a report.
 */
package org.icl4j.cli.compare;
