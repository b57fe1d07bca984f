/** {@code icl4j export}: a transformer checkpoint as an ONNX in-context learner (docs/ONNX.md). */
package org.icl4j.cli.export;
