package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.transformer.ReferenceTransformer;

/**
 * A program compiled to transformer weights: an ordinary model of docs/MODEL.md.
 *
 * @param program the source program
 * @param precision the knob it was compiled with
 * @param config the architecture
 * @param weights every tensor of {@code config}
 * @param rows where the compiler put its own rows (after the program's rows)
 */
public record CompiledConstruction(Program program, Precision precision, TransformerConfig config,
        Map<String, Tensor> weights, CompilerRows rows) {

    /**
     * The rows the compiler adds after the program's {@code 0 … R−1}.
     *
     * @param position t/P₀ (P₀ the smallest power of two ≥ P), the attention keys' first feature
     * @param positionSquared (t/P₀)², their second feature
     * @param zero a row that is always zero: LayerNorm's mean is read off it
     * @param divisorPlus +M·c during a division, for LayerNorm's scale (−1 when the program does not divide)
     * @param divisorMinus −M·c during a division (−1 when the program does not divide)
     * @param scratch first row of the values read from earlier columns for a product
     * @param scratchSize number of scratch rows (0 when no product reads an earlier column)
     */
    public record CompilerRows(int position, int positionSquared, int zero, int divisorPlus, int divisorMinus,
            int scratch, int scratchSize) {
    }

    /** Validates and copies. */
    public CompiledConstruction {
        requireNonNull(program, "program is null");
        requireNonNull(precision, "precision is null");
        requireNonNull(config, "config is null");
        requireNonNull(weights, "weights is null");
        requireNonNull(rows, "rows is null");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** @return the model as a double-precision reference forward pass (an Estimator) */
    public ReferenceTransformer reference() {
        return new ReferenceTransformer(config, weights);
    }

    /**
     * @param task the task spec the model is meant for, or null
     * @param provenance where it came from
     * @return the model as a checkpoint; its {@code training} object records the construction and the precision
     */
    public Checkpoint checkpoint(String task, Provenance provenance) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.put("construction", program.name());
        settings.put("precision", precision.scale());
        settings.put("programSteps", program.layers());
        return new Checkpoint(config, task, settings, provenance, weights, null);
    }
}
