/**
 * ONNX interop: the ONNX Runtime engine ({@code onnx}), the estimator that runs any model following the
 * in-context learner contract ({@link org.icl4j.engine.onnx.OnnxEstimator}), the embeddable
 * {@link org.icl4j.engine.onnx.InContextRegressor} for other JVM applications, and the exporter that writes a
 * transformer checkpoint as such a model.
 *
 * <p>The contract (docs/ONNX.md): inputs {@code xs} float32 [batch, n, d] and {@code ys} float32 [batch, n];
 * output {@code predictions} float32 [batch, n], where entry {@code [b, k]} predicts {@code ys[b, k]} from
 * pairs {@code 0 … k-1} only; optional output {@code hidden_states} float32 [layers+1, batch, tokens, hidden];
 * batch and n dynamic; metadata property {@code icl4j.config} holding the model's config.json.
 */
package org.icl4j.engine.onnx;
