/**
 * {@code icl4j reproduce}, {@code sweep}, {@code run-one} and {@code status}: the experiment engine of module
 * {@code experiment} driven from the command line, with the run steps that train, evaluate and probe through the harness
 * ({@link org.icl4j.cli.experiment.RunSteps}) and the suite's report ({@link org.icl4j.cli.experiment.SuiteReport}).
 */
package org.icl4j.cli.experiment;
