/** The {@code icl4j train} command: trains a transformer in-context learner into a run folder. */
package org.icl4j.cli.train;
