package org.icl4j.plugins.secondorder;

import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link SecondOrderNewton} estimators from specs named {@value #NAME}, e.g. {@code newton:steps=5}. */
public final class SecondOrderNewtonFactory implements ComponentFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "newton";

    /** The most Newton–Schulz updates per prefix. */
    public static final int MAX_STEPS = 1000;

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("steps", "10", "Newton-Schulz updates M <- 2M - M A M after M_0 = A/|A|_F^2, 0 ... " + MAX_STEPS));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "iterative Newton: w = M_t X^T y with Newton-Schulz iterates M_t -> (X^T X)^+ (quadratic convergence)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Estimator create(Spec spec, CreationContext context) {
        spec.requireKnownParameters(PARAMETERS.stream().map(Parameter::name).toList());
        return new SecondOrderNewton(spec.toString(), spec.intValue("steps", 10));
    }
}
