package org.icl4j.transformer.construction;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A construction: a chain of primitives over the hidden-state matrix of one episode, with the episode's layout.
 *
 * <p>Columns are the tokens of docs/MODEL.md: column {@code 2i} is pair i's x token, column {@code 2i+1} its
 * label token, 2n − 1 columns for n pairs. Before the first primitive, rows {@code x} hold x_i in column 2i and
 * zero elsewhere, row {@code y} holds y_i in column 2i+1 and zero elsewhere (the tokens {@code [0, x_i]} and
 * {@code [y_i, 0…0]}), each position feature row holds its value, and every other row is zero. After the last
 * primitive, row {@code prediction} of column 2i holds the prediction for y_i made from pairs 0 … i−1.
 *
 * @param name the algorithm and its settings as a spec string, e.g. {@code ridge:lambda=0.25,steps=8}
 * @param dimension the input width d
 * @param maxPairs the longest episode the program is meant for (fixes the position features' P = 2·maxPairs)
 * @param rows the number of rows of H
 * @param x rows of the x token's features, d of them
 * @param y the label's row
 * @param features rows written by the position embedding
 * @param steps the primitives, applied in order; each is one transformer layer
 * @param prediction the row read out at every x token
 * @param ranges every named range, for documentation
 */
public record Program(String name, int dimension, int maxPairs, int rows, RowRange x, RowRange y,
        Map<PositionFeature, RowRange> features, List<Primitive> steps, RowRange prediction, List<RowRange> ranges) {

    /** Validates the layout and every step against the row count. */
    public Program {
        requireNonNull(name, "name is null");
        requireNonNull(x, "x is null");
        requireNonNull(y, "y is null");
        requireNonNull(features, "features is null");
        requireNonNull(steps, "steps is null");
        requireNonNull(prediction, "prediction is null");
        requireNonNull(ranges, "ranges is null");
        if (dimension < 1 || maxPairs < 1) {
            throw new IllegalArgumentException("program " + name + ": dimension and maxPairs must be >= 1, found "
                    + dimension + " and " + maxPairs);
        }
        if (x.size() != dimension || y.size() != 1 || prediction.size() != 1) {
            throw new IllegalArgumentException("program " + name + ": x must have " + dimension + " rows and y and "
                    + "prediction one row each, found " + x + ", " + y + ", " + prediction);
        }
        List<RowRange> inputs = new ArrayList<>(List.of(x, y));
        inputs.addAll(features.values());
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).end() > rows) {
                throw new IllegalArgumentException("program " + name + ": input rows " + inputs.get(i)
                        + " are out of range; the program has rows 0 … " + (rows - 1));
            }
            for (int j = i + 1; j < inputs.size(); j++) {
                if (inputs.get(i).overlaps(inputs.get(j))) {
                    throw new IllegalArgumentException("program " + name + ": input rows " + inputs.get(i)
                            + " and " + inputs.get(j) + " overlap");
                }
            }
        }
        if (prediction.end() > rows) {
            throw new IllegalArgumentException("program " + name + ": prediction row " + prediction
                    + " is out of range; the program has rows 0 … " + (rows - 1));
        }
        for (RowRange feature : features.values()) {
            if (feature.size() != 1) {
                throw new IllegalArgumentException("program " + name + ": a position feature is one row, found "
                        + feature);
            }
        }
        for (Primitive step : steps) {
            step.checkInside(rows);
        }
        Map<PositionFeature, RowRange> copy = new EnumMap<>(PositionFeature.class);
        copy.putAll(features);
        features = Collections.unmodifiableMap(copy);
        steps = List.copyOf(steps);
        ranges = List.copyOf(ranges);
    }

    /** @return the number of layers the compiled program needs: one per primitive (Lemma 1) */
    public int layers() {
        return steps.size();
    }

    /** @return the number of positions P = 2·maxPairs */
    public int positions() {
        return 2 * maxPairs;
    }

    /**
     * @param kind a primitive kind (mov, aff, mul, div, raw)
     * @return how many steps have that kind
     */
    public long count(String kind) {
        return steps.stream().filter(step -> step.kind().equals(kind)).count();
    }
}
