package org.icl4j.plugins.sparseregression;

import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/** Creates {@link SparseRegressionTask}s from specs named {@value #NAME}, e.g. {@code sparse:d=8,s=2,noise=0.1}. */
public final class SparseRegressionTaskFactory implements ComponentFactory<Task> {

    /** The spec name. */
    public static final String NAME = "sparse";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("d", "8", "input dimension, >= 1"),
            new Parameter("s", "2", "number of non-zero weights, 1 ... d, on a support drawn uniformly per episode"),
            new Parameter("noise", "0", "label noise standard deviation sigma, >= 0"),
            new Parameter("tau", "1", "standard deviation tau of every non-zero weight, > 0"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "s-sparse linear regression: s of the d weights are N(0, tau^2) on a uniform support, the others 0";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Task create(Spec spec, CreationContext context) {
        spec.requireKnownParameters(PARAMETERS.stream().map(Parameter::name).toList());
        return new SparseRegressionTask(spec.intValue("d", 8), spec.intValue("s", 2), spec.doubleValue("noise", 0.0),
                spec.doubleValue("tau", 1.0));
    }
}
