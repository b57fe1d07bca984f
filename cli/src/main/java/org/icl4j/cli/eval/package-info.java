/** The {@code icl4j eval} command: a trained model's comparison report, with the task and n read from its checkpoint. */
package org.icl4j.cli.eval;
