package org.icl4j.formats.npy;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One array of a {@code .npy} file: its numpy dtype, its C-order shape and its values, held as {@code float[]}
 * ({@code <f4}), {@code double[]} ({@code <f8}) or {@code String[]} ({@code <U}n).
 *
 * @param descr the numpy dtype string, e.g. {@code <f4}, {@code <f8}, {@code <U12}
 * @param shape the shape; empty for a scalar
 * @param values {@code float[]}, {@code double[]} or {@code String[]} with the product of the shape as length
 */
public record NpyArray(String descr, int[] shape, Object values) {

    /** Validates that the values match the dtype and the shape. */
    public NpyArray {
        requireNonNull(descr, "descr is null");
        requireNonNull(shape, "shape is null");
        requireNonNull(values, "values is null");
        shape = shape.clone();
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape entries must be >= 0, found " + Arrays.toString(shape));
            }
            size *= dimension;
        }
        int length;
        if (values instanceof float[] f && descr.equals("<f4")) {
            length = f.length;
        } else if (values instanceof double[] d && descr.equals("<f8")) {
            length = d.length;
        } else if (values instanceof String[] s && descr.startsWith("<U")) {
            length = s.length;
        } else {
            throw new IllegalArgumentException("values of type " + values.getClass().getSimpleName()
                    + " do not match dtype " + descr + "; supported: <f4 with float[], <f8 with double[], <Un with String[]");
        }
        if (length != size) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, found " + length);
        }
    }

    /**
     * @param shape the shape
     * @param values float32 values in C order
     * @return a {@code <f4} array
     */
    public static NpyArray ofFloats(int[] shape, float[] values) {
        return new NpyArray("<f4", shape, values);
    }

    /**
     * @param shape the shape
     * @param values float64 values in C order
     * @return a {@code <f8} array
     */
    public static NpyArray ofDoubles(int[] shape, double[] values) {
        return new NpyArray("<f8", shape, values);
    }

    /**
     * A one-dimensional unicode array, as wide as its longest string (at least 1), which numpy reads without
     * pickle.
     *
     * @param values the strings
     * @return a {@code <U}n array
     */
    public static NpyArray ofStrings(String... values) {
        int width = 1;
        for (String value : values) {
            width = Math.max(width, value.codePointCount(0, value.length()));
        }
        return new NpyArray("<U" + width, new int[] {values.length}, values.clone());
    }

    /** @return the number of values */
    public int size() {
        int size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    /** @return the shape (a copy) */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** @return whether the dtype is float32 or float64 */
    public boolean isFloating() {
        return descr.equals("<f4") || descr.equals("<f8");
    }

    /**
     * @return the values as float32; float64 values are rounded to the nearest float
     * @throws IllegalStateException for a string array
     */
    public float[] floats() {
        if (values instanceof float[] f) {
            return f.clone();
        }
        if (values instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new IllegalStateException("array of dtype " + descr + " has no float values");
    }

    /**
     * @return the strings of a unicode array
     * @throws IllegalStateException for a numeric array
     */
    public String[] strings() {
        if (values instanceof String[] s) {
            return s.clone();
        }
        throw new IllegalStateException("array of dtype " + descr + " has no string values");
    }

    /** @return a description such as {@code <f4 [2, 3]} */
    @Override
    public String toString() {
        return descr + " " + Arrays.toString(shape);
    }
}
