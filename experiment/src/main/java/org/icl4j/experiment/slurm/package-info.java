/**
 * Suites on a SLURM cluster: {@link org.icl4j.experiment.slurm.SlurmExecutor} writes one job-array script per
 * submission into the suite folder and hands it to {@code sbatch}; each array task runs exactly one run through
 * {@link org.icl4j.experiment.RunExecution#runOne}; {@link org.icl4j.experiment.slurm.SlurmStatus} reads where
 * every run stands from the run folders and {@code squeue}/{@code sacct}. The suite folder, on a file system that
 * the submitting host and every node share, is the only state; the scheduler is the cluster's.
 */
package org.icl4j.experiment.slurm;
