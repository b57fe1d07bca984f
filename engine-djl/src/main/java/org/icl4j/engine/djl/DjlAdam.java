package org.icl4j.engine.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.formats.model.Tensor;

/**
 * Adam with decoupled weight decay (AdamW, as the authors' {@code optax.adamw}), on the parameters of a
 * {@link DjlTransformer} or any other named set of arrays that record gradients (e.g. a probe's). Its moments are ordinary arrays named {@code m.<name>} and {@code v.<name>} so that a
 * checkpoint saves and restores them exactly.
 *
 * <p>Update {@code t} with gradient g and learning rate η: {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
 * {@code p ← p − η(m/(1−β₁ᵗ) / (sqrt(v/(1−β₂ᵗ)) + ε) + λp)}.
 */
public final class DjlAdam implements AutoCloseable {

    private final Map<String, NDArray> parameters;
    private final DataType dataType;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();

    /**
     * Zero moments for every parameter of {@code model}.
     *
     * @param model the model whose parameters this optimiser updates
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param weightDecay decoupled weight decay λ
     * @param parent the manager under which the moments' manager is created
     */
    public DjlAdam(DjlTransformer model, double beta1, double beta2, double epsilon, double weightDecay, NDManager parent) {
        this(model.parameters(), model.device(), model.dataType(), beta1, beta2, epsilon, weightDecay, parent);
    }

    /**
     * Zero moments for every array of {@code parameters}.
     *
     * @param parameters the arrays this optimiser updates, by name
     * @param device their device
     * @param dataType their data type
     * @param beta1 β₁
     * @param beta2 β₂
     * @param epsilon ε
     * @param weightDecay decoupled weight decay λ
     * @param parent the manager under which the moments' manager is created
     */
    public DjlAdam(Map<String, NDArray> parameters, Device device, DataType dataType, double beta1, double beta2,
            double epsilon, double weightDecay, NDManager parent) {
        this.parameters = parameters;
        this.dataType = dataType;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager(device);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            first.put(entry.getKey(), manager.zeros(entry.getValue().getShape(), dataType));
            second.put(entry.getKey(), manager.zeros(entry.getValue().getShape(), dataType));
        }
    }

    /**
     * Replaces the moments with saved ones.
     *
     * @param state tensors {@code m.<name>} and {@code v.<name>} for every parameter
     */
    public void load(Map<String, Tensor> state) {
        for (String name : parameters.keySet()) {
            replace(first, name, state.get("m." + name));
            replace(second, name, state.get("v." + name));
        }
    }

    /**
     * Replaces a moment by a new array created from the saved values. (Writing into the existing array with
     * {@code NDArray.set} makes PyTorch print a deprecation warning on standard error on every resume.)
     */
    private void replace(Map<String, NDArray> moments, String name, Tensor source) {
        NDArray old = moments.get(name);
        NDArray loaded = manager.create(source.values(), old.getShape());
        if (dataType != DataType.FLOAT32) {
            NDArray converted = loaded.toType(dataType, true);
            loaded.close();
            loaded = converted;
        }
        moments.put(name, loaded);
        old.close();
    }

    /** @return the moments as float32 tensors {@code m.<name>}, {@code v.<name>} */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            tensors.put("m." + name, tensor(first.get(name)));
            tensors.put("v." + name, tensor(second.get(name)));
        }
        return tensors;
    }

    private static Tensor tensor(NDArray array) {
        Shape shape = array.getShape();
        int[] dimensions = new int[shape.dimension()];
        for (int i = 0; i < dimensions.length; i++) {
            dimensions[i] = (int) shape.get(i);
        }
        try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
            return Tensor.of(converted.toFloatArray(), dimensions);
        }
    }

    /**
     * Applies update number {@code update} with the parameters' current gradients, then zeroes the gradients.
     *
     * <p>One native call per parameter (PyTorch's in-place AdamW update that DJL exposes as
     * {@code NDArrayEx.adamUpdate}) instead of a dozen array operations, each with its own temporaries. That
     * kernel computes {@code p ← p − ηλp}, {@code m ← β₁m + (1−β₁)sg}, {@code v ← β₂v + (1−β₂)(sg)²},
     * {@code p ← p − η′ m / (sqrt(v) + ε′)} for gradient g and scale s; with {@code η′ = η·sqrt(1−β₂ᵗ)/(1−β₁ᵗ)} and
     * {@code ε′ = ε·sqrt(1−β₂ᵗ)} the last step is exactly the bias-corrected {@code η·m̂/(sqrt(v̂) + ε)} of the
     * class comment (multiply numerator and denominator by {@code sqrt(1−β₂ᵗ)}).
     *
     * @param scope the step's manager (owns temporaries)
     * @param update the update number t, from 1
     * @param learningRate η
     * @param gradientScale a factor applied to every gradient first (gradient-norm clipping), 1 for none
     */
    public void update(NDManager scope, long update, double learningRate, double gradientScale) {
        double correction1 = 1 - Math.pow(beta1, update);
        double root2 = Math.sqrt(1 - Math.pow(beta2, update));
        float corrected = (float) (learningRate * root2 / correction1);
        float epsilonCorrected = (float) (epsilon * root2);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            NDArray parameter = entry.getValue();
            NDArray gradient = parameter.getGradient();
            gradient.attach(scope);
            NDArray m = first.get(entry.getKey());
            NDArray v = second.get(entry.getKey());
            // A negative clip value turns the kernel's element-wise clamp off (clipping here is by global norm).
            parameter.getNDArrayInternal().adamUpdate(new NDList(parameter, gradient, m, v), new NDList(parameter),
                    (float) learningRate, corrected, (float) weightDecay, (float) gradientScale, -1f, (float) beta1,
                    (float) beta2, epsilonCorrected, false, true);
        }
    }

    /** Releases the moments' native memory. */
    @Override
    public void close() {
        manager.close();
    }
}
