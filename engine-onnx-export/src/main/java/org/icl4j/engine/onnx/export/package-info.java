/**
 * ONNX export: {@link org.icl4j.engine.onnx.export.OnnxExporter} writes a transformer checkpoint as an ONNX model
 * that follows the in-context learner contract (docs/ONNX.md), with the graph built from ONNX protobuf classes
 * ({@link org.icl4j.engine.onnx.export.OnnxGraph}); {@link org.icl4j.engine.onnx.export.OnnxExportPlugin}
 * contributes it as the {@code onnx} {@link org.icl4j.api.ModelExporter}.
 */
package org.icl4j.engine.onnx.export;
