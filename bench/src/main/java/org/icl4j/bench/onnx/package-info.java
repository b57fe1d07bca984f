/**
 * Inference benchmarks of the transformer engines side by side: ONNX Runtime (with its session settings)
 * against every other engine on the class path (DJL + PyTorch), on one episode (latency) and on batches
 * (throughput). Run by hand; results are recorded in docs/BENCHMARKS.md.
 */
package org.icl4j.bench.onnx;
