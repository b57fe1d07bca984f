package org.icl4j.formats.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A dense float32 tensor: a shape and its row-major values.
 *
 * <p>The values array is held, not copied, because weight tensors can be large; callers that keep using the
 * array after handing it over must not modify it. {@link #equals} compares shapes and values.
 *
 * @param shape the dimensions, each at least 0; an empty shape is a scalar (one value)
 * @param values the row-major values, as many as the product of the dimensions
 */
public record Tensor(int[] shape, float[] values) {

    /** Validates that the values fill the shape. */
    public Tensor {
        requireNonNull(shape, "shape is null");
        requireNonNull(values, "values is null");
        shape = shape.clone();
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("tensor dimensions must be >= 0, found shape " + Arrays.toString(shape));
            }
            count *= dimension;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " needs " + count
                    + " values, found " + values.length);
        }
    }

    /**
     * @param values the row-major values
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(shape, values);
    }

    /**
     * A tensor of zeros.
     *
     * @param shape the dimensions
     * @return the tensor
     */
    public static Tensor zeros(int... shape) {
        long count = 1;
        for (int dimension : shape) {
            count *= Math.max(dimension, 0);
        }
        return new Tensor(shape, new float[Math.toIntExact(count)]);
    }

    /** @return a copy of the shape */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of values */
    public int size() {
        return values.length;
    }

    /**
     * @param other another shape
     * @return whether this tensor has exactly that shape
     */
    public boolean hasShape(int... other) {
        return Arrays.equals(shape, other);
    }

    /** @return the shape as text, e.g. {@code [64, 9]} */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor tensor && Arrays.equals(shape, tensor.shape)
                && Arrays.equals(values, tensor.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
