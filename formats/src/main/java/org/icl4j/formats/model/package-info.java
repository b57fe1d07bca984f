/**
 * The icl4j transformer as data: its configuration ({@link org.icl4j.formats.model.TransformerConfig}), the
 * tokenisation of episodes ({@link org.icl4j.formats.model.Tokens}), weights in the Hugging Face safetensors
 * format ({@link org.icl4j.formats.model.Safetensors}), checkpoint directories
 * ({@link org.icl4j.formats.model.Checkpoint}) and a pure-Java double-precision forward pass
 * ({@code org.icl4j.transformer.ReferenceTransformer}) that every engine is tested against.
 *
 * <p>The contract these classes implement is docs/MODEL.md: tensor names, shapes, the forward pass and the
 * checkpoint layout. Nothing here depends on a deep-learning library.
 */
package org.icl4j.formats.model;
