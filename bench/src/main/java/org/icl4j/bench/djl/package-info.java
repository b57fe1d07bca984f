/**
 * Measurements of the {@code djl} engine: training throughput and model-FLOP utilisation against an fp32 matmul
 * peak measured in the same process, where a training step's time goes, resident memory over a long run, and the
 * search behind the {@code quick} preset. Results are recorded in docs/BENCHMARKS.md and docs/TRAINING.md.
 */
package org.icl4j.bench.djl;
