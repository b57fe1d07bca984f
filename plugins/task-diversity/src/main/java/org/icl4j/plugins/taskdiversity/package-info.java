/**
 * The task-diversity plugin (Raventós et al., NeurIPS 2023, "Pretraining task diversity and the emergence of
 * non-Bayesian in-context learning for regression"): the task {@code pool}, whose episodes draw their weights
 * uniformly from a finite pool of M vectors fixed once from the Gaussian prior, and {@code dmmse}, the Bayes
 * predictor for that finite prior. Depends on the icl4j API alone.
 */
package org.icl4j.plugins.taskdiversity;
