package org.icl4j.algorithms.probe;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.ProbeTarget;

/** A probe target with one value per input coordinate (Xᵀy, a weight vector): its dimension is d. */
abstract class VectorTarget implements ProbeTarget {

    private final String name;

    VectorTarget(String name) {
        this.name = requireNonNull(name, "name is null");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int dimension(int inputDimension) {
        return inputDimension;
    }
}
