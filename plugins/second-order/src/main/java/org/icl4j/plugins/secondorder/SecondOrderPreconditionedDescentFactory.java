package org.icl4j.plugins.secondorder;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.plugins.secondorder.SecondOrderPreconditionedDescent.Preconditioner;

/**
 * Creates {@link SecondOrderPreconditionedDescent} estimators from specs named {@value #NAME}, e.g.
 * {@code pgd:steps=20,preconditioner=jacobi}.
 */
public final class SecondOrderPreconditionedDescentFactory implements ComponentFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "pgd";

    /** The most gradient steps per prefix. */
    public static final int MAX_STEPS = 1_000_000;

    private static final String ALLOWED = Arrays.stream(Preconditioner.values()).map(Preconditioner::specValue)
            .collect(Collectors.joining(", "));

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("steps", "10", "gradient steps from w = 0, 1 ... " + MAX_STEPS),
            new Parameter("preconditioner", "jacobi", "D: jacobi (the diagonal of X^T X) or identity (plain gradient descent)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "preconditioned gradient descent w <- w - eta D^-1 (X^T X w - X^T y), eta = 1/|D^-1/2 X^T X D^-1/2|_F";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Estimator create(Spec spec, CreationContext context) {
        spec.requireKnownParameters(PARAMETERS.stream().map(Parameter::name).toList());
        String value = spec.stringValue("preconditioner", "jacobi");
        Preconditioner preconditioner = Arrays.stream(Preconditioner.values())
                .filter(candidate -> candidate.specValue().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("preconditioner must be one of " + ALLOWED + ", found '"
                        + value + "'"));
        return new SecondOrderPreconditionedDescent(spec.toString(), spec.intValue("steps", 10), preconditioner);
    }
}
